import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  createEngine,
  getNetns,
  hostId,
  INIT_NETNS,
  linksOf,
  lab,
  type Engine,
  type HostSpec,
  type World,
} from '../../src/engine'
import { createSession } from '../../src/cli'
import { DEFAULT_WORLD, defaultHost } from '../../src/scenarios/default-world'
import { parseWorldFile } from '../../src/scenarios/world-file'

const TWO_HOSTS = readFileSync('public/worlds/two-hosts.json', 'utf8')

function twoHostsSpec() {
  const parsed = parseWorldFile(TWO_HOSTS)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.spec
}

function engine(seed = 1): Engine {
  return createEngine({ seed, spec: DEFAULT_WORLD })
}

/** `lab host add` as the CLI does it: the defaults for the request, then the host. */
function add(e: Engine, req: lab.HostRequest = {}) {
  return e.transact((tx) => {
    const spec = lab.hostSpecFor(tx.world, req)
    return spec.ok ? lab.addHost(tx, spec.value) : spec
  })
}

const host = (w: World, name: string) => {
  const h = w.hosts[hostId(name)]
  if (!h) throw new Error(`no ${name}`)
  return h
}

describe('lab.addHost', () => {
  it('builds host2 exactly as a world file of two hosts does: kernel, daemon, files, MACs', () => {
    const e = engine()
    const segments = e.world.segments
    expect(add(e)).toEqual({ ok: true, value: 'host2' })
    const built = createEngine({ seed: 1, spec: twoHostsSpec() }).world
    expect(Object.keys(e.world.hosts)).toEqual(['host1', 'host2'])
    // Same seeded draws in the same order: the same MACs and IDs, the same /etc/hosts everywhere.
    expect(host(e.world, 'host2')).toStrictEqual(host(built, 'host2'))
    expect(host(e.world, 'host1')).toStrictEqual(host(built, 'host1'))
    expect(e.world.segments).toBe(segments)
  })

  it('gives the defaults of the default world: hostN, the first LAN, its next free .11, .12, …', () => {
    const e = engine()
    add(e)
    add(e, { name: 'web', address: '10.10.0.40/24' })
    const spec = lab.hostSpecFor(e.world, {})
    expect(spec).toEqual({
      ok: true,
      value: {
        ...defaultHost('host3', '10.10.0.13/24'),
        nics: [{ name: 'eth0', segment: 'lan', address: '10.10.0.13/24', mtu: 1500 }],
      } satisfies HostSpec,
    })
    expect(lab.hostSpecFor(e.world, { address: '10.10.0.77' })).toMatchObject({
      ok: true,
      value: { nics: [{ address: '10.10.0.77/24' }] },
    })
  })

  it('takes the lowest free number and address again after a removal', () => {
    const e = engine()
    add(e)
    add(e)
    e.transact((tx) => lab.removeHost(tx, hostId('host2')))
    expect(lab.hostSpecFor(e.world, {})).toMatchObject({
      ok: true,
      value: { hostname: 'host2', nics: [{ address: '10.10.0.12/24' }] },
    })
  })

  it('lists every host in every /etc/hosts, as world files do', () => {
    const e = engine()
    add(e)
    add(e, { name: 'web' })
    const listing = "# The world's hosts\n10.10.0.11\thost1\n10.10.0.12\thost2\n10.10.0.13\tweb\n"
    for (const name of ['host1', 'host2', 'web'])
      expect(host(e.world, name).files.etcHosts).toBe(
        `${defaultHost(name, '').etcHosts}\n${listing}`,
      )
    expect(host(e.world, 'web').files.resolvConf).toBe('nameserver 10.10.0.1\nsearch example.com\n')
  })

  it('lets host1 ping host2 by name through the shell, and ssh to it', () => {
    const e = engine()
    add(e)
    const session = createSession(e, hostId('host1'))
    const ping = session.run('ping -c 1 host2')
    expect(ping.exitCode).toBe(0)
    expect(ping.stdout).toContain('64 bytes from 10.10.0.12: icmp_seq=1 ttl=64')
    expect(session.run('ssh host2 hostname').stdout).toBe('host2\n')
    expect(session.run('ssh host2 ip -br addr show eth0').stdout).toMatch(
      /^eth0 +UP +10\.10\.0\.12\/24 /,
    )
  })

  it('refuses a taken name, a taken address, an unknown LAN, an address outside the LAN', () => {
    const e = engine()
    add(e)
    const before = e.world
    const error = (req: lab.HostRequest) => {
      const r = add(e, req)
      return r.ok ? undefined : r.error
    }
    expect(error({ name: 'host2' })).toEqual({
      kind: 'host-exists',
      message: 'a host named host2 exists',
    })
    expect(error({ address: '10.10.0.11/24' })?.message).toBe("10.10.0.11 is already host1's")
    expect(error({ address: '10.10.0.1/24' })?.message).toBe("10.10.0.1 is lan's router")
    expect(error({ address: '10.10.0.255' })?.message).toBe(
      "10.10.0.255 is lan's broadcast address",
    )
    expect(error({ address: '10.10.0.0' })?.message).toBe("10.10.0.0 is lan's network address")
    expect(error({ lan: 'dmz' })?.message).toBe('no LAN named dmz (LANs: lan)')
    expect(error({ address: '10.20.0.5/24' })?.message).toBe(
      "10.20.0.5/24 is not in lan's 10.10.0.0/24",
    )
    expect(error({ address: '10.10.0.20/16' })?.message).toBe(
      '10.10.0.20/16: lan is 10.10.0.0/24 (use 10.10.0.20/24)',
    )
    expect(error({ address: '10.10.0' })?.message).toBe(
      '"10.10.0" is not an IPv4 address with a prefix length (like 10.10.0.11/24)',
    )
    expect(error({ name: 'Host_2' })?.kind).toBe('host-name-invalid')
    expect(error({ name: '42' })?.kind).toBe('host-name-invalid')
    // A failed command changes nothing.
    expect(e.world).toBe(before)
  })
})

