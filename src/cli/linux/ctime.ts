// C's ctime(3) without the newline, in UTC: `Thu Jan  1 00:00:00 2026`. The pure layers have no
// Date, so the civil date comes from H. Hinnant's days-to-civil algorithm.

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Year, month (1-12) and day of the month of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day }
}

/** `seconds` since the Unix epoch as ctime prints it in UTC. */
export function ctime(seconds: number): string {
  const days = Math.floor(seconds / 86400)
  const secs = seconds - days * 86400
  const { year, month, day } = civilFromDays(days)
  const weekday = DAYS[((days % 7) + 7) % 7] ?? ''
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`
  return `${weekday} ${MONTHS[month - 1] ?? ''} ${String(day).padStart(2)} ${time} ${year}`
}
