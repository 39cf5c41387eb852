// Times as the docker CLI and daemon print them, from the virtual clock (whole seconds since the
// epoch, always UTC): Go's time.RFC3339Nano (`Created`, `StartedAt` in inspect), Time.String()
// (`docker ps --format '{{.CreatedAt}}'`) and go-units HumanDuration (docker/go-units
// duration.go: "About a minute", "5 seconds" in `docker ps`).

/** Go's zero time.Time in RFC3339Nano: what inspect shows for a container never started. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

import { civilFromDays } from '../../lib/civil-date'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function dateTime(seconds: number): { date: string; time: string } {
  const s = Math.floor(seconds)
  const days = Math.floor(s / 86400)
  const rest = s - days * 86400
  const { year: y, month: m, day: d } = civilFromDays(days)
  return {
    date: `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
    time: `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}`,
  }
}

/**
 * A stable 9-digit nanosecond fraction for a timestamp: real timestamps have one, the virtual
 * clock does not, so it is derived from `seed` (an object ID) with FNV-1a.
 */
export function nanosFor(seed: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193)
  return (h >>> 0) % 1_000_000_000
}

/** Go `t.Format(time.RFC3339Nano)` in UTC: trailing zeros of the fraction are dropped. */
export function rfc3339Nano(seconds: number, nanos = 0): string {
  const { date, time } = dateTime(seconds)
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`
  return `${date}T${time}${fraction}Z`
}

/** Go `time.Unix(s, 0).String()` in UTC, as `docker ps` prints `.CreatedAt`. */
export function goTimeString(seconds: number): string {
  const { date, time } = dateTime(seconds)
  return `${date} ${time} +0000 UTC`
}

/** go-units HumanDuration for a duration in seconds. */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds)
  if (s < 1) return 'Less than a second'
  if (s === 1) return '1 second'
  if (s < 60) return `${s} seconds`
  const minutes = Math.floor(s / 60)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.floor(s / 3600 + 0.5)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`
  return `${Math.floor(Math.floor(s / 3600) / 24 / 365)} years`
}
