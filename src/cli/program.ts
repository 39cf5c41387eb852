// A program the shell can run: argv (without the program name) in, terminal text out.

import type { CommandContext } from './context'
import type { CommandOutput } from './output'

export type Program = (ctx: CommandContext, argv: readonly string[]) => CommandOutput
