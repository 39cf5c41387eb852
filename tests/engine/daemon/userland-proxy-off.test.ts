// `"userland-proxy": false`: no docker-proxy; hairpin NAT instead. The nat table as moby's
// generated doc shows it (integration/network/bridge/iptablesdoc/generated/
// usernet-portmap-noproxy.md), hairpin mode on the bridge ports, route_localnet on the
// bridges, and what the tracer makes of them (both checked against a real kernel by
// tests/kernel).

import { describe, expect, it } from 'vitest'
import { INIT_NETNS, linksOf, getNetns, hostId } from '../../../src/engine'
import { createTestLab } from '../../helpers/lab'

const noProxy = () => {
  const lab = createTestLab({ userlandProxy: false })
  lab.run(
    'docker network create -o com.docker.network.bridge.name=bridge1 --subnet 192.0.2.0/24 --gateway 192.0.2.1 bridge1',
  )
  lab.run('docker run -d --network bridge1 -p 8080:80 --name c1 nginx')
  return lab
}

describe('userland-proxy off', () => {
  it('writes the nat table of moby’s usernet-portmap-noproxy doc, line for line', () => {
    const nat = noProxy()
      .run('iptables-save -t nat')
      .stdout.split('\n')
      .filter((l) => l.startsWith('-A'))
    expect(nat).toEqual([
      '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
      '-A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER',
      '-A POSTROUTING -o bridge1 -m addrtype --src-type LOCAL -j MASQUERADE',
      '-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE',
      '-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE',
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      '-A POSTROUTING -s 192.0.2.2/32 -d 192.0.2.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
      '-A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
    ])
  })

  it('puts the container’s bridge port in hairpin mode (bridge -d link, ip -d link)', () => {
    const lab = noProxy()
    expect(lab.run('bridge -d link').stdout).toContain('\n    hairpin on guard off')
    const veth = lab.run('ip -o link show master bridge1').stdout.split(':')[1]?.trim() ?? ''
    expect(lab.run(`ip -d link show ${veth.split('@')[0]}`).stdout).toContain(' hairpin on ')
    const proxied = createTestLab()
    proxied.run('docker run -d --name web nginx')
    expect(proxied.run('bridge -d link').stdout).toContain('\n    hairpin off guard off')
  })

  it('sets route_localnet on each bridge, and drops it with the bridge', () => {
    const lab = noProxy()
    expect(lab.run('sysctl net.ipv4.conf.bridge1.route_localnet').stdout).toBe(
      'net.ipv4.conf.bridge1.route_localnet = 1\n',
    )
    expect(lab.run('sysctl net.ipv4.conf.docker0.route_localnet').stdout).toBe(
      'net.ipv4.conf.docker0.route_localnet = 1\n',
    )
    lab.run('docker rm -f c1')
    lab.run('docker network rm bridge1')
    const ns = getNetns(lab.world.hosts[hostId('host1')]?.kernel, INIT_NETNS)
    expect(Object.keys(ns?.sysctl ?? {}).filter((k) => k.includes('bridge1'))).toEqual([])
  })

  it('lets a container reach its own published port: bridged DNAT back out its hairpin port, from the bridge’s address', () => {
    const lab = noProxy()
    const out = lab.run('trace c1 host:8080').stdout
    expect(out).toContain('verdict: delivered')
    expect(out).toMatch(/MASQUERADE source 192\.0\.2\.2 → 192\.0\.2\.1/)
    expect(out).not.toContain('up to the host')
  })

  it('drops the hairpin when the port’s hairpin mode is off', () => {
    const lab = noProxy()
    const host = lab.world.hosts[hostId('host1')]
    const port = linksOf(getNetns(host?.kernel, INIT_NETNS)).find((l) => l.hairpin)
    if (!port) throw new Error('no hairpin port')
    lab.engine.transact((t) => {
      t.apply({
        kind: 'link.set-hairpin',
        host: hostId('host1'),
        netns: INIT_NETNS,
        link: port.id,
        hairpin: false,
      })
      return { ok: true, value: undefined }
    })
    const out = lab.run('trace c1 host:8080').stdout
    expect(out).toContain(
      `verdict: dropped (a bridge never sends a frame back out the port it came in by unless that port is in hairpin mode, and ${port.name}'s is off)`,
    )
  })

  it('routes 127.0.0.1 DNATed to a container out the bridge only with route_localnet', () => {
    const lab = noProxy()
    expect(lab.run('trace host 127.0.0.1:8080').stdout).toContain('verdict: delivered')
    lab.run('sysctl -w net.ipv4.conf.bridge1.route_localnet=0')
    expect(lab.run('trace host 127.0.0.1:8080').stdout).toContain(
      'verdict: dropped (the source 127.0.0.1 may not leave by bridge1 after DNAT: net.ipv4.conf.bridge1.route_localnet is 0, so the re-route fails)',
    )
  })
})
