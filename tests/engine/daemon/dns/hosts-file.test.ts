import { describe, expect, it } from 'vitest'
import {
  containerHosts,
  formatHostsEntry,
  hostNetworkHosts,
  linkHostsEntry,
} from '../../../../src/engine/daemon/dns/hosts-file'

const DEFAULTS = `127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::\tip6-localnet
ff00::\tip6-mcastprefix
ff02::1\tip6-allnodes
ff02::2\tip6-allrouters
`

describe('containerHosts', () => {
  it("writes the defaults (Docker 28's fe00:: form) and the container's own address", () => {
    const text = containerHosts({
      hostname: '3f4e5d6c7b8a',
      addresses: ['172.18.0.2'],
      extraHosts: [],
      ipv6: true,
    })
    expect(text).toBe(`${DEFAULTS}172.18.0.2\t3f4e5d6c7b8a\n`)
  })

  it('lists every address of the container, one line per network', () => {
    const text = containerHosts({
      hostname: '3f4e5d6c7b8a',
      addresses: ['172.18.0.2', '172.19.0.3'],
      extraHosts: [],
      ipv6: true,
    })
    expect(text).toBe(`${DEFAULTS}172.18.0.2\t3f4e5d6c7b8a\n172.19.0.3\t3f4e5d6c7b8a\n`)
  })

  it('names the FQDN first, then the bare host name', () => {
    const withDomain = containerHosts({
      hostname: 'web',
      domainname: 'example.com',
      addresses: ['172.17.0.2'],
      extraHosts: [],
      ipv6: true,
    })
    expect(withDomain).toBe(`${DEFAULTS}172.17.0.2\tweb.example.com web\n`)
    const dotted = containerHosts({
      hostname: 'db.internal',
      addresses: ['172.17.0.3'],
      extraHosts: [],
      ipv6: true,
    })
    expect(dotted).toBe(`${DEFAULTS}172.17.0.3\tdb.internal db\n`)
  })

  it('puts --add-host records, then --link records, before its own address', () => {
    const text = containerHosts({
      hostname: '9c8b7a6f5e4d',
      addresses: ['172.17.0.3'],
      extraHosts: [
        { name: 'db.local', ip: '10.0.0.5' },
        { name: 'v6.local', ip: '2001:DB8:0:0::1' },
      ],
      links: [linkHostsEntry('172.17.0.2', 'database', '1a2b3c4d5e6f', '/db')],
      ipv6: true,
    })
    expect(text).toBe(
      `${DEFAULTS}10.0.0.5\tdb.local\n2001:db8::1\tv6.local\n` +
        `172.17.0.2\tdatabase 1a2b3c4d5e6f db\n172.17.0.3\t9c8b7a6f5e4d\n`,
    )
  })

  it('drops every IPv6 record when IPv6 is disabled in the container (BuildNoIPv6)', () => {
    const text = containerHosts({
      hostname: '3f4e5d6c7b8a',
      addresses: ['172.18.0.2', 'fd00::2'],
      extraHosts: [
        { name: 'v6.local', ip: '2001:db8::1' },
        { name: 'db.local', ip: '10.0.0.5' },
      ],
      ipv6: false,
    })
    expect(text).toBe('127.0.0.1\tlocalhost\n10.0.0.5\tdb.local\n172.18.0.2\t3f4e5d6c7b8a\n')
  })

  it('has no own record while the container has no address (network none)', () => {
    const text = containerHosts({ hostname: 'a1', addresses: [], extraHosts: [], ipv6: true })
    expect(text).toBe(DEFAULTS)
  })
})

describe('legacy links', () => {
  it('writes alias, child hostname and child name', () => {
    const entry = linkHostsEntry('172.17.0.2', 'database', '1a2b3c4d5e6f', 'db')
    expect(formatHostsEntry(entry)).toBe('172.17.0.2\tdatabase 1a2b3c4d5e6f db\n')
  })

  it('leaves the name out when the alias is the name', () => {
    const entry = linkHostsEntry('172.17.0.2', 'db', '1a2b3c4d5e6f', '/db')
    expect(formatHostsEntry(entry)).toBe('172.17.0.2\tdb 1a2b3c4d5e6f\n')
  })
})

describe('hostNetworkHosts', () => {
  const HOST = '127.0.0.1\tlocalhost\n10.10.0.11\thost1\n'

  it("copies the host's file", () => {
    expect(hostNetworkHosts(HOST, [], true)).toBe(HOST)
  })

  it('builds the file instead when --add-host is given', () => {
    const text = hostNetworkHosts(HOST, [{ name: 'host1', ip: '10.0.0.9' }], true)
    expect(text).toBe(`${DEFAULTS}10.0.0.9\thost1\n`)
  })
})
