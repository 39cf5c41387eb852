import { describe, expect, it } from 'vitest'
import {
  displayablePorts,
  ellipsis,
  goQuote,
  statusText,
  type PsPort,
} from '../../../src/cli/format/ps'
import type { Container } from '../../../src/engine'

const pub = (IP: string, PublicPort: number, PrivatePort: number, Type = 'tcp'): PsPort => ({
  IP,
  PublicPort,
  PrivatePort,
  Type,
})
const exposed = (PrivatePort: number, Type = 'tcp'): PsPort => pub('', 0, PrivatePort, Type)

describe('DisplayablePorts', () => {
  it('shows IPv4 and bracketed IPv6 bindings, sorted by container port then address', () => {
    expect(displayablePorts([pub('::', 8080, 80), pub('0.0.0.0', 8080, 80)])).toBe(
      '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp',
    )
    expect(displayablePorts([pub('127.0.0.1', 8080, 80)])).toBe('127.0.0.1:8080->80/tcp')
  })

  it('shows exposed ports without bindings and groups consecutive ports', () => {
    expect(displayablePorts([exposed(80)])).toBe('80/tcp')
    expect(displayablePorts([exposed(81), exposed(80), exposed(82), exposed(53, 'udp')])).toBe(
      '53/udp, 80-82/tcp',
    )
    expect(displayablePorts([exposed(80), exposed(82), exposed(83)])).toBe('80/tcp, 82-83/tcp')
  })

  it('groups same-number mappings like 80:80 and lists other mappings last', () => {
    expect(
      displayablePorts([
        pub('0.0.0.0', 80, 80),
        pub('0.0.0.0', 81, 81),
        pub('0.0.0.0', 9000, 90),
        exposed(7000),
      ]),
    ).toBe('0.0.0.0:80-81->80-81/tcp, 7000/tcp, 0.0.0.0:9000->90/tcp')
    expect(displayablePorts([])).toBe('')
  })
})

describe('COMMAND column', () => {
  it('truncates to 20 characters with an ellipsis, then quotes as strconv.Quote', () => {
    const command = "/docker-entrypoint.sh nginx -g 'daemon off;'"
    expect(goQuote(ellipsis(command, 20))).toBe('"/docker-entrypoint.…"')
    expect(goQuote(ellipsis('sleep 1000', 20))).toBe('"sleep 1000"')
    expect(ellipsis('12345678901234567890', 20)).toBe('12345678901234567890')
    expect(goQuote('echo "hi"\tx\\')).toBe('"echo \\"hi\\"\\tx\\\\"')
  })
})

describe('STATUS column', () => {
  const base = { startedAt: 100, finishedAt: 200, exitCode: 0 } as Container
  it.each([
    [{ status: 'running' }, 'Up 5 seconds'],
    [{ status: 'paused', startedAt: -20 }, 'Up 2 minutes (Paused)'],
    [{ status: 'exited', exitCode: 137, finishedAt: 102 }, 'Exited (137) 3 seconds ago'],
    [{ status: 'created' }, 'Created'],
    [{ status: 'dead' }, 'Dead'],
    [{ status: 'restarting', exitCode: 1, finishedAt: 104 }, 'Restarting (1) 1 second ago'],
  ] as const)('%o → %s', (fields, text) => {
    expect(statusText({ ...base, ...fields }, 105)).toBe(text)
  })
})
