// What the kernel cross-check (tests/kernel) found the tracer getting wrong, pinned here so the
// unit tests keep it without root: a bridge taken down forwards nothing, a `container:X`
// container is reached at X's address, and drops the sender is told of are marked so.

import { describe, expect, it } from 'vitest'
import { NS1_BY_HAND } from '../../helpers/by-hand'
import { createTestLab } from '../../helpers/lab'

describe('the tracer, as the kernel does it', () => {
  it('drops at the port of a bridge that is down (its ports are disabled): the sender’s ARP fails', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name alpha alpine sleep 1d')
    lab.run('docker run -d --name web nginx')
    lab.run('ip link set docker0 down')
    const out = lab.run('trace alpha web --port 80').stdout
    expect(out).toContain(
      'verdict: dropped (docker0 is down: its ports are disabled and drop every frame, the ARP request for 172.17.0.3 too)',
    )
    const r = lab.runTraced('trace alpha web --port 80')
    expect(r.traces?.[0]?.unreachable).toBe('host')
  })

  it('finds a container sharing another’s namespace (--network container:X) at X’s address', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name pub nginx')
    lab.run('docker run -d --name side --network container:pub alpine sleep 1d')
    const out = lab.run('trace host side --port 80').stdout
    expect(out).toContain('route to 172.17.0.2 dev docker0')
    expect(out).toContain('verdict: delivered')
  })

  it('tells the sender of no route (net) and of no ARP reply (host); a rule’s drop stays silent', () => {
    const lab = createTestLab()
    lab.run('docker network create --internal priv')
    lab.run('docker run -d --name in1 --network priv alpine sleep 1d')
    lab.run('docker network create front')
    lab.run('docker network create back')
    lab.run('docker run -d --name fe1 --network front alpine sleep 1d')
    lab.run('docker run -d --name be1 --network back alpine sleep 1d')
    const first = (line: string) => lab.runTraced(line).traces?.[0]
    expect(first('trace in1 internet')?.unreachable).toBe('net')
    expect(first('trace host 172.17.0.99')?.unreachable).toBe('host')
    const isolated = first('trace fe1 be1')
    expect(isolated?.verdict).toBe('dropped')
    expect(isolated?.unreachable).toBeUndefined()
  })
})

describe('programs run in a namespace of the host’s own (ip netns exec)', () => {
  const byHand = () => {
    const lab = createTestLab()
    for (const line of NS1_BY_HAND) lab.run(line)
    return lab
  }

  it('send from that namespace: ping has no route to docker0 there', () => {
    const lab = byHand()
    expect(lab.run('ip netns exec ns1 ping -c 1 172.17.0.1')).toEqual({
      stdout: '',
      stderr: 'ping: connect: Network is unreachable\n',
      exitCode: 2,
    })
    expect(lab.run('ip netns exec ns1 ping -c 1 10.200.0.1').exitCode).toBe(0)
  })

  it('trace starts there when FROM is one of its addresses', () => {
    const out = byHand().run('trace 10.200.0.2 10.200.0.1').stdout
    expect(out.split('\n')[0]).toBe('1. host1 ns1: route to 10.200.0.1 dev veth1-peer')
    expect(out).toContain('reply verdict: delivered')
  })
})

describe('a user network whose subnet overlaps the LAN', () => {
  it('loses the answer to its container: the LAN’s older route to the same subnet wins', () => {
    const lab = createTestLab()
    lab.run('docker network create --subnet 10.10.0.0/24 clash')
    lab.run('docker run -d --name cl1 --network clash nginx')
    const out = lab.run('trace cl1 10.10.0.1').stdout
    expect(out).toContain('host1: route to 10.10.0.2 dev eth0')
    expect(out).toContain(
      'reply verdict: dropped (the answer to 10.10.0.2 leaves on the LAN lan instead of going back to the sender: the route chosen for it points away from the sender’s network)'.replace(
        '’',
        "'",
      ),
    )
    expect(lab.run('docker exec cl1 curl -sS -m 2 http://10.10.0.1/').exitCode).not.toBe(0)
  })
})
