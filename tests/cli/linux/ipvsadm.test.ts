// `ipvsadm` (1.31, ipvsadm.c list_all / print_service_entry): the IPVS table of the shell's
// namespace — Docker's firewall-mark services in its load-balancer namespaces — sorted by mark
// and real-server address, the popt option handling and the errors ipvsadm prints.

import { describe, expect, it } from 'vitest'
import { allNetns, daemon, formatIpv4, INIT_NETNS, parseIpv4 } from '../../../src/engine'
import { err, ok0, threeNodeSwarm } from '../docker/swarm-lab'
import { createLab } from './fixture'

const ip = (s: string): number => parseIpv4(s) ?? 0

/** A host whose own namespace has two firewall-mark services, given out of order. */
function labWithIpvs() {
  const lab = createLab()
  lab.apply((_ctx, put) => {
    const dest = (addr: string, weight = 1) =>
      ({ addr: ip(addr), port: 0, weight, forward: 'Masq' }) as const
    put({
      kind: 'ipvs.set',
      netns: INIT_NETNS,
      service: { fwmark: 257, scheduler: 'rr', dests: [dest('10.0.1.4'), dest('10.0.1.3')] },
    })
    put({
      kind: 'ipvs.set',
      netns: INIT_NETNS,
      service: {
        fwmark: 256,
        scheduler: 'rr',
        dests: [dest('10.0.0.10'), dest('10.0.0.7', 0), dest('10.0.0.6')],
      },
    })
  })
  return lab
}

const HEAD = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
`

const TABLE = `${HEAD}FWM  256 rr
  -> 10.0.0.6:0                   Masq    1      0          0         
  -> 10.0.0.7:0                   Masq    0      0          0         
  -> 10.0.0.10:0                  Masq    1      0          0         
FWM  257 rr
  -> 10.0.1.3:0                   Masq    1      0          0         
  -> 10.0.1.4:0                   Masq    1      0          0         
`

describe('ipvsadm -L', () => {
  it('lists the services by mark and their real servers by address', () => {
    const lab = labWithIpvs()
    for (const line of ['ipvsadm -ln', 'ipvsadm -L -n', 'ipvsadm --list --numeric', 'ipvsadm -l'])
      expect(lab.run(line)).toEqual(ok0(TABLE))
    // No argument at all lists the table too (names looked up: none for these addresses).
    expect(lab.run('ipvsadm')).toEqual(ok0(TABLE))
  })

  it('prints only the header where the namespace has no service', () => {
    expect(createLab().run('ipvsadm -ln')).toEqual(ok0(HEAD))
  })

  it('keeps the kernel order with --nosort and lists one mark with -f', () => {
    const lab = labWithIpvs()
    // The kernel's own order (the engine keeps services by mark, servers as added).
    expect(lab.run('ipvsadm -Ln --nosort').stdout).toBe(`${HEAD}FWM  256 rr
  -> 10.0.0.10:0                  Masq    1      0          0         
  -> 10.0.0.7:0                   Masq    0      0          0         
  -> 10.0.0.6:0                   Masq    1      0          0         
FWM  257 rr
  -> 10.0.1.4:0                   Masq    1      0          0         
  -> 10.0.1.3:0                   Masq    1      0          0         
`)
    expect(lab.run('ipvsadm -Ln -f 257')).toEqual(
      ok0(`Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
FWM  257 rr
  -> 10.0.1.3:0                   Masq    1      0          0         
  -> 10.0.1.4:0                   Masq    1      0          0         
`),
    )
    expect(lab.run('ipvsadm -Ln -f 300')).toEqual(err('No such service\n'))
  })

  it('prints the statistics columns and the save format', () => {
    const lab = labWithIpvs()
    expect(lab.run('ipvsadm -Ln --stats -f 257').stdout).toBe(
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n' +
        '  -> RemoteAddress:Port\n' +
        'FWM  257                                 0        0        0        0        0\n' +
        '  -> 10.0.1.3:0                          0        0        0        0        0\n' +
        '  -> 10.0.1.4:0                          0        0        0        0        0\n',
    )
    expect(lab.run('ipvsadm -S -n')).toEqual(
      ok0(`-A -f 256 -s rr
