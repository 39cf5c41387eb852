// Netfilter evaluation for one packet on the rule sets the simulated Docker 28 writes: the chains
// and rules a packet goes through at each hook, with the kernel's verdict and NAT rewrites.

import { describe, expect, it } from 'vitest'
import { evaluateHook } from '../../../../src/engine'
import {
  bridgeOf,
  hostCtx,
  hostNetfilter,
  ip,
  labAfter,
  lines,
  masqueradeSource,
  packet,
} from './nf-lab'

const FORWARD_INTO_DOCKER_FORWARD = [
  'enter filter FORWARD',
  'filter FORWARD #1 ✓ -j DOCKER-USER',
  'enter filter DOCKER-USER',
  'return filter DOCKER-USER',
  'filter FORWARD #2 ✓ -j DOCKER-FORWARD',
  'enter filter DOCKER-FORWARD',
  'filter DOCKER-FORWARD #1 ✓ -j DOCKER-CT',
  'enter filter DOCKER-CT',
]

describe('a LAN host to a published port (docker run -p 8080:80)', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const nf = hostNetfilter(lab)
  const ctx = hostCtx(lab, 'NEW')
  const fromLan = packet({
    src: '10.10.0.50',
    dst: '10.10.0.11',
    proto: 'tcp',
    sport: 40000,
    dport: 8080,
    inIface: 'eth0',
  })

  it('is DNATed to the container in nat PREROUTING, after raw lets it pass', () => {
    const r = evaluateHook(nf, 'PREROUTING', fromLan, ctx)
    expect(lines(nf, r.steps)).toEqual([
      'enter raw PREROUTING',
      'raw PREROUTING #1 ✗ -d 172.17.0.2/32 | -d 172.17.0.2/32 ! -i docker0 -j DROP',
      'policy raw PREROUTING ACCEPT',
      'enter nat PREROUTING',
      'nat PREROUTING #1 ✓ -m addrtype --dst-type LOCAL -j DOCKER',
      'enter nat DOCKER',
      'nat DOCKER #1 ✗ -i docker0 | -i docker0 -j RETURN',
      'nat DOCKER #2 ✓ ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    ])
    expect(r.verdict).toBe('ACCEPT')
    const after = { ...fromLan, dst: ip('172.17.0.2'), dport: 80 }
    expect(r.packet).toEqual(after)
    expect(r.nat).toMatchObject({
      kind: 'DNAT',
      before: fromLan,
      after,
      rule: { table: 'nat', chain: 'DOCKER', index: 2 },
    })
  })

  it('is accepted in FORWARD by the port rule in filter DOCKER', () => {
    const p = { ...fromLan, dst: ip('172.17.0.2'), dport: 80, outIface: 'docker0' }
    const r = evaluateHook(nf, 'FORWARD', p, { ...ctx, ctNat: { dst: true } })
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✗ --ctstate RELATED,ESTABLISHED | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'return filter DOCKER-CT',
      'filter DOCKER-FORWARD #2 ✓ -j DOCKER-ISOLATION-STAGE-1',
      'enter filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-ISOLATION-STAGE-1 #1 ✗ -i docker0 | -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      'return filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-FORWARD #3 ✓ -j DOCKER-BRIDGE',
      'enter filter DOCKER-BRIDGE',
      'filter DOCKER-BRIDGE #1 ✓ -o docker0 -j DOCKER',
      'enter filter DOCKER',
      'filter DOCKER #1 ✓ -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
    ])
    expect(r.verdict).toBe('ACCEPT')
    expect(r.packet).toBe(p)
    expect(r.nat).toBeUndefined()
  })

  it('is not masqueraded in POSTROUTING: it comes from outside the subnet', () => {
    const p = { ...fromLan, dst: ip('172.17.0.2'), dport: 80, outIface: 'docker0' }
    const r = evaluateHook(nf, 'POSTROUTING', p, ctx, masqueradeSource(lab))
    expect(lines(nf, r.steps)).toEqual([
      'enter nat POSTROUTING',
      'nat POSTROUTING #1 ✗ -s 172.17.0.0/16 | -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      'policy nat POSTROUTING ACCEPT',
    ])
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: p })
    expect(r.nat).toBeUndefined()
  })

  it('without the DNAT, is dropped by the default DROP of filter DOCKER', () => {
    const p = { ...fromLan, dst: ip('172.17.0.2'), dport: 81, outIface: 'docker0' }
    const r = evaluateHook(nf, 'FORWARD', p, ctx)
    expect(lines(nf, r.steps).slice(-3)).toEqual([
      'enter filter DOCKER',
      'filter DOCKER #1 ✗ --dport 80 | -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      'filter DOCKER #2 ✓ ! -i docker0 -o docker0 -j DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })
})

describe('a container on network A to a container on the default bridge', () => {
  const lab = labAfter(
    'docker run -d --name web nginx',
    'docker network create A',
    'docker run -d --name a1 --network A busybox sleep 1000',
  )
  const nf = hostNetfilter(lab)
  const brA = bridgeOf(lab, 'A')
  const p = packet({
    src: '172.18.0.2',
    dst: '172.17.0.2',
    proto: 'tcp',
    sport: 40000,
    dport: 80,
    inIface: brA,
  })

  it('is dropped first in raw PREROUTING by the direct-access rule', () => {
    const r = evaluateHook(nf, 'PREROUTING', p, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter raw PREROUTING',
      'raw PREROUTING #1 ✓ -d 172.17.0.2/32 ! -i docker0 -j DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })

  it('would be dropped in FORWARD by DOCKER-ISOLATION-STAGE-2', () => {
    const r = evaluateHook(nf, 'FORWARD', { ...p, outIface: 'docker0' }, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✗ --ctstate RELATED,ESTABLISHED | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      `filter DOCKER-CT #2 ✗ -o ${brA} | -o ${brA} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      'return filter DOCKER-CT',
      'filter DOCKER-FORWARD #2 ✓ -j DOCKER-ISOLATION-STAGE-1',
      'enter filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-ISOLATION-STAGE-1 #1 ✗ -i docker0 | -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      `filter DOCKER-ISOLATION-STAGE-1 #2 ✓ -i ${brA} ! -o ${brA} -j DOCKER-ISOLATION-STAGE-2`,
      'enter filter DOCKER-ISOLATION-STAGE-2',
      `filter DOCKER-ISOLATION-STAGE-2 #1 ✗ -o ${brA} | -o ${brA} -j DROP`,
      'filter DOCKER-ISOLATION-STAGE-2 #2 ✓ -o docker0 -j DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })
})

describe('a container to the Internet', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const nf = hostNetfilter(lab)
  const out = packet({
    src: '172.17.0.2',
    dst: '203.0.113.10',
    proto: 'tcp',
    sport: 40000,
    dport: 443,
    inIface: 'docker0',
    outIface: 'eth0',
  })

  it('is accepted in FORWARD by DOCKER-FORWARD -i docker0', () => {
    const r = evaluateHook(nf, 'FORWARD', out, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✗ -o docker0 | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'return filter DOCKER-CT',
      'filter DOCKER-FORWARD #2 ✓ -j DOCKER-ISOLATION-STAGE-1',
      'enter filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-ISOLATION-STAGE-1 #1 ✓ -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      'enter filter DOCKER-ISOLATION-STAGE-2',
      'filter DOCKER-ISOLATION-STAGE-2 #1 ✗ -o docker0 | -o docker0 -j DROP',
      'return filter DOCKER-ISOLATION-STAGE-2',
      'return filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-FORWARD #3 ✓ -j DOCKER-BRIDGE',
      'enter filter DOCKER-BRIDGE',
      'filter DOCKER-BRIDGE #1 ✗ -o docker0 | -o docker0 -j DOCKER',
      'return filter DOCKER-BRIDGE',
      'filter DOCKER-FORWARD #4 ✓ -i docker0 -j ACCEPT',
    ])
    expect(r.verdict).toBe('ACCEPT')
  })

  it('is masqueraded to the host address of eth0 in POSTROUTING', () => {
    const r = evaluateHook(nf, 'POSTROUTING', out, hostCtx(lab, 'NEW'), masqueradeSource(lab))
    expect(lines(nf, r.steps)).toEqual([
      'enter nat POSTROUTING',
      'nat POSTROUTING #1 ✓ -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    ])
    const after = { ...out, src: ip('10.10.0.11') }
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: after })
    expect(r.nat).toMatchObject({ kind: 'MASQUERADE', before: out, after })
    expect(r.nat?.rule).toMatchObject({ table: 'nat', chain: 'POSTROUTING', index: 1 })
  })

  it('a later packet of the connection skips nat: conntrack applies the binding', () => {
    const r = evaluateHook(
      nf,
      'POSTROUTING',
      out,
      hostCtx(lab, 'ESTABLISHED'),
      masqueradeSource(lab),
    )
    expect(lines(nf, r.steps)).toEqual(['skip nat POSTROUTING (ESTABLISHED)'])
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: out })
  })

  it('the reply passes raw PREROUTING (still to the host address) and skips nat', () => {
    const reply = packet({
      src: '203.0.113.10',
      dst: '10.10.0.11',
      proto: 'tcp',
      sport: 443,
      dport: 40000,
      inIface: 'eth0',
    })
    const r = evaluateHook(nf, 'PREROUTING', reply, hostCtx(lab, 'ESTABLISHED'))
    expect(lines(nf, r.steps)).toEqual([
      'enter raw PREROUTING',
      'raw PREROUTING #1 ✗ -d 172.17.0.2/32 | -d 172.17.0.2/32 ! -i docker0 -j DROP',
      'policy raw PREROUTING ACCEPT',
      'skip nat PREROUTING (ESTABLISHED)',
    ])
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: reply })
  })

  it('the de-NATed reply is accepted in FORWARD by DOCKER-CT', () => {
    const reply = packet({
      src: '203.0.113.10',
      dst: '172.17.0.2',
      proto: 'tcp',
      sport: 443,
      dport: 40000,
      inIface: 'eth0',
      outIface: 'docker0',
    })
    const r = evaluateHook(nf, 'FORWARD', reply, hostCtx(lab, 'ESTABLISHED'))
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✓ -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ])
    expect(r.verdict).toBe('ACCEPT')
  })
})

