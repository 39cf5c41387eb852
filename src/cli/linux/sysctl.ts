// `sysctl [-n|-N] [-w] KEY[=VALUE]…` from procps-ng 4.0.2 (busybox's applet in containers) for
// the network keys of /proc/sys/net the simulator knows: values set in the namespace, else the
// kernel's defaults; writes go to the engine as sysctl.set. Mirrors procps sysctl.c ReadSetting
// / WriteSetting and busybox procps/sysctl.c.

import { getNetns, linksOf } from '../../engine'
import { ok } from '../../lib/result'
import type { Netns } from '../../engine'
import { fail, type CommandOutput } from '../output'
import type { Program } from '../program'
import type { CommandContext } from '../context'
import { SYSCTL_USAGE } from './usage-texts'

/** Kernel defaults of the keys the simulator models (per namespace). */
const DEFAULTS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.ipv4.ip_unprivileged_port_start': '1024',
  'net.ipv4.ping_group_range': '1\t0',
  'net.ipv4.tcp_syncookies': '1',
  'net.ipv6.conf.all.disable_ipv6': '0',
  'net.ipv6.conf.default.disable_ipv6': '0',
  'net.ipv6.conf.all.forwarding': '0',
  'net.core.somaxconn': '4096',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
  'net.bridge.bridge-nf-call-arptables': '1',
}

/** A key's value, or undefined when /proc/sys has no such file. */
export function sysctlValue(
  ns: Netns,
  devices: readonly string[],
  key: string,
): string | undefined {
  const set = ns.sysctl[key]
  if (set !== undefined) return set
  // The per-device `forwarding` switches follow net.ipv4.ip_forward.
  const fwd = /^net\.ipv4\.conf\.([^.]+)\.forwarding$/.exec(key)
  if (fwd && (['all', 'default'].includes(fwd[1] ?? '') || devices.includes(fwd[1] ?? ''))) {
    return ns.sysctl['net.ipv4.ip_forward'] ?? '0'
  }
  // systemd's 50-default.conf turns on loose reverse-path filtering on the host only.
  if (key === 'net.ipv4.conf.all.rp_filter' || key === 'net.ipv4.conf.default.rp_filter')
    return ns.role === 'host' ? '2' : '0'
  // Per-device switches the simulator reads (route_localnet, arp_ignore), all off by default.
  const conf =
    /^net\.ipv4\.conf\.([^.]+)\.(route_localnet|arp_ignore|arp_announce|proxy_arp|rp_filter)$/.exec(
      key,
    )
  const dev = conf?.[1] ?? ''
  if (conf && (['all', 'default'].includes(dev) || devices.includes(dev))) return '0'
  const v6 = /^net\.ipv6\.conf\.([^.]+)\.disable_ipv6$/.exec(key)
  if (v6 && devices.includes(v6[1] ?? '')) return ns.role === 'host' || v6[1] === 'lo' ? '0' : '1'
  return DEFAULTS[key]
}

type Mode = { values: boolean; names: boolean; quiet: boolean; write: boolean }

function write(ctx: CommandContext, key: string, value: string): void {
  ctx.engine.transact((op) => {
    op.apply({ kind: 'sysctl.set', host: ctx.host, netns: ctx.netns, key, value })
    return ok(undefined)
  })
}

export const runSysctl: Program = (ctx, argv) => {
  const busybox = ctx.userland === 'busybox'
  const mode: Mode = { values: false, names: false, quiet: false, write: false }
  const keys: string[] = []
  for (const arg of argv) {
    if (arg === '-n' || arg === '--values') mode.values = true
    else if (arg === '-N' || arg === '--names') mode.names = true
    else if (arg === '-q' || arg === '--quiet') mode.quiet = true
    else if (arg === '-w' || arg === '--write') mode.write = true
    else if (arg.startsWith('--')) {
      return { stdout: SYSCTL_USAGE, stderr: `sysctl: unrecognized option '${arg}'\n`, exitCode: 0 }
    } else if (arg.startsWith('-')) continue
    else keys.push(arg)
  }
  if (keys.length === 0) return fail(SYSCTL_USAGE, 1)
  const ns = getNetns(ctx.engine.world.hosts[ctx.host]?.kernel, ctx.netns)
  if (!ns) return fail('sysctl: cannot open /proc/sys: No such file or directory\n', 1)
  const devices = linksOf(ns).map((l) => l.name)
  let stdout = ''
  let stderr = ''
  for (const arg of keys) {
    const eq = arg.indexOf('=')
    const key = (eq < 0 ? arg : arg.slice(0, eq)).replaceAll('/', '.')
    const current = sysctlValue(ns, devices, key)
    if (current === undefined) {
      stderr += busybox
        ? `sysctl: error: '${key}' is an unknown key\n`
        : `sysctl: cannot stat /proc/sys/${key.replaceAll('.', '/')}: No such file or directory\n`
      continue
    }
    const value = eq < 0 ? current : arg.slice(eq + 1)
    if (eq >= 0) write(ctx, key, value)
    if (eq >= 0 && mode.quiet) continue
    stdout += mode.values ? `${value}\n` : mode.names ? `${key}\n` : `${key} = ${value}\n`
  }
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 } satisfies CommandOutput
}
