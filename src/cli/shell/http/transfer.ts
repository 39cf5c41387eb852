// What one URL's transfer leaves on the terminal, and the size format the progress meters share.

/** What a tool printed for one URL, and its exit status. */
export type Transfer = { stdout: string; stderr: string; code: number }

/** A size in 5 columns (curl's lib/progress.c max5data, busybox's progress bar): `12345`, ` 976k`. */
export function max5(n: number): string {
  if (n < 100000) return String(n).padStart(5)
  if (n < 10000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`
  return `${String(Math.floor(n / 1048576)).padStart(4)}M`
}