describe('containers of an icc=false network', () => {
  const lab = labAfter(
    'docker network create -o com.docker.network.bridge.enable_icc=false quiet',
    'docker run -d --name q1 --network quiet busybox sleep 1000',
    'docker run -d --name q2 --network quiet busybox sleep 1000',
  )
  const nf = hostNetfilter(lab)
  const br = bridgeOf(lab, 'quiet')

  it('cannot talk to each other: DOCKER-FORWARD -i br -o br -j DROP', () => {
    const p = packet({
      src: '172.18.0.2',
      dst: '172.18.0.3',
      proto: 'tcp',
      sport: 40000,
      dport: 6379,
      inIface: br,
      outIface: br,
    })
    const r = evaluateHook(nf, 'FORWARD', p, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✗ -o docker0 | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      `filter DOCKER-CT #2 ✗ --ctstate RELATED,ESTABLISHED | -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      'return filter DOCKER-CT',
      'filter DOCKER-FORWARD #2 ✓ -j DOCKER-ISOLATION-STAGE-1',
      'enter filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-ISOLATION-STAGE-1 #1 ✗ -i docker0 | -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      `filter DOCKER-ISOLATION-STAGE-1 #2 ✗ ! -o ${br} | -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`,
      'return filter DOCKER-ISOLATION-STAGE-1',
      'filter DOCKER-FORWARD #3 ✓ -j DOCKER-BRIDGE',
      'enter filter DOCKER-BRIDGE',
      'filter DOCKER-BRIDGE #1 ✗ -o docker0 | -o docker0 -j DOCKER',
      `filter DOCKER-BRIDGE #2 ✓ -o ${br} -j DOCKER`,
      'enter filter DOCKER',
      'filter DOCKER #1 ✗ -o docker0 | ! -i docker0 -o docker0 -j DROP',
      `filter DOCKER #2 ✗ ! -i ${br} | ! -i ${br} -o ${br} -j DROP`,
      'return filter DOCKER',
      'return filter DOCKER-BRIDGE',
      'filter DOCKER-FORWARD #4 ✗ -i docker0 | -i docker0 -j ACCEPT',
      `filter DOCKER-FORWARD #5 ✓ -i ${br} -o ${br} -j DROP`,
    ])
    expect(r.verdict).toBe('DROP')
  })
})

