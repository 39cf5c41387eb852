// `export-commands` on a two-host swarm with an attachable overlay: the overlay sandbox's br0,
// the vxlan device made in the host namespace and moved in, and the peers' ARP and FDB entries.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, daemon, hostId, type Engine } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'

const D1 = hostId('docker01')
const D2 = hostId('docker02')

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

function run(e: Engine, host: typeof D1, line: string): string {
  const r = createSession(e, host).run(line)
  if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  return r.stdout
}

/** docker01 (manager) and docker02 (worker) on seed 002's LAN, c01 and c02 on overlay vnet. */
function twoHostOverlay(): Engine {
  const parsed = parseWorldFile(readFileSync('public/worlds/seed-002.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const e = createEngine({ seed: 2, spec: parsed.spec })
  must(e.transact((t) => daemon.swarmInit(t, D1)))
  const token = e.world.swarm?.tokens.worker ?? ''
  must(e.transact((t) => daemon.swarmJoin(t, D2, token, '10.10.0.11:2377')))
  must(
    e.transact((t) =>
      daemon.createNetwork(t, D1, {
        name: 'vnet',
        driver: 'overlay',
        ipam: [{ subnet: '192.168.0.0/24', auxAddresses: {} }],
        internal: false,
        attachable: true,
        options: {},
        labels: {},
      }),
    ),
  )
  run(e, D1, 'docker run -d --name c01 --network vnet busybox sleep 1d')
  run(e, D2, 'docker run -d --name c02 --network vnet busybox sleep 1d')
  return e
}

describe('export-commands on an overlay', () => {
  const e = twoHostOverlay()
  const script = run(e, D2, 'export-commands --prefix o-')
  const lines = script.split('\n')

  it('comments the overlay block with the network, its sandbox and VNI', () => {
    expect(lines.filter((l) => l.startsWith('# docker network create -d overlay'))).toEqual([
      expect.stringMatching(
        /^# docker network create -d overlay --attachable --subnet 192\.168\.0\.0\/24 vnet: sandbox 1-[0-9a-z]{10}, br0 192\.168\.0\.1\/24, vxlan0 \(VNI 4097\), the peers' ARP and FDB entries, load balancer sandbox lb_[0-9a-z]{9}$/,
      ),
    ])
  })

  it('makes vxlan0 in the host namespace, then moves it into the sandbox and renames it', () => {
    const made = lines.filter((l) => / type vxlan id 4097 /.test(l))
    expect(made).toEqual([
      expect.stringMatching(
        /^ip -n o-h-docker02 link add (tmp-l\d+) address [0-9a-f:]{17} mtu 1450 type vxlan id 4097 dstport 4789 proxy l2miss l3miss$/,
      ),
    ])
    const tmp = /link add (tmp-l\d+)/.exec(made[0] ?? '')?.[1] ?? ''
    const at = lines.indexOf(made[0] ?? '')
    const sandbox = /netns (o-docker02-ns\d+)$/.exec(lines[at + 1] ?? '')?.[1] ?? ''
    expect(lines.slice(at + 1, at + 3)).toEqual([
      `ip -n o-h-docker02 link set ${tmp} netns ${sandbox}`,
      `ip -n ${sandbox} link set ${tmp} name vxlan0`,
    ])
    expect(lines).toContain(`ip -n ${sandbox} link set vxlan0 master br0`)
    expect(lines).toContain(`ip -n ${sandbox} link add br0 mtu 1450 type bridge`)
  })

  it("programs the peer container's ARP entry and its tunnel endpoint (docker01)", () => {
    const neigh = lines.filter((l) => / neigh add 192\.168\.0\./.test(l))
    const fdb = lines.filter((l) => l.startsWith('bridge -n') && l.includes('02:42:c0:a8'))
    // c01 (192.168.0.2) and docker01's load balancer, both behind 10.10.0.11.
    expect(neigh.length).toBeGreaterThan(0)
    expect(neigh.length).toBe(fdb.length)
    for (const l of neigh) {
      expect(l).toMatch(
        /^ip -n o-docker02-ns\d+ neigh add 192\.168\.0\.\d+ lladdr 02:42:c0:a8:00:[0-9a-f]{2} dev vxlan0 nud permanent$/,
      )
    }
    for (const l of fdb) {
      expect(l).toMatch(
        /^bridge -n o-docker02-ns\d+ fdb add 02:42:c0:a8:00:[0-9a-f]{2} dev vxlan0 dst 10\.10\.0\.11 self permanent$/,
      )
    }
  })

  it('joins c02 to the sandbox br0 and to docker_gwbridge', () => {
    const at = lines.findIndex((l) =>
      l.startsWith('# docker run --name c02 --network vnet busybox:'),
    )
    expect(lines[at]).toBe(
      '# docker run --name c02 --network vnet busybox: netns, eth0 on vnet (veth pair 192.168.0.4/24), eth1 on docker_gwbridge (veth pair 172.18.0.3/16), default route',
    )
    const block = lines.slice(at, lines.indexOf('', at))
    expect(block.filter((l) => l.includes(' type veth peer name eth'))).toHaveLength(2)
    expect(block.filter((l) => l.includes(' route add '))).toEqual([
      expect.stringMatching(
        /^ip -n o-docker02-ns\d+ route add default via 172\.18\.0\.1 dev eth1$/,
      ),
    ])
  })

  it('is deterministic, and sh can parse it', () => {
    expect(run(twoHostOverlay(), D2, 'export-commands --prefix o-')).toBe(script)
    execFileSync('sh', ['-n'], { input: script })
    execFileSync('sh', ['-n'], { input: run(e, D1, 'export-commands --prefix o- --cleanup') })
  })

  it('creates every device only after the namespaces it goes into', () => {
    const made = new Set<string>()
    for (const l of lines.filter((x) => !x.startsWith('#'))) {
      const add = /^ip netns add (\S+)$/.exec(l)
      if (add?.[1] !== undefined) made.add(add[1])
      for (const m of l.matchAll(/(?:ip -n|bridge -n|netns exec|netns) (o-\S+)/g)) {
        if (!m[1]?.includes('lan-') && !m[1]?.includes('rt-')) expect(made, l).toContain(m[1])
      }
    }
  })
})
