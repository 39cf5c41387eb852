// The rules Docker 28 installs, compared whole with iptables-save (comment lines aside):
// the canonical host of ../shared/reference/docker-networking-facts.md §3.3, and the moby
// v28.5.2 goldens (libnetwork/drivers/bridge/internal/iptabler/testdata) for internal and
// icc=false networks.

import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'
import { network } from '../../helpers/world'
import { CANONICAL } from '../../fidelity/canonical-iptables'

const save = (lab: ReturnType<typeof createTestLab>, table?: string): string =>
  lab
    .run(table ? `iptables-save -t ${table}` : 'iptables-save')
    .stdout.split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')

describe('iptables-save', () => {
  it('matches the canonical Docker 28.5 host with docker run -d -p 8080:80 --name web nginx, line for line', () => {
    const lab = createTestLab()
    lab.run('docker run -d -p 8080:80 --name web nginx')
    expect(save(lab)).toBe(CANONICAL)
  })

  it('puts a newer network’s inserted rules first and its appended rules last (§3.3)', () => {
    const lab = createTestLab()
    lab.run('docker run -d -p 8080:80 --name web nginx')
    lab.run('docker network create app')
    const br = `br-${network(lab, 'app').id.slice(0, 12)}`
    lab.run('docker run -d --name api --network app busybox sleep 1000')
    const rules = save(lab).split('\n')
    const order = (prefix: string): string[] => rules.filter((l) => l.startsWith(prefix))
    expect(order('-A PREROUTING -d')).toEqual([
      '-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP',
      `-A PREROUTING -d 172.18.0.2/32 ! -i ${br} -j DROP`,
    ])
    expect(order('-A DOCKER-ISOLATION-STAGE-2')).toEqual([
      `-A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`,
      '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
    ])
    expect(order('-A DOCKER-ISOLATION-STAGE-1')).toEqual([
      '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      `-A DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`,
    ])
    expect(order('-A POSTROUTING')).toEqual([
      `-A POSTROUTING -s 172.18.0.0/16 ! -o ${br} -j MASQUERADE`,
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    ])
    expect(order('-A DOCKER -i')).toEqual([
      `-A DOCKER -i ${br} -j RETURN`,
      '-A DOCKER -i docker0 -j RETURN',
    ])
    expect(order('-A DOCKER ! -i')).toEqual([
      '-A DOCKER ! -i docker0 -o docker0 -j DROP',
      `-A DOCKER ! -i ${br} -o ${br} -j DROP`,
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    ])
  })

  it('an --internal network gets only the isolation drops and its forward rule (moby golden internal=true)', () => {
    const lab = createTestLab()
    lab.run(
      'docker network create --internal --subnet 192.168.0.0/24 -o com.docker.network.bridge.name=br-dummy secret',
    )
    lab.run('docker run -d --name c1 --network secret busybox sleep 1000')
    const filter = save(lab, 'filter')
      .split('\n')
      .filter((l) => l.includes('br-dummy'))
    expect(filter).toEqual([
      '-A DOCKER-FORWARD -i br-dummy -o br-dummy -j ACCEPT',
      '-A DOCKER-ISOLATION-STAGE-1 ! -s 192.168.0.0/24 -o br-dummy -j DROP',
      '-A DOCKER-ISOLATION-STAGE-1 ! -d 192.168.0.0/24 -i br-dummy -j DROP',
    ])
    expect(save(lab, 'nat')).not.toContain('br-dummy')
    expect(save(lab, 'raw')).not.toContain('br-dummy')
  })

  it('icc=false drops traffic between the bridge’s own ports (moby golden icc=false)', () => {
    const lab = createTestLab()
    lab.run(
      'docker network create --subnet 192.168.0.0/24 -o com.docker.network.bridge.name=br-dummy -o com.docker.network.bridge.enable_icc=false quiet',
    )
    const fwd = save(lab, 'filter')
      .split('\n')
      .filter((l) => l.startsWith('-A DOCKER-FORWARD -i br-dummy'))
    expect(fwd).toEqual([
      '-A DOCKER-FORWARD -i br-dummy -o br-dummy -j DROP',
      '-A DOCKER-FORWARD -i br-dummy ! -o br-dummy -j ACCEPT',
    ])
  })

  it('a port published on 127.0.0.1 gets the loopback filter in raw and a DNAT with -d', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 127.0.0.1:8080:80 nginx')
    expect(save(lab, 'raw')).toContain(
      '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP',
    )
    expect(save(lab, 'nat')).toContain(
      '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    )
  })

  it('removing the container and the network removes every rule they added', () => {
    const lab = createTestLab()
    const fresh = { filter: save(lab, 'filter'), nat: save(lab, 'nat') }
    lab.run('docker network create app')
    lab.run('docker run -d --name web --network app -p 8080:80 nginx')
    lab.run('docker rm -f web')
    lab.run('docker network rm app')
    expect({ filter: save(lab, 'filter'), nat: save(lab, 'nat') }).toEqual(fresh)
    // The raw table stays loaded once used, as in the kernel, but empty.
    expect(save(lab, 'raw')).toBe('*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n')
  })
})
