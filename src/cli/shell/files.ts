// `cat` of the few files learners read: /etc/hosts, /etc/resolv.conf, /etc/hostname, inside a
// container (the files Docker generated) or on the host.

import type { CommandContext } from '../context'
import { getContainer } from '../../engine'
import { fail, out, type CommandOutput } from '../output'

export function readFile(ctx: CommandContext, path: string): string | undefined {
  const host = ctx.engine.world.hosts[ctx.host]
  if (!host) return undefined
  const c = ctx.container === undefined ? undefined : getContainer(host.daemon, ctx.container)
  const files = c
    ? {
        '/etc/hosts': c.files.hosts,
        '/etc/resolv.conf': c.files.resolvConf,
        '/etc/hostname': c.files.hostname,
      }
    : {
        '/etc/hosts': host.files.etcHosts,
        '/etc/resolv.conf': host.files.resolvConf,
        '/etc/hostname': `${host.hostname}\n`,
      }
  return (files as Record<string, string>)[path]
}

export function cat(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  let stdout = ''
  let stderr = ''
  for (const path of argv.filter((a) => !a.startsWith('-'))) {
    const text = readFile(ctx, path)
    if (text === undefined) stderr += `cat: ${path}: No such file or directory\n`
    else stdout += text
  }
  return stderr ? fail(stderr, 1, stdout) : out(stdout)
}
