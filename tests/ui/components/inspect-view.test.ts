import { describe, expect, it } from 'vitest'
import type { ContainerRecord, Snapshot, SnapshotRecord } from '../../../src/engine'
import { describeRecord } from '../../../src/ui/components/Inspector/describe'
import {
  firstLine,
  hostAddress,
  parseContainerInspect,
  parseNetworkInspect,
} from '../../../src/ui/components/Inspector/inspect-view'
import { queriesFor, shellWord } from '../../../src/ui/components/Inspector/queries'
import { partsText, type InspectorView, type Row } from '../../../src/ui/components/Inspector/view'
import { createTestLab, type TestLab } from '../../helpers/lab'

/** `web` (nginx, -p 8080:80) on the default bridge and on `app` (alias www). */
function webLab(): TestLab {
  const lab = createTestLab()
  lab.run('docker network create app')
  lab.run('docker run -d --name web -p 8080:80 nginx')
  lab.run('docker network connect --alias www app web')
  return lab
}

const recordNamed = (s: Snapshot, kind: SnapshotRecord['kind'], name: string): SnapshotRecord => {
  const r = Object.values(s.records).find((x) => x.kind === kind && 'name' in x && x.name === name)
  if (!r) throw new Error(`no ${kind} ${name}`)
  return r
}

/** A section's rows as `label: value` lines, `…` for those only a query knows. */
const rowsText = (rows: readonly Row[]): string[] =>
  rows.map((r) => `${partsText([r.label])}: ${r.pending ? '…' : partsText(r.value)}`)

const section = (view: InspectorView, title: string) => {
  const found = view.sections.find((s) => s.title === title)
  if (!found) throw new Error(`no section ${title}`)
  return found
}

describe('parseContainerInspect', () => {
  it('reads state, networks with their addresses and aliases, and published ports', () => {
    const lab = webLab()
    const c = parseContainerInspect(lab.run('docker inspect web').stdout)
    expect(c).toMatchObject({
      name: 'web',
      image: 'nginx',
      networkMode: 'bridge',
      state: { status: 'running', running: true, exitCode: 0, finishedAt: '' },
      ports: [
        { port: '80/tcp', host: '0.0.0.0:8080' },
        { port: '80/tcp', host: '[::]:8080' },
      ],
    })
    expect(c?.state.pid).toBeGreaterThan(0)
    expect(c?.state.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(c?.networks.map((n) => [n.network, n.address, n.gateway])).toEqual([
      ['app', '172.18.0.2/16', '172.18.0.1'],
      ['bridge', '172.17.0.2/16', '172.17.0.1'],
    ])
    expect(c?.networks[0]).toMatchObject({
      aliases: ['www'],
      dnsNames: ['web', 'www', expect.any(String)],
    })
    expect(c?.networks[0]?.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/)
  })

  it('keeps an exposed port nobody published, without a host side', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name plain nginx')
    expect(parseContainerInspect(lab.run('docker inspect plain').stdout)?.ports).toEqual([
      { port: '80/tcp' },
    ])
  })

  it('reads a stopped container: exit code, no address, Go’s zero time as empty', () => {
    const lab = createTestLab()
    lab.run('docker create --name idle alpine')
    lab.run('docker run --name done alpine false')
    const idle = parseContainerInspect(lab.run('docker inspect idle').stdout)
    expect(idle?.state).toMatchObject({ status: 'created', startedAt: '', finishedAt: '' })
    const done = parseContainerInspect(lab.run('docker inspect done').stdout)
    expect(done?.state).toMatchObject({ status: 'exited', running: false, exitCode: 1, pid: 0 })
    expect(done?.networks).toMatchObject([{ network: 'bridge', address: '', mac: '' }])
  })

  it('is null for what is not an inspect array of objects', () => {
    expect(parseContainerInspect('[]\n')).toBeNull()
    expect(parseContainerInspect('Error: No such object: x\n')).toBeNull()
    expect(parseContainerInspect('[{"Name":"/x"}]')).toBeNull()
  })
})

