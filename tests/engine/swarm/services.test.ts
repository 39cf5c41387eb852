// Swarm services on seed 002's three hosts: tasks spread over the nodes, VIPs, the load
// balancers (lb_<id9>, ingress_sbox) with their IPVS services, and the routing mesh: a published
// port answers on every node, through ingress_sbox and the ingress overlay to a task.

import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import {
  allNetns,
  daemon,
  formatIpv4,
  parseIpv4,
  traceExchange,
  type Engine,
} from '../../../src/engine'
import { D1, D2, D3, must, mustOverlay, swarm3 } from '../../helpers/swarm'

function withService(): Engine {
  const e = swarm3()
  // Services need no --attachable.
  mustOverlay(e, 'vnet', { attachable: false })
  must(
    e.transact((t) =>
      daemon.serviceCreate(t, D1, {
        name: 'web',
        image: 'nginx',
        command: [],
        replicas: 3,
        networks: ['vnet'],
        ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' }],
        endpointMode: 'vip',
        labels: {},
      }),
    ),
  )
  return e
}

describe('docker service create --replicas 3 --network vnet -p 8080:80 nginx', () => {
  it('spreads the tasks, one per node, and gives the service a VIP per network', () => {
    const e = withService()
    const svc = e.world.swarm?.services?.[0]
    expect(svc?.tasks.map((t) => [t.slot, t.node])).toEqual([
      [1, 'docker01'],
      [2, 'docker02'],
      [3, 'docker03'],
    ])
    expect(svc?.vips.map((v) => formatIpv4(v.addr))).toEqual(['10.0.0.5', '10.0.1.2'])
    for (const t of svc?.tasks ?? [])
      expect(t.addresses.map((a) => formatIpv4(a.addr)).join(' ')).toMatch(
        /^10\.0\.0\.\d+ 10\.0\.1\.\d+$/,
      )
  })

  it('programs IPVS on every node: lb_<id9> for vnet, ingress_sbox for the published port', () => {
    const e = withService()
    for (const h of [D1, D2, D3]) {
      const sandboxes = allNetns(e.world.hosts[h]!.kernel).filter((n) => n.ipvs)
      expect(sandboxes.map((n) => n.path.split('/').pop()?.replace(/lb_.*/, 'lb'))).toEqual(
        expect.arrayContaining(['ingress_sbox', 'lb']),
      )
      for (const n of sandboxes) expect(n.ipvs?.[0]?.dests).toHaveLength(3)
    }
    const s = createSession(e, D2)
    expect(s.run('iptables-save -t nat').stdout).toContain(
      '-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080',
    )
  })

  it('answers on every node through the routing mesh', () => {
    const e = withService()
    for (const node of ['10.10.0.11', '10.10.0.12', '10.20.0.13']) {
      const t = traceExchange(e.world, {
        from: { kind: 'lan', ip: parseIpv4('10.10.0.50') ?? 0 },
        to: parseIpv4(node) ?? 0,
        proto: 'tcp',
        dport: 8080,
      })
      const text = t.request.steps.map((s) => s.what).join('\n')
      expect(t.request.verdict, text).toBe('delivered')
      expect(text).toContain('IPVS: the firewall-mark service FWM')
      expect(t.request.steps.at(-1)?.what).toContain('listening on 0.0.0.0:80/tcp')
      expect(t.reply?.verdict, t.reply?.steps.map((s) => s.what).join('\n')).toBe('delivered')
    }
  })

  it('resolves web to its VIP and tasks.web to the tasks, and reaches web through the VIP', () => {
    const e = withService()
    const svc = e.world.swarm?.services?.[0]
    const task = svc?.tasks.find((t) => t.node === D2)
    const s = createSession(e, D2)
    const name = `web.${task?.slot}.${task?.id}`
    expect(s.run(`docker exec ${name} getent hosts web`).stdout).toBe('10.0.1.2        web\n')
    const t = traceExchange(e.world, {
      from: { kind: 'container', host: D2, container: name },
      to: parseIpv4('10.0.1.2') ?? 0,
      proto: 'tcp',
      dport: 80,
    })
    const text = t.request.steps.map((x) => x.what).join('\n')
    expect(t.request.verdict, text).toBe('delivered')
    expect(text).toContain('IPVS')
  })
})

describe('a node leaving', () => {
  it('takes its tasks with it: their containers go and the load balancers forget them', () => {
    const e = withService()
    must(e.transact((t) => daemon.swarmLeave(t, D3, false)))
    const svc = e.world.swarm?.services?.[0]
    expect(svc?.tasks.map((t) => t.node)).toEqual(['docker01', 'docker02'])
    const sbox = allNetns(e.world.hosts[D2]!.kernel).find((n) => n.path.endsWith('/ingress_sbox'))
    expect(sbox?.ipvs?.[0]?.dests).toHaveLength(2)
    expect(createSession(e, D3).run('docker ps -a -q').stdout).toBe('')
  })
})