-a -f 256 -r 10.0.0.6:0 -m -w 1
-a -f 256 -r 10.0.0.7:0 -m -w 0
-a -f 256 -r 10.0.0.10:0 -m -w 1
-A -f 257 -s rr
-a -f 257 -r 10.0.1.3:0 -m -w 1
-a -f 257 -r 10.0.1.4:0 -m -w 1
`),
    )
    expect(lab.run('ipvsadm -Lnc')).toEqual(
      ok0(
        'IPVS connection entries\npro expire state       source             virtual            destination\n',
      ),
    )
    expect(lab.run('ipvsadm -L --timeout')).toEqual(ok0('Timeout (tcp tcpfin udp): 900 120 300\n'))
    expect(lab.run('ipvsadm -v')).toEqual(
      ok0('ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n'),
    )
  })

  it('refuses options as ipvsadm does', () => {
    const lab = createLab()
    const tryHelp = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"
    // The first option must be the command.
    expect(lab.run('ipvsadm -n -L')).toEqual(err(tryHelp, 255))
    expect(lab.run('ipvsadm --bogus')).toEqual(err(tryHelp, 255))
    expect(lab.run('ipvsadm -L --bogus')).toEqual(err('--bogus: unknown option\n', 255))
    expect(lab.run('ipvsadm -L -s rr')).toEqual(
      err("Illegal 'scheduler' option with the 'list' command\n", 2),
    )
    expect(lab.run('ipvsadm -Ln -n')).toEqual(err("multiple 'numeric' options specified\n", 2))
    expect(lab.run('ipvsadm -Ln extra')).toEqual(err('unexpected argument extra\n', 2))
    expect(lab.run('ipvsadm -L -f x')).toEqual(err("invalid fwmark value `x' specified\n", 2))
    expect(lab.run('ipvsadm -L -c --stats')).toEqual(
      err('options conflicts in the list command\n', 2),
    )
  })
})

describe('ipvsadm in Docker’s load-balancer namespaces', () => {
  it('shows the routing mesh in ingress_sbox and the VIP balancer in lb_<net>', () => {
    const lab = threeNodeSwarm()
    lab.ok('docker01', 'docker network create -d overlay vnet')
    lab.ok(
      'docker01',
      'docker service create -d --name web --replicas 3 --network vnet -p 8080:80 nginx',
    )
    const world = lab.engine.world
    const svc = daemon.findService(world, 'web')
    const vnet = daemon.clusterNetwork(world, 'vnet')
    if (!svc || !vnet) throw new Error('no service')
    // Each node's namespaces hold every task as a real server, whichever node runs it.
    const rows = (net: string): string =>
      svc.tasks
        .map((t) => t.addresses.find((a) => a.network === net)?.addr ?? 0)
        .sort((a, b) => a - b)
        .map(
          (a) => `  -> ${`${formatIpv4(a)}:0`.padEnd(28)} Masq    1      0          0         \n`,
        )
        .join('')
    const ingressId = svc.vips[0]?.network ?? ''
    const marks = (host: 'docker01' | 'docker02', path: string): number[] => {
      const ns = allNetns(lab.host(host).kernel).find((n) => n.path === path)
      return (ns?.ipvs ?? []).map((s) => s.fwmark)
    }
    for (const host of ['docker01', 'docker02'] as const) {
      const [ingressMark] = marks(host, '/var/run/docker/netns/ingress_sbox')
      expect(lab.run(host, 'nsenter --net=/var/run/docker/netns/ingress_sbox ipvsadm -ln')).toEqual(
        ok0(`${HEAD}FWM  ${ingressMark} rr\n${rows(ingressId)}`),
      )
      const lbPath = `/var/run/docker/netns/lb_${vnet.id.slice(0, 9)}`
      const [vnetMark] = marks(host, lbPath)
      expect(lab.run(host, `nsenter --net=${lbPath} ipvsadm -ln`)).toEqual(
        ok0(`${HEAD}FWM  ${vnetMark} rr\n${rows(vnet.id)}`),
      )
      // The host's own namespace has no IPVS service.
      expect(lab.run(host, 'ipvsadm -ln')).toEqual(ok0(HEAD))
    }
    expect(rows(ingressId)).toContain('10.0.0.6:0')
  })
})
