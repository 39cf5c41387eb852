import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

// One user-defined network with an alias, a shared alias and a Debian container (getent), and
// two containers on the default bridge. The default world's host1 has `nameserver 10.10.0.1` and
// `search example.com`, which Docker copies into every container's /etc/resolv.conf.
function world() {
  const lab = createTestLab()
  lab.run('docker network create net1')
  lab.run('docker run -d --name c1 --network net1 busybox sleep 1000') // 172.18.0.2
  lab.run('docker run -d --name c2 --network net1 --network-alias db busybox sleep 1000') // .3
  lab.run('docker run -d --name web1 --network net1 --network-alias web busybox sleep 1000') // .4
  lab.run('docker run -d --name web2 --network net1 --network-alias web busybox sleep 1000') // .5
  lab.run('docker run -d --name d1 --network net1 debian sleep 1000') // .6
  lab.run('docker run -d --name b1 busybox sleep 1000') // 172.17.0.2
  lab.run('docker run -d --name b2 busybox sleep 1000') // 172.17.0.3
  return lab
}

const EMBEDDED = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
// Docker's DNS answers the AAAA query of an IPv4-only name with an empty NOERROR (not
// authoritative): busybox 1.36 prints only the header of that block.
const EMPTY_AAAA = 'Non-authoritative answer:\n\n'

describe('nslookup (busybox 1.36) in a container', () => {
  const cases: { name: string; line: string; stdout: string; exitCode: number }[] = [
    {
      name: 'resolves a container name through the embedded DNS server',
      line: 'nslookup c2 127.0.0.11',
      stdout: `${EMBEDDED}Non-authoritative answer:\nName:\tc2\nAddress: 172.18.0.3\n\n${EMPTY_AAAA}`,
      exitCode: 0,
    },
    {
      name: 'appends the search domain to a bare name: Docker forwards c2.example.com upstream',
      line: 'nslookup c2',
      stdout: EMBEDDED + "** server can't find c2.example.com: NXDOMAIN\n\n".repeat(2),
      exitCode: 1,
    },
    {
      name: 'takes a name with a trailing dot as is',
      line: 'nslookup c2.',
      stdout: `${EMBEDDED}Non-authoritative answer:\nName:\tc2\nAddress: 172.18.0.3\n\n${EMPTY_AAAA}`,
      exitCode: 0,
    },
    {
      name: 'resolves a network alias',
      line: 'nslookup db 127.0.0.11',
      stdout: `${EMBEDDED}Non-authoritative answer:\nName:\tdb\nAddress: 172.18.0.3\n\n${EMPTY_AAAA}`,
      exitCode: 0,
    },
    {
      name: 'resolves name.network (a dotted name gets no search domain)',
      line: 'nslookup c2.net1',
      stdout: `${EMBEDDED}Non-authoritative answer:\nName:\tc2.net1\nAddress: 172.18.0.3\n\n${EMPTY_AAAA}`,
      exitCode: 0,
    },
    {
      name: 'lists every container sharing an alias',
      line: 'nslookup web 127.0.0.11',
      stdout:
        EMBEDDED +
        'Non-authoritative answer:\n' +
        'Name:\tweb\nAddress: 172.18.0.4\n' +
        'Name:\tweb\nAddress: 172.18.0.5\n\n' +
        EMPTY_AAAA,
      exitCode: 0,
    },
    {
      name: 'reports an unknown name as NXDOMAIN, once per query type',
      line: 'nslookup nope 127.0.0.11',
      stdout: EMBEDDED + "** server can't find nope: NXDOMAIN\n\n".repeat(2),
      exitCode: 1,
    },
    {
      name: 'forwards external names; the simulated Internet has no DNS zones',
      line: 'nslookup example.com',
      stdout: EMBEDDED + "** server can't find example.com: NXDOMAIN\n\n".repeat(2),
      exitCode: 1,
    },
    {
      name: 'looks an address up as PTR: name.network',
      line: 'nslookup 172.18.0.3',
      stdout: `${EMBEDDED}Non-authoritative answer:\n3.0.18.172.in-addr.arpa\tname = c2.net1\n\n`,
      exitCode: 0,
    },
  ]
  it.each(cases)('$name', ({ line, stdout, exitCode }) => {
    expect(world().run(`docker exec c1 ${line}`)).toEqual({ stdout, stderr: '', exitCode })
  })

  it('asks the host’s nameserver on the default bridge, which knows no container', () => {
    const lab = world()
    const head = 'Server:\t\t10.10.0.1\nAddress:\t10.10.0.1:53\n\n'
    expect(lab.run('docker exec b1 nslookup b2')).toEqual({
      stdout: head + "** server can't find b2.example.com: NXDOMAIN\n\n".repeat(2),
      stderr: '',
      exitCode: 1,
    })
    expect(lab.run('docker exec b1 nslookup b2 10.10.0.1')).toEqual({
      stdout: head + "** server can't find b2: NXDOMAIN\n\n".repeat(2),
      stderr: '',
      exitCode: 1,
    })
  })

  it('gets no answer from 127.0.0.11 on the default bridge (nothing listens there)', () => {
    expect(world().run('docker exec b1 nslookup b2 127.0.0.11')).toEqual({
      stdout: ';; connection timed out; no servers could be reached\n\n',
      stderr: 'nslookup: read: Connection refused\n'.repeat(2),
      exitCode: 1,
    })
  })

  it('answers SERVFAIL for external names on an internal network (no forwarding)', () => {
    const lab = createTestLab()
    lab.run('docker network create --internal back')
    lab.run('docker run -d --name i1 --network back alpine sleep 1000')
    expect(lab.run('docker exec i1 nslookup example.com').stdout).toBe(
      EMBEDDED + "** server can't find example.com: SERVFAIL\n\n".repeat(2),
    )
  })

  it('cannot send from a none-mode container', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name lonely --network none busybox sleep 1000')
    expect(lab.run('docker exec lonely nslookup c1')).toEqual({
      stdout: '',
      stderr: "nslookup: can't connect to remote host (10.10.0.1): Network unreachable\n",
      exitCode: 1,
    })
  })

  it('prints its usage without a name', () => {
    expect(world().run('docker exec c1 nslookup')).toEqual({
      stdout: '',
      stderr:
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
        'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n' +
        'Query DNS about HOST\n\n' +
        'QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n',
      exitCode: 1,
    })
  })
})

