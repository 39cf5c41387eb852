import { describe, expect, it } from 'vitest'
import { formatPort } from '../../../src/cli/format/port'

const ports = {
  '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }],
  '53/udp': null,
  '80/tcp': [
    { HostIp: '0.0.0.0', HostPort: '8080' },
    { HostIp: '::', HostPort: '8080' },
  ],
}

describe('docker port output', () => {
  it('lists every binding in natural order, IPv6 hosts in brackets', () => {
    expect(formatPort(ports, 'web')).toEqual({
      ok: true,
      value: '80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n443/tcp -> 127.0.0.1:8443\n',
    })
    expect(formatPort({}, 'web')).toEqual({ ok: true, value: '' })
  })

  it('shows one port’s bindings; tcp is the default protocol', () => {
    const want = { ok: true, value: '0.0.0.0:8080\n[::]:8080\n' }
    expect(formatPort(ports, 'web', '80')).toEqual(want)
    expect(formatPort(ports, 'web', '80/tcp')).toEqual(want)
  })

  it('answers with the CLI’s errors for unpublished and invalid ports', () => {
    expect(formatPort(ports, 'web', '81/tcp')).toEqual({
      ok: false,
      error: "Error: No public port '81/tcp' published for web",
    })
    expect(formatPort(ports, 'web', '53/udp')).toEqual({
      ok: false,
      error: "Error: No public port '53/udp' published for web",
    })
    expect(formatPort(ports, 'web', 'http')).toEqual({
      ok: false,
      error: 'Error: invalid port (http): strconv.ParseUint: parsing "http": invalid syntax',
    })
    expect(formatPort(ports, 'web', '70000')).toEqual({
      ok: false,
      error: 'Error: invalid port (70000): strconv.ParseUint: parsing "70000": value out of range',
    })
  })
})
