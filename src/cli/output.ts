// What a command line produces, exactly as a terminal would show it.

export type CommandOutput = {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

export const out = (stdout: string, exitCode = 0): CommandOutput => ({
  stdout,
  stderr: '',
  exitCode,
})
export const fail = (stderr: string, exitCode: number, stdout = ''): CommandOutput => ({
  stdout,
  stderr,
  exitCode,
})

/** Text as a program prints it: one line per entry, newline-terminated. */
export const lines = (rows: readonly string[]): string => rows.map((r) => `${r}\n`).join('')