describe('a container of an --internal network', () => {
  const lab = labAfter(
    'docker network create --internal sealed',
    'docker run -d --name s1 --network sealed busybox sleep 1000',
  )
  const nf = hostNetfilter(lab)
  const br = bridgeOf(lab, 'sealed')

  it('cannot leave through eth0: DOCKER-ISOLATION-STAGE-1 drops it', () => {
    const p = packet({
      src: '172.18.0.2',
      dst: '203.0.113.10',
      proto: 'tcp',
      sport: 40000,
      dport: 443,
      inIface: br,
      outIface: 'eth0',
    })
    const r = evaluateHook(nf, 'FORWARD', p, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      ...FORWARD_INTO_DOCKER_FORWARD,
      'filter DOCKER-CT #1 ✗ -o docker0 | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'return filter DOCKER-CT',
      'filter DOCKER-FORWARD #2 ✓ -j DOCKER-ISOLATION-STAGE-1',
      'enter filter DOCKER-ISOLATION-STAGE-1',
      `filter DOCKER-ISOLATION-STAGE-1 #1 ✗ ! -s 172.18.0.0/16 | ! -s 172.18.0.0/16 -o ${br} -j DROP`,
      `filter DOCKER-ISOLATION-STAGE-1 #2 ✓ ! -d 172.18.0.0/16 -i ${br} -j DROP`,
    ])
    expect(r.verdict).toBe('DROP')
  })
})

