// What a command line produces, exactly as a terminal would show it, plus the packet traces of
// the packets it sent (ping, nc, curl, wget, nslookup, trace) for the trace player.

import type { Trace } from '../engine'

export type CommandOutput = {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
  /** The first packet of each connection or probe the command made, in order. */
  readonly traces?: readonly Trace[]
}

/** `output` with `traces` appended to the ones it already carries. */
export function withTraces(output: CommandOutput, traces: readonly Trace[]): CommandOutput {
  if (traces.length === 0) return output
  return { ...output, traces: [...(output.traces ?? []), ...traces] }
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
