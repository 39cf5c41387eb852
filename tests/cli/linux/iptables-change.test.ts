// iptables' rule-changing commands as learners type them: Docker's DOCKER-USER recipe, user
// chains, deletion by spec and by number, the policy, and iptables' own refusals. (The same
// rules meet a real kernel in tests/kernel's DOCKER-USER scenarios.)

import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

const rules = (lab: ReturnType<typeof createTestLab>, chain: string, table = 'filter') =>
  lab
    .run(`iptables -t ${table} -S ${chain}`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('-A'))

describe('iptables -A|-I|-D|-N|-X|-F|-P', () => {
  it('inserts Docker’s recipe into DOCKER-USER, written back in iptables-save’s order', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    expect(lab.run('iptables -I DOCKER-USER -i eth0 ! -s 10.10.0.60 -j DROP').exitCode).toBe(0)
    lab.run('iptables -I DOCKER-USER -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN')
    expect(rules(lab, 'DOCKER-USER')).toEqual([
      '-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
      '-A DOCKER-USER ! -s 10.10.0.60/32 -i eth0 -j DROP',
    ])
    const t = lab.run('trace lan host:8080').stdout
    expect(t).toContain('verdict: dropped')
    expect(t).toContain('  iptables -D DOCKER-USER ! -s 10.10.0.60/32 -i eth0 -j DROP')
    expect(lab.run('trace 10.10.0.60 host:8080').stdout).toContain('reply verdict: delivered')
  })

  it('deletes by spec and by number, and says so when there is nothing to delete', () => {
    const lab = createTestLab()
    lab.run('iptables -A DOCKER-USER -p tcp --dport 8080 -j DROP')
    lab.run('iptables -A DOCKER-USER -s 192.168.1.7/24 -j ACCEPT')
    expect(rules(lab, 'DOCKER-USER')).toEqual([
      '-A DOCKER-USER -p tcp -m tcp --dport 8080 -j DROP',
      '-A DOCKER-USER -s 192.168.1.0/24 -j ACCEPT',
    ])
    expect(lab.run('iptables -D DOCKER-USER -p tcp --dport 8080 -j DROP').exitCode).toBe(0)
    expect(lab.run('iptables -D DOCKER-USER 1').exitCode).toBe(0)
    expect(rules(lab, 'DOCKER-USER')).toEqual([])
    expect(lab.run('iptables -D DOCKER-USER -j DROP')).toEqual({
      stdout: '',
      stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).\n',
      exitCode: 1,
    })
    expect(lab.run('iptables -D DOCKER-USER 3').stderr).toBe(
      'iptables: Index of deletion too big.\n',
    )
  })

  it('makes, fills, flushes and removes a chain of its own', () => {
    const lab = createTestLab()
    expect(lab.run('iptables -N MINE').exitCode).toBe(0)
    expect(lab.run('iptables -N MINE').stderr).toBe('iptables: Chain already exists.\n')
    lab.run('iptables -A MINE -p udp --dport 53 -j ACCEPT')
    lab.run('iptables -I DOCKER-USER -j MINE')
    expect(lab.run('iptables -X MINE').stderr).toBe(
      'iptables v1.8.9 (nf_tables): CHAIN_USER_DEL failed (Device or resource busy): chain MINE\n',
    )
    lab.run('iptables -F MINE')
    lab.run('iptables -D DOCKER-USER -j MINE')
    expect(lab.run('iptables -X MINE').exitCode).toBe(0)
    expect(lab.run('iptables -S MINE').exitCode).toBe(1)
  })

  it('refuses as iptables does', () => {
    const lab = createTestLab()
    expect(lab.run('iptables -A NOPE -j DROP').stderr).toBe(
      'iptables: No chain/target/match by that name.\n',
    )
    expect(lab.run('iptables -A DOCKER-USER -j BOGUS')).toEqual({
      stdout: '',
      stderr:
        "iptables v1.8.9 (nf_tables): Couldn't load target `BOGUS':No such file or directory\nTry `iptables -h' or 'iptables --help' for more information.\n",
      exitCode: 2,
    })
    expect(lab.run('iptables -P DOCKER-USER DROP').stderr).toBe(
      'iptables: Bad built-in chain name.\n',
    )
    expect(lab.run('iptables -I DOCKER-USER 5 -j DROP').stderr).toBe(
      'iptables: Index of insertion too big.\n',
    )
    // Real extensions the simulator does not model say so, rather than "missing".
    expect(lab.run('iptables -A DOCKER-USER -j REJECT').stderr.split('\n')[0]).toBe(
      "iptables v1.8.9 (nf_tables): target `REJECT' is not simulated here",
    )
    expect(
      lab.run('iptables -A DOCKER-USER -m comment --comment x -j DROP').stderr.split('\n')[0],
    ).toBe("iptables v1.8.9 (nf_tables): match `comment' is not simulated here")
    expect(lab.run('iptables -P FORWARD ACCEPT').exitCode).toBe(0)
    expect(lab.run('iptables -S FORWARD').stdout.split('\n')[0]).toBe('-P FORWARD ACCEPT')
  })

  it('adds NAT rules in the nat table', () => {
    const lab = createTestLab()
    lab.run('iptables -t nat -A POSTROUTING -s 10.99.0.0/16 -o eth0 -j MASQUERADE')
    lab.run(
      'iptables -t nat -I PREROUTING -p tcp --dport 9000 -j DNAT --to-destination 172.17.0.9:80',
    )
    expect(rules(lab, 'POSTROUTING', 'nat')).toContain(
      '-A POSTROUTING -s 10.99.0.0/16 -o eth0 -j MASQUERADE',
    )
    expect(rules(lab, 'PREROUTING', 'nat')[0]).toBe(
      '-A PREROUTING -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.17.0.9:80',
    )
  })
})
