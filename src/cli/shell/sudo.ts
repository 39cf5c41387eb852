// `sudo CMD…` on the host, as the tutorials type it: the shell already runs as root, so sudo
// runs the command as it is (its options, -E, -H, -u root…, change nothing here).

import { fail } from '../output'
import type { Program } from '../program'

const WITH_VALUE = new Set(['-u', '-g', '-C', '-h', '-p', '-U'])

export const sudo: Program = (ctx, argv) => {
  let i = 0
  while (i < argv.length && (argv[i] ?? '').startsWith('-'))
    i += WITH_VALUE.has(argv[i] ?? '') ? 2 : 1
  const command = argv.slice(i)
  if (command.length === 0)
    return fail(
      'usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [<command>]\nusage: sudo -e [-ABkNnS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n',
      1,
    )
  return (
    ctx.shell.runProgram(ctx, command) ?? fail(`sudo: ${command[0] ?? ''}: command not found\n`, 1)
  )
}
