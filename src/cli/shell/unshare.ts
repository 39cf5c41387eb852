// `unshare -u [PROGRAM]` (util-linux), as seed 001 uses it to show namespaces: a shell in a new
// UTS namespace, whose `hostname NAME` stays there until `exit`. The other namespace kinds are
// not simulated by this command (Docker's network namespaces are, by the daemon and `ip netns`).

import { fail, out } from '../output'
import type { Program } from '../program'
import { shellName } from './shells'

const OTHERS: Readonly<Record<string, string>> = {
  '-n': 'network',
  '--net': 'network',
  '-m': 'mount',
  '--mount': 'mount',
  '-p': 'PID',
  '--pid': 'PID',
  '-i': 'IPC',
  '--ipc': 'IPC',
  '-U': 'user',
  '--user': 'user',
  '-C': 'cgroup',
  '--cgroup': 'cgroup',
  '-T': 'time',
  '--time': 'time',
}

export const unshare: Program = (ctx, argv) => {
  let uts = false
  let i = 0
  for (; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (!a.startsWith('-')) break
    if (a === '-u' || a === '--uts') uts = true
    else if (OTHERS[a] !== undefined)
      return fail(
        `unshare: ${OTHERS[a]} namespaces are not simulated by unshare here (only -u)\n`,
        1,
      )
    else if (a === '-f' || a === '--fork') continue
    else
      return fail(
        `unshare: unrecognized option '${a}'\nTry 'unshare --help' for more information.\n`,
        1,
      )
  }
  const program = argv.slice(i)
  const shell = program.length === 0 || shellName(program[0]?.split('/').pop() ?? '') !== undefined
  if (!shell) {
    const r = ctx.shell.runProgram(ctx, program)
    return (
      r ?? fail(`unshare: failed to execute ${program[0] ?? ''}: No such file or directory\n`, 127)
    )
  }
  if (uts) ctx.shell.unshareUts()
  return out('')
}
