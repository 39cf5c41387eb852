import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, hostId } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'
import { buildGraph, createGraphCache, LIGHT_ABOVE } from '../../../src/view/graph/build'
import {
  BUILTIN_COLOR,
  DEFAULT_BRIDGE_COLOR,
  NETWORK_PALETTE,
} from '../../../src/view/graph/colors'
import type { GraphModel, ViewLevel } from '../../../src/view/graph/types'
import { createTestLab } from '../../helpers/lab'
import { dockerModel, elementsOf, kernelModel, labAfter, model, network, run } from './graph-lab'

const SESSION = [
  'docker network create net1',
  'docker run -d --name web -p 8080:80 nginx',
  'docker network connect net1 web',
  'docker run -d --name side --network container:web busybox sleep 1d',
  'docker run -d --name hostly --network host busybox sleep 1d',
  'docker run --name old busybox true',
]

const VIEWS = [
  { level: 'kernel', rules: false },
  { level: 'kernel', rules: true },
  { level: 'docker', rules: false },
] as const

describe('buildGraph', () => {
  it.each(VIEWS)('builds the same $level model (rules $rules) from the same commands', (view) => {
    const a = labAfter(...SESSION)
    const b = labAfter(...SESSION)
    expect(model(a, view)).toStrictEqual(model(b, view))
  })

  it.each(VIEWS)('echoes the $level view options and keys elements by id', (view) => {
    const m = model(labAfter(...SESSION), view)
    expect(m).toMatchObject({ level: view.level, rules: view.rules, light: false })
    for (const [id, e] of Object.entries(m.elements)) expect(e.id).toBe(id)
  })

  it.each(VIEWS)('builds a $level model that survives JSON and structuredClone', (view) => {
    const m = model(labAfter(...SESSION), view)
    expect(JSON.parse(JSON.stringify(m))).toStrictEqual(m)
    expect(structuredClone(m)).toStrictEqual(m)
  })

  it.each(VIEWS)('gives every $level edge two drawn ends', (view) => {
    const m = model(labAfter(...SESSION), view)
    const dangling = Object.values(m.elements).filter(
      (e) =>
        e.source !== undefined &&
        (m.elements[e.source] === undefined || m.elements[e.target ?? ''] === undefined),
    )
    expect(dangling).toEqual([])
    const orphans = Object.values(m.elements).filter(
      (e) => e.parent !== undefined && m.elements[e.parent] === undefined,
    )
    expect(orphans).toEqual([])
  })
})

describe('the legend', () => {
  it('lists only the default bridge in the default world', () => {
    const lab = createTestLab()
    expect(kernelModel(lab).legend).toEqual([
      {
        network: network(lab, 'bridge').id,
        name: 'bridge',
        driver: 'bridge',
        subnet: '172.17.0.0/16',
        color: DEFAULT_BRIDGE_COLOR,
        containers: 0,
      },
    ])
  })

  it('lists the default bridge first, then user networks in creation order', () => {
    const lab = labAfter(
      'docker network create zeta',
      'docker network create alpha',
      'docker run -d --name web nginx',
    )
    expect(dockerModel(lab).legend.map((l) => [l.name, l.color, l.subnet, l.containers])).toEqual([
      ['bridge', DEFAULT_BRIDGE_COLOR, '172.17.0.0/16', 1],
      ['zeta', NETWORK_PALETTE[0], '172.18.0.0/16', 0],
      ['alpha', NETWORK_PALETTE[1], '172.19.0.0/16', 0],
    ])
  })

  it('adds host and none, after the user networks, once a container uses them', () => {
    const lab = labAfter('docker network create net1')
    run(lab, 'docker run -d --name hostly --network host busybox sleep 1d')
    expect(kernelModel(lab).legend.map((l) => l.name)).toEqual(['bridge', 'net1', 'host'])
    run(lab, 'docker run -d --name nonet --network none busybox sleep 1d')
    const legend = kernelModel(lab).legend
    expect(legend.map((l) => l.name).slice(0, 2)).toEqual(['bridge', 'net1'])
    expect(new Set(legend.slice(2).map((l) => l.name))).toEqual(new Set(['host', 'none']))
    expect(legend.slice(2).map((l) => l.color)).toEqual([BUILTIN_COLOR, BUILTIN_COLOR])
  })

  it('is the same in both views', () => {
    const lab = labAfter(...SESSION)
    expect(dockerModel(lab).legend).toStrictEqual(kernelModel(lab).legend)
  })
})

