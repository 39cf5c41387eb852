import { describe, expect, it } from 'vitest'
import {
  BUILTIN_COLOR,
  DEFAULT_BRIDGE_COLOR,
  NETWORK_PALETTE,
} from '../../../src/view/graph/colors'
import { createTestLab } from '../../helpers/lab'
import {
  bridgeOf,
  byId,
  container,
  dockerModel,
  edgesAt,
  elementsOf,
  expectPositionsKept,
  HOST,
  iface,
  kernelModel,
  labAfter,
  netnsOf,
  network,
  run,
} from './graph-lab'

const WEB = 'docker run -d --name web -p 8080:80 nginx'

describe('docker view of the default world', () => {
  const lab = createTestLab()
  const m = dockerModel(lab)

  it('draws the default bridge as a bar in Docker blue, naming its subnet and device', () => {
    expect(byId(m, network(lab, 'bridge').id)).toMatchObject({
      kind: 'network',
      label: 'bridge\n172.17.0.0/16 · docker0',
      parent: HOST,
      color: DEFAULT_BRIDGE_COLOR,
    })
  })

  it('draws no bar for host or none while no container uses them', () => {
    expect(elementsOf(m, 'network').map((e) => e.id)).toEqual([network(lab, 'bridge').id])
  })

  it("cables the host's eth0 to the LAN", () => {
    const eth0 = elementsOf(m, 'interface')
    expect(eth0.map((e) => e.label)).toEqual(['eth0\n10.10.0.11/24'])
    expect(edgesAt(m, 'cable', eth0[0]?.id ?? '').map((e) => byId(m, e.target ?? '').kind)).toEqual(
      ['segment'],
    )
  })
})

describe('docker view of a container with a published port', () => {
  const lab = labAfter(WEB)
  const m = dockerModel(lab)
  const web = container(lab, 'web')
  const bar = byId(m, network(lab, 'bridge').id)
  const node = byId(m, web.id)

  it('hangs the container below the bar of its network', () => {
    expect(node).toMatchObject({ kind: 'container', label: 'web\nnginx', parent: HOST })
    expect(node.classes).toContain('status-running')
    const half = (bar.size?.w ?? 0) / 2
    expect(node.position?.y).toBeGreaterThan(bar.position?.y ?? Infinity)
    expect(Math.abs((node.position?.x ?? Infinity) - (bar.position?.x ?? 0))).toBeLessThan(half)
  })

  it('joins it to the bar with an endpoint labelled with its interface and address', () => {
    expect(edgesAt(m, 'endpoint', web.id)).toEqual([
      expect.objectContaining({
        source: web.id,
        target: bar.id,
        label: 'eth0 172.17.0.2',
        color: DEFAULT_BRIDGE_COLOR,
      }),
    ])
  })

  it('shows the published port in a badge under the container', () => {
    const badge = byId(m, `badge:${web.id}`)
    expect(badge.label.split('\n')).toContain('0.0.0.0:8080 → 172.17.0.2:80/tcp')
    expect(badge.position?.y).toBeGreaterThan(node.position?.y ?? Infinity)
  })
})

describe('docker view colours', () => {
  const lab = labAfter(
    'docker network create net1',
    'docker network create net2',
    'docker run -d --name api --network net2 busybox sleep 1d',
  )
  const m = dockerModel(lab)

  it('gives user networks the palette colours in creation order, after the default bridge', () => {
    const bars = elementsOf(m, 'network')
    expect(bars.map((e) => [e.label.split('\n')[0], e.color])).toEqual([
      ['bridge', DEFAULT_BRIDGE_COLOR],
      ['net1', NETWORK_PALETTE[0]],
      ['net2', NETWORK_PALETTE[1]],
    ])
  })

  it('opens a column for each network, left to right in creation order', () => {
    const xs = ['bridge', 'net1', 'net2'].map((n) => byId(m, network(lab, n).id).position?.x ?? 0)
    expect(xs).toEqual([...xs].sort((a, b) => a - b))
    expect(new Set(xs).size).toBe(3)
  })

  it("paints the container and its endpoint in its network's colour", () => {
    const api = container(lab, 'api')
    expect(byId(m, api.id).color).toBe(NETWORK_PALETTE[1])
    expect(edgesAt(m, 'endpoint', api.id).map((e) => e.color)).toEqual([NETWORK_PALETTE[1]])
  })
})

describe('docker view of a container on two networks', () => {
  const lab = labAfter(WEB, 'docker network create net1', 'docker network connect net1 web')
  const m = dockerModel(lab)
  const web = container(lab, 'web')

  it('draws an endpoint to each network bar, labelled with the interface and address', () => {
    expect(
      edgesAt(m, 'endpoint', web.id).map((e) => ({ target: e.target, label: e.label })),
    ).toEqual([
      { target: network(lab, 'bridge').id, label: 'eth0 172.17.0.2' },
      { target: network(lab, 'net1').id, label: 'eth1 172.18.0.2' },
    ])
  })

  it('gives each endpoint the colour of the network it goes to', () => {
    expect(edgesAt(m, 'endpoint', web.id).map((e) => e.color)).toEqual([
      DEFAULT_BRIDGE_COLOR,
      NETWORK_PALETTE[0],
    ])
  })

  it('keeps the container under the network it was started on', () => {
    const bridgeX = byId(m, network(lab, 'bridge').id).position?.x ?? 0
    const net1X = byId(m, network(lab, 'net1').id).position?.x ?? 0
    const x = byId(m, web.id).position?.x ?? Infinity
    expect(Math.abs(x - bridgeX)).toBeLessThan(Math.abs(x - net1X))
  })
})

