import { describe, expect, it } from 'vitest'
import { parseFlags, type FlagSpec } from '../../src/cli/flags'

const SPECS: FlagSpec[] = [
  { name: 'detach', short: 'd', type: 'bool' },
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'name', type: 'string' },
  { name: 'publish', short: 'p', type: 'list' },
]

describe('parseFlags (pflag semantics)', () => {
  it('parses grouped booleans, = and separate values, repeated lists', () => {
    const r = parseFlags(['-dit', '--name=web', '-p', '8080:80', '-p81:81', 'nginx'], SPECS)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect([...r.value.flags.bools].sort()).toEqual(['detach', 'interactive', 'tty'])
    expect(r.value.flags.strings.get('name')).toBe('web')
    expect(r.value.flags.lists.get('publish')).toEqual(['8080:80', '81:81'])
    expect(r.value.args).toEqual(['nginx'])
  })

  it('stops at the first argument when not interspersed (docker run IMAGE CMD -x)', () => {
    const r = parseFlags(['-d', 'busybox', 'ls', '-l'], SPECS, { interspersed: false })
    expect(r.ok && r.value.args).toEqual(['busybox', 'ls', '-l'])
  })

  it('treats everything after -- as arguments', () => {
    const r = parseFlags(['--', '-d'], SPECS)
    expect(r.ok && r.value.args).toEqual(['-d'])
  })

  it.each([
    [['--nme', 'x'], 'unknown flag: --nme'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-dx'], "unknown shorthand flag: 'x' in -dx"],
    [['--name'], 'flag needs an argument: --name'],
    [['-p'], "flag needs an argument: 'p' in -p"],
    [
      ['--detach=maybe'],
      'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ])('rejects %j with pflag’s message', (argv, message) => {
    expect(parseFlags(argv, SPECS)).toEqual({ ok: false, error: message })
  })
})
