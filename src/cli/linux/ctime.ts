// C's ctime(3) without the newline, in UTC: `Thu Jan  1 00:00:00 2026`. The pure layers have no
// Date, so the civil date comes from H. Hinnant's days-to-civil algorithm.

import { civilFromDays } from '../../lib/civil-date'

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** `seconds` since the Unix epoch as ctime prints it in UTC. */
export function ctime(seconds: number): string {
  const days = Math.floor(seconds / 86400)
  const secs = seconds - days * 86400
  const { year, month, day } = civilFromDays(days)
  const weekday = DAYS[((days % 7) + 7) % 7] ?? ''
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`
  return `${weekday} ${MONTHS[month - 1] ?? ''} ${String(day).padStart(2)} ${time} ${year}`
}
