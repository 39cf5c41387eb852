// `export-commands [--prefix P] [--cleanup] [HOST]`: the lab's "what Docker does under the hood"
// (not a Linux program): a host's data plane as a sh script of real iproute2/iptables commands.

import { hostId } from '../../engine'
import { fail, out } from '../output'
import type { Program } from '../program'
import { isValidPrefix } from './names'
import { exportCleanup, exportScript } from './script'

const USAGE =
  'Usage: export-commands [--prefix P] [--cleanup] [HOST]\n' +
  '  Prints a POSIX sh script that rebuilds HOST (default: this one) in network namespaces\n' +
  '  named P… with ip and iptables-restore; --cleanup prints the script that removes them.\n'

export const runExportCommands: Program = (ctx, argv) => {
  let prefix: string | undefined
  let cleanup = false
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '-h' || a === '--help') return out(USAGE)
    if (a === '--cleanup') cleanup = true
    else if (a === '--prefix' || a.startsWith('--prefix=')) {
      const v = a === '--prefix' ? argv[++i] : a.slice('--prefix='.length)
      if (v === undefined) return fail('export-commands: option --prefix needs a value\n', 2)
      if (!isValidPrefix(v)) {
        return fail(`export-commands: bad prefix ${v} (letters, digits, . _ -; 24 at most)\n`, 2)
      }
      prefix = v
    } else if (a.startsWith('-')) return fail(`export-commands: unknown option ${a}\n${USAGE}`, 2)
    else words.push(a)
  }
  if (words.length > 1) return fail(USAGE, 2)
  const world = ctx.engine.world
  const host = words[0] === undefined ? ctx.host : hostId(words[0])
  if (!world.hosts[host]) return fail(`export-commands: no host ${host} in this world\n`, 1)
  const options = prefix === undefined ? {} : { prefix }
  return out(cleanup ? exportCleanup(world, host, options) : exportScript(world, host, options))
}
