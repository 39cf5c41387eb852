import { describe, expect, it } from 'vitest'
import {
  goTimeString,
  humanDuration,
  nanosFor,
  rfc3339Nano,
  ZERO_TIME,
} from '../../../src/cli/format/time'

const NEW_YEAR_2026 = 1767225600

describe('Go time formats', () => {
  it('formats RFC3339Nano in UTC, dropping trailing zeros of the fraction', () => {
    expect(rfc3339Nano(NEW_YEAR_2026)).toBe('2026-01-01T00:00:00Z')
    expect(rfc3339Nano(NEW_YEAR_2026 + 3725, 120_000_000)).toBe('2026-01-01T01:02:05.12Z')
    expect(rfc3339Nano(NEW_YEAR_2026, 7)).toBe('2026-01-01T00:00:00.000000007Z')
    expect(rfc3339Nano(951782400)).toBe('2000-02-29T00:00:00Z')
    expect(rfc3339Nano(0)).toBe('1970-01-01T00:00:00Z')
    expect(ZERO_TIME).toBe('0001-01-01T00:00:00Z')
  })

  it('derives a stable nine-digit fraction from an ID', () => {
    expect(nanosFor('abc')).toBe(nanosFor('abc'))
    expect(nanosFor('abc')).not.toBe(nanosFor('abd'))
    expect(nanosFor('abc')).toBeLessThan(1_000_000_000)
  })

  it('prints time.Time String() for docker ps .CreatedAt', () => {
    expect(goTimeString(NEW_YEAR_2026 + 59)).toBe('2026-01-01 00:00:59 +0000 UTC')
  })
})

describe('go-units HumanDuration', () => {
  it.each([
    [0, 'Less than a second'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, 'About a minute'],
    [119, 'About a minute'],
    [120, '2 minutes'],
    [3599, '59 minutes'],
    [3600, 'About an hour'],
    [5399, 'About an hour'],
    [5400, '2 hours'],
    [47 * 3600, '47 hours'],
    [48 * 3600, '2 days'],
    [14 * 86400, '2 weeks'],
    [60 * 86400, '2 months'],
    [730 * 86400, '2 years'],
  ])('%i seconds → %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text)
  })
})