describe('nslookup (bind9) on the host', () => {
  it('does not know container names: the LAN resolver answers NXDOMAIN', () => {
    expect(world().run('nslookup c1')).toEqual({
      stdout:
        'Server:\t\t10.10.0.1\nAddress:\t10.10.0.1#53\n\n' +
        "** server can't find c1: NXDOMAIN\n\n",
      stderr: '',
      exitCode: 1,
    })
  })

  it('looks an address up in in-addr.arpa', () => {
    expect(world().run('nslookup 172.18.0.2').stdout).toBe(
      'Server:\t\t10.10.0.1\nAddress:\t10.10.0.1#53\n\n' +
        "** server can't find 2.0.18.172.in-addr.arpa: NXDOMAIN\n\n",
    )
  })

  it('cannot reach the embedded DNS server from the host', () => {
    expect(world().run('nslookup c1 127.0.0.11')).toEqual({
      stdout:
        ';; communications error to 127.0.0.11#53: connection refused\n'.repeat(3) +
        ';; no servers could be reached\n\n',
      stderr: '',
      exitCode: 1,
    })
  })
})

describe('getent (glibc) in a Debian container', () => {
  function inDebian() {
    const lab = world()
    lab.run('docker exec -it d1 bash')
    return lab
  }
  const cases: { name: string; line: string; stdout: string; exitCode: number }[] = [
    {
      name: 'finds localhost in /etc/hosts, IPv6 first (AF_INET6, then AF_INET)',
      line: 'getent hosts localhost',
      stdout: '::1             localhost ip6-localhost ip6-loopback\n',
      exitCode: 0,
    },
    {
      name: 'resolves a container name through the embedded DNS (ndots:0: as is first)',
      line: 'getent hosts c2',
      stdout: '172.18.0.3      c2\n',
      exitCode: 0,
    },
    {
      name: 'prints every address of a shared alias',
      line: 'getent hosts web',
      stdout: '172.18.0.4      web\n172.18.0.5      web\n',
      exitCode: 0,
    },
    {
      name: 'exits 2 for an unknown name',
      line: 'getent hosts nope',
      stdout: '',
      exitCode: 2,
    },
    {
      name: 'turns an address into name.network (PTR)',
      line: 'getent hosts 172.18.0.3',
      stdout: '172.18.0.3      c2.net1\n',
      exitCode: 0,
    },
    {
      name: 'prints the socket types with ahosts, the canonical name once',
      line: 'getent ahosts web',
      stdout:
        '172.18.0.4      STREAM web\n172.18.0.4      DGRAM  \n172.18.0.4      RAW    \n' +
        '172.18.0.5      STREAM \n172.18.0.5      DGRAM  \n172.18.0.5      RAW    \n',
      exitCode: 0,
    },
    {
      name: 'leaves IPv6 out of ahosts where the container has no IPv6 address',
      line: 'getent ahosts localhost',
      stdout:
        '127.0.0.1       STREAM localhost\n127.0.0.1       DGRAM  \n127.0.0.1       RAW    \n',
      exitCode: 0,
    },
  ]
  it.each(cases)('$name', ({ line, stdout, exitCode }) => {
    expect(inDebian().run(line)).toEqual({ stdout, stderr: '', exitCode })
  })

  it('lists /etc/hosts without a key', () => {
    const lab = inDebian()
    const hostname = lab.run('cat /etc/hostname').stdout.trim()
    expect(lab.run('getent hosts').stdout).toBe(
      '127.0.0.1       localhost\n' +
        '::1             localhost ip6-localhost ip6-loopback\n' +
        'fe00::          ip6-localnet\n' +
        'ff00::          ip6-mcastprefix\n' +
        'ff02::1         ip6-allnodes\n' +
        'ff02::2         ip6-allrouters\n' +
        `172.18.0.6      ${hostname}\n`,
    )
  })

  it('rejects an unknown database', () => {
    expect(inDebian().run('getent hots x')).toEqual({
      stdout: '',
      stderr:
        "Unknown database: hots\nTry `getent --help' or `getent --usage' for more information.\n",
      exitCode: 1,
    })
  })
})

describe('getent on the host', () => {
  it('reads the host’s /etc/hosts and finds no container', () => {
    const lab = world()
    expect(lab.run('getent hosts host1').stdout).toBe('127.0.1.1       host1.example.com host1\n')
    expect(lab.run('getent hosts c1')).toEqual({ stdout: '', stderr: '', exitCode: 2 })
  })

  it('puts ::1 first in ahosts (the host has a link-local IPv6 address)', () => {
    expect(world().run('getent ahosts localhost').stdout).toBe(
      '::1             STREAM localhost\n::1             DGRAM  \n::1             RAW    \n' +
        '127.0.0.1       STREAM \n127.0.0.1       DGRAM  \n127.0.0.1       RAW    \n',
    )
  })
})
