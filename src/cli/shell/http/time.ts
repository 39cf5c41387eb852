// The virtual clock as HTTP dates (servers' Date headers) and GNU wget's timestamps.

import { civilFromDays } from '../../../lib/civil-date'

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export const pad2 = (n: number): string => String(n).padStart(2, '0')

function civil(seconds: number) {
  const s = Math.floor(seconds)
  const days = Math.floor(s / 86400)
  const t = s - days * 86400
  const hms = `${pad2(Math.floor(t / 3600))}:${pad2(Math.floor(t / 60) % 60)}:${pad2(t % 60)}`
  return { ...civilFromDays(days), weekday: DAYS[((days % 7) + 7) % 7] ?? '', hms }
}

/** IMF-fixdate (RFC 9110), as every server's Date header: `Thu, 01 Jan 2026 00:00:00 GMT`. */
export function httpDate(seconds: number): string {
  const c = civil(seconds)
  return `${c.weekday}, ${pad2(c.day)} ${MONTHS[c.month - 1] ?? ''} ${c.year} ${c.hms} GMT`
}

/** GNU wget's datetime_str: `2026-01-01 00:00:00` (the host runs in UTC). */
export function stamp(seconds: number): string {
  const c = civil(seconds)
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${c.hms}`
}