describe('parseNetworkInspect', () => {
  it('reads addressing, driver options and the running containers', () => {
    const lab = webLab()
    const n = parseNetworkInspect(lab.run('docker network inspect bridge').stdout)
    expect(n).toMatchObject({
      name: 'bridge',
      driver: 'bridge',
      scope: 'local',
      internal: false,
      ipv6: false,
      ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', range: '' }],
      containers: [{ name: 'web', ipv4: '172.17.0.2/16' }],
    })
    expect(n?.options).toContainEqual(['com.docker.network.bridge.name', 'docker0'])
    expect(n?.containers[0]?.id).toHaveLength(64)
  })

  it('is null for an error', () => {
    expect(parseNetworkInspect('[]\n')).toBeNull()
  })
})

describe('small helpers', () => {
  it('writes host bindings as docker port does', () => {
    expect(hostAddress('0.0.0.0', '8080')).toBe('0.0.0.0:8080')
    expect(hostAddress('::', '8080')).toBe('[::]:8080')
    expect(hostAddress('', '80')).toBe('0.0.0.0:80')
  })

  it('keeps the gist of an error', () => {
    expect(firstLine('Error response from daemon: No such container: web\n')).toBe(
      'No such container: web',
    )
    expect(firstLine('\nError: No such object: x\n')).toBe('No such object: x')
  })

  it('quotes shell words only when they need it', () => {
    expect(shellWord('web-1.a_b')).toBe('web-1.a_b')
    expect(shellWord('a b')).toBe("'a b'")
    expect(shellWord("it's")).toBe("'it'\\''s'")
  })
})

describe('queriesFor', () => {
  it('inspects a container and runs ip addr in it while it runs', () => {
    const lab = webLab()
    lab.run('docker create --name idle alpine')
    const s = lab.snapshot()
    expect(queriesFor(s, recordNamed(s, 'container', 'web'))).toMatchObject({
      inspect: 'docker inspect web',
      ipAddr: 'docker exec web ip addr',
    })
    const idle = queriesFor(s, recordNamed(s, 'container', 'idle'))
    expect(idle.inspect).toBe('docker inspect idle')
    expect(idle.ipAddr).toBeUndefined()
  })

  it('runs ip addr show dev where the interface lives', () => {
    const lab = webLab()
    lab.run('ip netns add lab')
    lab.run('ip link add d0 type dummy')
    lab.run('ip link set d0 netns lab')
    const s = lab.snapshot()
    const ipAddr = (name: string, ns?: string): string | undefined => {
      const i = Object.values(s.records).find(
        (x) =>
          x.kind === 'interface' &&
          x.name === name &&
          (ns === undefined ? s.records[x.netns]?.kind === 'netns' : x.netns === ns),
      )
      return i ? queriesFor(s, i).ipAddr : 'missing'
    }
    expect(ipAddr('docker0')).toBe('ip addr show dev docker0')
    const web = recordNamed(s, 'container', 'web') as ContainerRecord
    expect(ipAddr('eth1', web.netns)).toBe('docker exec web ip addr show dev eth1')
    expect(ipAddr('d0')).toBe('ip -n lab addr show dev d0')
  })

  it('quotes a network name the shell would split', () => {
    const lab = createTestLab()
    lab.run("docker network create 'my net'")
    const s = lab.snapshot()
    expect(queriesFor(s, recordNamed(s, 'network', 'my net')).inspect).toBe(
      "docker network inspect 'my net'",
    )
  })
})