describe('lab.removeHost', () => {
  it('deletes the host and its name from the others’ /etc/hosts', () => {
    const e = engine()
    add(e)
    add(e)
    expect(e.transact((tx) => lab.removeHost(tx, hostId('host2')))).toEqual({
      ok: true,
      value: undefined,
    })
    expect(Object.keys(e.world.hosts)).toEqual(['host1', 'host3'])
    const listing = "# The world's hosts\n10.10.0.11\thost1\n10.10.0.13\thost3\n"
    expect(host(e.world, 'host1').files.etcHosts).toBe(
      `${defaultHost('host1', '').etcHosts}\n${listing}`,
    )
    expect(host(e.world, 'host3').files.etcHosts).toBe(
      `${defaultHost('host3', '').etcHosts}\n${listing}`,
    )
  })

  it('gives back the world of one host as it was (the listing goes with the last other host)', () => {
    const e = engine()
    const start = e.world
    add(e)
    e.transact((tx) => lab.removeHost(tx, hostId('host2')))
    expect(host(e.world, 'host1').files).toStrictEqual(host(start, 'host1').files)
    expect(host(e.world, 'host1').kernel).toStrictEqual(host(start, 'host1').kernel)
    expect(Object.keys(e.world.hosts)).toEqual(['host1'])
  })

  it('keeps what a world file put in /etc/hosts itself, around the listing', () => {
    const own = `${defaultHost('host1', '').etcHosts}10.10.0.99\tprinter host2\n`
    const e = createEngine({
      seed: 1,
      spec: {
        ...DEFAULT_WORLD,
        hosts: [{ ...defaultHost('host1', '10.10.0.11/24'), etcHosts: own }],
      },
    })
    add(e)
    expect(host(e.world, 'host1').files.etcHosts).toBe(
      `${own}\n# The world's hosts\n10.10.0.11\thost1\n10.10.0.12\thost2\n`,
    )
    e.transact((tx) => lab.removeHost(tx, hostId('host2')))
    expect(host(e.world, 'host1').files.etcHosts).toBe(own)
  })

  it('refuses the last host, an unknown host and a node of the swarm', () => {
    const e = engine()
    const remove = (name: string) => {
      const r = e.transact((tx) => lab.removeHost(tx, hostId(name)))
      return r.ok ? undefined : r.error.message
    }
    expect(remove('host1')).toBe('host1 is the only host: a world needs one')
    expect(remove('host9')).toBe('no host named host9')
    add(e)
    const session = createSession(e, hostId('host1'))
    expect(session.run('ssh host2 docker swarm init').exitCode).toBe(0)
    expect(remove('host2')).toBe(
      "host2 is a swarm manager: run 'docker swarm leave --force' on it first",
    )
    session.run('ssh host2 docker swarm leave --force')
    expect(remove('host2')).toBeUndefined()
  })
})

describe('hosts in the command log', () => {
  it('replays to the same world: same seed, same lines', () => {
    const lines = [
      'lab host add',
      'lab host add db --ip 10.10.0.30/24',
      'ssh host2 docker run -d --name web nginx',
      'ping -c 1 db',
      'lab host rm host2',
      'lab host add',
    ]
    const run = () => {
      const e = engine(7)
      const s = createSession(e, hostId('host1'))
      for (const line of lines) expect(s.run(line).exitCode).toBe(0)
      return e.world
    }
    expect(run()).toStrictEqual(run())
  })

  it('draws the new host’s MACs from the seed', () => {
    const mac = (seed: number) => {
      const e = engine(seed)
      add(e)
      const ns = getNetns(host(e.world, 'host2').kernel, INIT_NETNS)
      return linksOf(ns).find((l) => l.name === 'eth0')?.mac
    }
    expect(mac(3)).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/)
    expect(mac(3)).toBe(mac(3))
    expect(mac(3)).not.toBe(mac(4))
  })
})
