// Small programs every userland has: hostname, echo, env, true, false, sleep, cat.

import type { Program } from '../program'
import { getContainer } from '../../engine'
import { fail, out } from '../output'
import { cat, readFile } from './files'
import { grep, head, tail, wc } from './text-tools'
import { awk, sort, uniq } from './more-text-tools'

const hostname: Program = (ctx, argv) => {
  const host = ctx.engine.world.hosts[ctx.host]
  const c = ctx.container === undefined ? undefined : getContainer(host?.daemon, ctx.container)
  const name = ctx.uts ?? c?.hostname ?? host?.hostname ?? ''
  const change = argv.find((a) => !a.startsWith('-'))
  if (change !== undefined) {
    // Containers lack CAP_SYS_ADMIN: their UTS name is Docker's to set (--hostname).
    if (ctx.container !== undefined)
      return fail(
        ctx.userland === 'busybox'
          ? 'hostname: sethostname: Operation not permitted\n'
          : 'hostname: you must be root to change the host name\n',
        1,
      )
    ctx.shell.setHostname(ctx, change)
    return out('')
  }
  if (argv[0] === '-i' || argv[0] === '--ip-address') {
    // Both busybox and net-tools look the name up in /etc/hosts.
    const hosts = readFile(ctx, '/etc/hosts') ?? ''
    const ips = hosts
      .split('\n')
      .map((l) => l.split(/\s+/))
      .filter((f) => f.slice(1).includes(name) && f[0] && !f[0].includes(':'))
      .map((f) => f[0])
    if (ips.length === 0) return fail('hostname: Name or service not known\n', 1)
    return out(`${ips.join(' ')}${ctx.userland === 'busybox' ? '' : ' '}\n`)
  }
  return out(`${name}\n`)
}

const env: Program = (ctx) => {
  const host = ctx.engine.world.hosts[ctx.host]
  const c = ctx.container === undefined ? undefined : getContainer(host?.daemon, ctx.container)
  const vars = c
    ? [
        `PATH=${c.env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'}`,
        `HOSTNAME=${c.hostname}`,
        ...c.env.filter((e) => !e.startsWith('PATH=')),
        'HOME=/root',
      ]
    : [
        'SHELL=/bin/bash',
        `HOSTNAME=${host?.hostname ?? ''}`,
        'PWD=/root',
        'LOGNAME=root',
        'HOME=/root',
        'USER=root',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ]
  return out(vars.map((v) => `${v}\n`).join(''))
}

export const BUILTINS: Readonly<Record<string, Program>> = {
  hostname,
  echo: (_ctx, argv) =>
    argv[0] === '-n' ? out(argv.slice(1).join(' ')) : out(`${argv.join(' ')}\n`),
  env,
  printenv: env,
  true: () => out(''),
  false: () => fail('', 1),
  sleep: () => out(''),
  cat,
  grep,
  head,
  tail,
  wc,
  awk,
  sort,
  uniq,
  // What ncurses' clear writes for xterm (home, erase screen, erase scrollback); the app's
  // terminal clears its scrollback itself before the line reaches the shell.
  clear: () => out('\x1b[H\x1b[2J\x1b[3J'),
}