describe('network colours', () => {
  const lab = labAfter(
    'docker network create net1',
    'docker network create net2',
    'docker run -d --name web nginx',
    'docker run -d --name api --network net1 busybox sleep 1d',
    'docker run -d --name db --network net2 busybox sleep 1d',
    'docker network connect net2 api',
  )

  it.each<ViewLevel>(['kernel', 'docker'])(
    'paints every %s-view element that belongs to one network in its legend colour',
    (level) => {
      const m = model(lab, { level, rules: false })
      const legend = new Map(m.legend.map((l) => [l.network, l.color]))
      const painted = Object.values(m.elements).filter(
        (e) => e.color !== undefined && e.networks?.length === 1,
      )
      expect(painted.length).toBeGreaterThan(6)
      const wrong = painted.filter((e) => e.color !== legend.get(e.networks?.[0] ?? ''))
      expect(wrong).toEqual([])
    },
  )

  it('gives the kernel-view bridge and the docker-view bar of a network one colour', () => {
    const kernel = kernelModel(lab)
    const docker = dockerModel(lab)
    for (const name of ['bridge', 'net1', 'net2']) {
      const n = network(lab, name)
      expect(kernel.elements[n.bridge ?? '']?.color, name).toBe(docker.elements[n.id]?.color)
    }
  })

  it('gives the veth edges the colour of the bridge they lead to', () => {
    const m = kernelModel(lab)
    for (const port of elementsOf(m, 'port')) {
      const bridge = m.elements[port.target ?? '']
      const veth = elementsOf(m, 'veth').find(
        (v) => v.source === port.source || v.target === port.source,
      )
      expect(veth?.color, port.id).toBe(bridge?.color)
      expect(port.color, port.id).toBe(bridge?.color)
    }
  })
})

describe('the light representation', () => {
  // One lab grown to LIGHT_ABOVE + 1 containers, checked on the way (≈ 40 ms of docker runs).
  const lab = createTestLab()
  for (let i = 0; i < LIGHT_ABOVE; i++) run(lab, 'docker run -d busybox sleep 1d')
  const atLimit = { kernel: kernelModel(lab), docker: dockerModel(lab) }
  run(lab, 'docker run -d busybox sleep 1d')
  const above = { kernel: kernelModel(lab), docker: dockerModel(lab) }

  it.each(['kernel', 'docker'] as const)(
    'keeps the %s view full at LIGHT_ABOVE containers',
    (v) => {
      const m: GraphModel = atLimit[v]
      expect(m.light).toBe(false)
      expect(elementsOf(m, 'host')).toHaveLength(1)
    },
  )

  it.each(['kernel', 'docker'] as const)(
    'draws the %s view light above LIGHT_ABOVE containers: no compounds, a host title',
    (v) => {
      const m: GraphModel = above[v]
      expect(m.light).toBe(true)
      expect(elementsOf(m, 'host')).toEqual([])
      expect(Object.values(m.elements).filter((e) => e.parent !== undefined)).toEqual([])
      expect(elementsOf(m, 'title')).toEqual([
        expect.objectContaining({ record: 'host:host1', label: 'host1' }),
      ])
    },
  )

  it('turns container namespaces into positioned title nodes', () => {
    const titles = elementsOf(above.kernel, 'netns')
    expect(titles).toHaveLength(LIGHT_ABOVE + 1)
    for (const t of titles) {
      expect(t.classes).toBe('netns netns-title')
      expect(Number.isFinite(t.position?.x) && Number.isFinite(t.position?.y), t.id).toBe(true)
    }
    const places = new Set(titles.map((t) => `${t.position?.x},${t.position?.y}`))
    expect(places.size).toBe(titles.length)
  })

  it('leaves the bridge ports out (veth ends wear their bridge’s colour instead)', () => {
    expect(elementsOf(above.kernel, 'port')).toEqual([])
    const veths = elementsOf(above.kernel, 'interface').filter((e) =>
      e.classes.includes('link-veth'),
    )
    expect(veths.length).toBeGreaterThan(LIGHT_ABOVE)
    for (const v of veths) expect(v.color, v.id).toBeDefined()
  })

  it('gives every light node a position, so the diagram needs no layout pass', () => {
    for (const m of [above.kernel, above.docker]) {
      const unplaced = Object.values(m.elements).filter(
        (e) => e.source === undefined && e.position === undefined,
      )
      expect(unplaced).toEqual([])
    }
  })
})