describe('docker view of --network container:web', () => {
  const lab = labAfter(WEB, 'docker run -d --name side --network container:web busybox sleep 1d')
  const m = dockerModel(lab)
  const web = container(lab, 'web')
  const side = container(lab, 'side')

  it('draws a share edge from the sharing container to web', () => {
    expect(edgesAt(m, 'share', side.id)).toEqual([
      expect.objectContaining({ source: side.id, target: web.id, label: 'shares its netns' }),
    ])
  })

  it('gives the sharing container no endpoint of its own, and hangs it beside web', () => {
    expect(edgesAt(m, 'endpoint', side.id)).toEqual([])
    expect(byId(m, side.id).position?.y).toBe(byId(m, web.id).position?.y)
  })
})

describe('docker view of --network host, --network none and a stopped container', () => {
  const lab = labAfter(
    'docker run -d --name hostly --network host busybox sleep 1d',
    'docker run -d --name nonet --network none busybox sleep 1d',
    'docker run --name old busybox true',
  )
  const m = dockerModel(lab)

  it.each([
    ['hostly', 'host', "host's stack"],
    ['nonet', 'none', 'lo only'],
  ])('joins %s to the %s bar', (name, net, label) => {
    const c = container(lab, name)
    const bar = byId(m, network(lab, net).id)
    expect(bar.color).toBe(BUILTIN_COLOR)
    expect(edgesAt(m, 'endpoint', c.id)).toEqual([
      expect.objectContaining({ source: c.id, target: bar.id, label }),
    ])
    expect(edgesAt(m, 'endpoint', c.id)[0]?.classes).toContain(`mode-${net}`)
    expect(byId(m, c.id).position?.y).toBeGreaterThan(bar.position?.y ?? Infinity)
  })

  it('draws a stopped container dashed, with configured edges to the networks it will join', () => {
    const old = container(lab, 'old')
    const node = byId(m, old.id)
    expect(node.classes.split(' ')).toContain('status-exited')
    expect(node.label).toBe('old\nbusybox\nexited')
    const edges = edgesAt(m, 'endpoint', old.id)
    expect(edges.map((e) => e.target)).toEqual([network(lab, 'bridge').id])
    expect(edges[0]?.classes.split(' ')).toContain('configured')
    expect(edges[0]?.label).toBe('')
  })
})

describe('what docker-view elements stand for', () => {
  const lab = labAfter(WEB)
  const docker = dockerModel(lab)
  const kernel = kernelModel(lab)
  const web = container(lab, 'web')

  it('lets the container stand for its kernel-view namespace and interfaces', () => {
    const ns = netnsOf(kernel, web)
    const eth0 = iface(kernel, 'eth0', ns.id)
    const hostEnd = edgesAt(kernel, 'veth', eth0.id)[0]?.source
    expect(byId(docker, web.id).stands).toEqual(
      expect.arrayContaining([web.netns, eth0.record, hostEnd]),
    )
  })

  it('finds a docker-view element for every record the kernel view draws for the container', () => {
    const drawn = new Set(
      Object.values(docker.elements).flatMap((e) => [e.record, ...(e.stands ?? [])]),
    )
    const records = Object.values(kernel.elements)
      .filter((e) => e.container === web.id && !e.label.startsWith('lo\n'))
      .map((e) => e.record)
    expect(records.filter((r) => !drawn.has(r))).toEqual([])
  })

  it('lets the network bar stand for its bridge device', () => {
    expect(byId(docker, network(lab, 'bridge').id).stands).toEqual([bridgeOf(lab, 'bridge')])
  })
})

describe('docker view placement is incremental', () => {
  const setup = [WEB, 'docker network create net1', 'docker run -d --name cache busybox sleep 1d']

  it.each([
    ['another container', 'docker run -d --name api busybox sleep 1d'],
    ['a container on a user network', 'docker run -d --name db --network net1 busybox sleep 1d'],
    ['another network', 'docker network create net2'],
  ])('keeps every position after %s', (_what, line) => {
    const lab = labAfter(...setup)
    const before = dockerModel(lab)
    run(lab, line)
    expectPositionsKept(before, dockerModel(lab))
  })

  // The host and none columns have fixed places left of the NICs.
  it('keeps every position after a host-mode container', () => {
    const lab = labAfter(...setup)
    const before = dockerModel(lab)
    run(lab, 'docker run -d --name hostly --network host busybox sleep 1d')
    expectPositionsKept(before, dockerModel(lab))
  })

  it('keeps the none column in place when a host-mode container opens the host column', () => {
    const lab = labAfter(...setup, 'docker run -d --name nonet --network none busybox sleep 1d')
    const before = dockerModel(lab)
    run(lab, 'docker run -d --name hostly --network host busybox sleep 1d')
    const after = dockerModel(lab)
    for (const id of [network(lab, 'none').id, container(lab, 'nonet').id])
      expect(after.elements[id]?.position, id).toEqual(before.elements[id]?.position)
  })
})