describe('the host itself to a published port', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const nf = hostNetfilter(lab)

  it('127.0.0.1:8080 is not DNATed: nat OUTPUT skips DOCKER for 127/8', () => {
    const p = packet({
      src: '127.0.0.1',
      dst: '127.0.0.1',
      proto: 'tcp',
      sport: 40000,
      dport: 8080,
      outIface: 'lo',
    })
    const r = evaluateHook(nf, 'OUTPUT', p, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter raw OUTPUT',
      'policy raw OUTPUT ACCEPT',
      'enter nat OUTPUT',
      'nat OUTPUT #1 ✗ ! -d 127.0.0.0/8 | ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
      'policy nat OUTPUT ACCEPT',
      'enter filter OUTPUT',
      'policy filter OUTPUT ACCEPT',
    ])
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: p })
    expect(r.nat).toBeUndefined()
  })

  it('10.10.0.11:8080 is DNATed in nat OUTPUT and rerouted to docker0 before filter', () => {
    const p = packet({
      src: '10.10.0.11',
      dst: '10.10.0.11',
      proto: 'tcp',
      sport: 40000,
      dport: 8080,
      outIface: 'lo',
    })
    const ctx = { ...hostCtx(lab, 'NEW'), reroute: () => 'docker0' }
    const r = evaluateHook(nf, 'OUTPUT', p, ctx)
    expect(lines(nf, r.steps)).toEqual([
      'enter raw OUTPUT',
      'policy raw OUTPUT ACCEPT',
      'enter nat OUTPUT',
      'nat OUTPUT #1 ✓ ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
      'enter nat DOCKER',
      'nat DOCKER #1 ✗ -i docker0 | -i docker0 -j RETURN',
      'nat DOCKER #2 ✓ ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      'enter filter OUTPUT',
      'policy filter OUTPUT ACCEPT',
    ])
    const after = { ...p, dst: ip('172.17.0.2'), dport: 80, outIface: 'docker0' }
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: after, nat: { kind: 'DNAT', after } })
  })

  it('a NEW connection to the host runs filter INPUT, then nat INPUT (SNAT on input)', () => {
    const p = packet({
      src: '10.10.0.50',
      dst: '10.10.0.11',
      proto: 'tcp',
      sport: 40000,
      dport: 22,
      inIface: 'eth0',
    })
    const r = evaluateHook(nf, 'INPUT', p, hostCtx(lab, 'NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter filter INPUT',
      'policy filter INPUT ACCEPT',
      'enter nat INPUT',
      'policy nat INPUT ACCEPT',
    ])
    expect(r.verdict).toBe('ACCEPT')
  })
})