describe('colours across removals', () => {
  it('keeps every network’s colour when an older network is removed', () => {
    const lab = labAfter('docker network create aa', 'docker network create bb')
    const colourOf = (m: GraphModel, name: string): string | undefined =>
      m.legend.find((e) => e.name === name)?.color
    const before = colourOf(kernelModel(lab), 'bb')
    run(lab, 'docker network rm aa')
    expect(colourOf(kernelModel(lab), 'bb')).toBe(before)
    run(lab, 'docker network create cc')
    expect(colourOf(kernelModel(lab), 'cc')).not.toBe(before)
  })
})

describe('the element cache the worker keeps', () => {
  it.each(VIEWS)(
    'builds the same model as without it, step by step ($level, rules $rules)',
    (view) => {
      const lab = createTestLab()
      const cache = createGraphCache()
      const steps = [
        ...SESSION,
        'docker stop web',
        'docker start web',
        'docker network disconnect net1 web',
        'docker rm -f old',
        'docker network create net2',
        'docker run -d --name db --network net2 -p 5432:5432 postgres',
        'docker network rm net1',
      ]
      for (const line of steps) {
        lab.run(line)
        const cached = buildGraph(lab.snapshot(), lab.world, view, cache)
        const fresh = buildGraph(lab.snapshot(), lab.world, view)
        expect(cached, line).toStrictEqual(fresh)
      }
    },
  )
})

describe('the element cache keeps only what is drawn', () => {
  it('forgets a removed container’s units', () => {
    const lab = createTestLab()
    const cache = createGraphCache()
    lab.run('docker run -d --name gone busybox sleep 1d')
    buildGraph(lab.snapshot(), lab.world, { level: 'kernel', rules: false }, cache)
    buildGraph(lab.snapshot(), lab.world, { level: 'docker', rules: false }, cache)
    expect(cache.kernel.size).toBe(1)
    expect(cache.docker.size).toBe(1)
    lab.run('docker rm -f gone')
    buildGraph(lab.snapshot(), lab.world, { level: 'kernel', rules: false }, cache)
    buildGraph(lab.snapshot(), lab.world, { level: 'docker', rules: false }, cache)
    expect(cache.kernel.size).toBe(0)
    expect(cache.docker.size).toBe(0)
  })
})

describe('several hosts and a router (seed 002)', () => {
  const parsed = parseWorldFile(readFileSync('public/worlds/seed-002.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const spec = parsed.spec

  it.each(['kernel', 'docker'] as const)(
    'draws the hosts side by side without overlap, and the router between the LANs (%s view)',
    (level) => {
      const engine = createEngine({ seed: 1, spec })
      const session = createSession(engine, hostId('docker01'))
      session.run('docker run -d --name c01 busybox sleep 1d')
      session.run('ssh docker02 docker run -d --name c02 --network host busybox sleep 1d')
      const m = buildGraph(engine.snapshot(), engine.world, { level, rules: false })
      const els = Object.values(m.elements)
      const span = (host: string) => {
        const xs = els.flatMap((e) =>
          e.position && (e.record.includes(`:${host}/`) || e.id === `title:host:${host}`)
            ? [e.position.x - 75, e.position.x + 75]
            : [],
        )
        return [Math.min(...xs), Math.max(...xs)] as const
      }
      const [, r1] = span('docker01')
      const [l2, r2] = span('docker02')
      const [l3] = span('docker03')
      expect(r1).toBeLessThan(l2)
      expect(r2).toBeLessThan(l3)
      expect(m.elements['router:segment:lan:segment:lan2']).toMatchObject({
        kind: 'cable',
        source: 'segment:lan',
        target: 'segment:lan2',
        label: 'router1',
      })
    },
  )
})