describe('describeRecord', () => {
  it('shows a container’s networks from the snapshot, waiting for docker inspect', () => {
    const lab = webLab()
    const s = lab.snapshot()
    const view = describeRecord(s, recordNamed(s, 'container', 'web'))
    expect(view).toMatchObject({ title: 'web', kind: 'nginx · running' })
    const cards = section(view, 'Networks').cards ?? []
    expect(cards.map((c) => partsText(c.title))).toEqual(['app', 'bridge'])
    expect(rowsText(cards[0]?.rows ?? [])).toEqual([
      'IP address: 172.18.0.2/16',
      'Gateway: …',
      expect.stringMatching(/^MAC: [0-9a-f:]{17}$/),
      'Aliases: …',
      'DNS names: …',
      'Interface: eth1',
    ])
    expect(rowsText(section(view, 'State').rows)).toContain('PID: …')
  })

  it('completes a container with docker inspect: gateway, aliases, ports, mode', () => {
    const lab = webLab()
    const s = lab.snapshot()
    const view = describeRecord(
      s,
      recordNamed(s, 'container', 'web'),
      lab.run('docker inspect web').stdout,
    )
    const app = section(view, 'Networks').cards?.[0]
    expect(rowsText(app?.rows ?? [])).toContain('Gateway: 172.18.0.1')
    expect(rowsText(app?.rows ?? [])).toContain('Aliases: www')
    expect(rowsText(section(view, 'Ports').rows)).toEqual([
      'Published: 0.0.0.0:8080 → 80/tcp',
      'Published: [::]:8080 → 80/tcp',
    ])
    expect(rowsText(section(view, 'Network mode').rows)[0]).toBe('Mode: bridge')
    expect(view.sections.flatMap((x) => x.rows).some((r) => r.pending)).toBe(false)
  })

  it('links a container sharing another’s namespace to it, and back', () => {
    const lab = webLab()
    lab.run('docker run -d --name side --network container:web busybox sleep 1000')
    const s = lab.snapshot()
    const web = recordNamed(s, 'container', 'web')
    const side = describeRecord(s, recordNamed(s, 'container', 'side'))
    const mode = section(side, 'Network mode').rows[0]
    expect(mode?.value).toEqual(['container:', { text: 'web', link: web.id }])
    expect(section(side, 'Networks').cards).toEqual([])
    const shared = section(describeRecord(s, web), 'Network mode').rows
    expect(rowsText(shared)).toContain('Shared with: side')
  })

  it('lists a network’s containers and links its bridge', () => {
    const lab = webLab()
    const s = lab.snapshot()
    const app = recordNamed(s, 'network', 'app')
    if (app.kind !== 'network') throw new Error('not a network')
    const view = describeRecord(s, app, lab.run('docker network inspect app').stdout)
    expect(rowsText(section(view, 'Network').rows)).toContain(
      `Bridge: br-${app.networkId.slice(0, 12)}`,
    )
    const cards = section(view, 'Containers').cards ?? []
    const web = recordNamed(s, 'container', 'web')
    expect(cards.map((c) => c.title)).toEqual([[{ text: 'web', link: web.id }]])
    expect(rowsText(cards[0]?.rows ?? [])).toContain('IPv4 address: 172.18.0.2/16')
    expect(section(view, 'Options').rows).toEqual([])
    expect(section(view, 'Options').empty).toBe('No driver options')
  })

  it('links an interface to its bridge, its peer and the container the peer is in', () => {
    const lab = webLab()
    const s = lab.snapshot()
    const web = recordNamed(s, 'container', 'web') as ContainerRecord
    const eth0 = Object.values(s.records).find(
      (x) => x.kind === 'interface' && x.netns === web.netns && x.name === 'eth0',
    )
    if (eth0?.kind !== 'interface' || eth0.peer === undefined) throw new Error('no eth0')
    const veth = s.records[eth0.peer]
    if (veth?.kind !== 'interface') throw new Error('no veth')
    const rows = section(describeRecord(s, veth), 'Connections').rows
    expect(rowsText(rows)[0]).toBe('Bridge: docker0 · network bridge')
    expect(rows[1]?.value).toEqual([
      { text: 'eth0', link: eth0.id },
      ' in ',
      { text: 'web', link: web.id },
    ])
    const inside = section(describeRecord(s, eth0), 'Interface').rows
    expect(rowsText(inside)).toContainEqual(
      expect.stringMatching(/^Namespace: netns [0-9a-f]{12}$/),
    )
    expect(rowsText(inside)).toContain('Container: web')
  })
})
