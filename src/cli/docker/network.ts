// `docker network …`: the management command and its subcommands (docker/cli
// cli/command/network). CLI-side checks come first with the CLI's own texts; then the daemon.

import { allNetworks, daemon, parseCidr, parseIpv4, type Cidr } from '../../engine'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { formatNetworkLs } from '../format/network-ls'
import { fail, out, type CommandOutput } from '../output'
import { helpText, runDockerCommand, type DockerCommand } from './command'
import { networkInspectCommand } from './inspect'
import { daemonError } from './daemon-error'
import { flagsFromHelp } from './help-flags'

const list = (p: ParsedArgs, name: string): string[] =>
  (p.flags.lists.get(name) ?? []).flatMap((v) => v.split(','))
const last = (p: ParsedArgs, name: string): string | undefined => p.flags.lists.get(name)?.at(-1)

const lsCommand: DockerCommand = {
  path: 'docker network ls',
  usage: 'docker network ls [OPTIONS]',
  flags: flagsFromHelp('docker network ls'),
  args: { kind: 'none' },
  run: (ctx, { flags }) => {
    const host = ctx.engine.world.hosts[ctx.host]
    const r = formatNetworkLs(allNetworks(host?.daemon), {
      quiet: flags.bools.has('quiet'),
      noTrunc: flags.bools.has('no-trunc'),
      format: flags.lists.get('format')?.at(-1) ?? '',
      filters: flags.lists.get('filter') ?? [],
    })
    return r.ok ? out(r.value) : fail(`${r.error}\n`, 1)
  },
}

/** `key=value` options (`-o`, `--label`, `--aux-address`); a bare key has an empty value. */
function keyValues(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf('=')
    out[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1)
  }
  return out
}

const within = (subnet: Cidr | undefined, text: string, isRange: boolean): boolean => {
  if (!subnet) return false
  const c = isRange
    ? parseCidr(text)
    : (() => {
        const ip = parseIpv4(text)
        return ip === undefined ? undefined : { addr: ip, len: 32 }
      })()
  if (!c || c.len < subnet.len) return false
  const mask = subnet.len === 0 ? 0 : (0xffffffff << (32 - subnet.len)) >>> 0
  return (c.addr & mask) >>> 0 === (subnet.addr & mask) >>> 0
}

/** cli/command/network/create.go createIPAMConfig: match gateways, ranges and aux addresses to subnets. */
function ipamConfig(p: ParsedArgs): daemon.IpamRequest[] | string {
  const subnets = list(p, 'subnet')
  const ranges = list(p, 'ip-range')
  const gateways = list(p, 'gateway')
  const aux = keyValues(list(p, 'aux-address'))
  if (subnets.length === 0 && (ranges.length || gateways.length))
    return 'every ip-range or gateway must have a corresponding subnet'
  const parsed = subnets.map((s) => parseCidr(s))
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i]
      const b = parsed[j]
      if (a && b && (within(a, subnets[j] ?? '', true) || within(b, subnets[i] ?? '', true))) {
        return 'multiple overlapping subnet configuration is not supported'
      }
    }
  }
  type Req = {
    subnet: string
    ipRange?: string
    gateway?: string
    auxAddresses: Record<string, string>
  }
  const reqs: Req[] = subnets.map((subnet) => ({ subnet, auxAddresses: {} }))
  for (const r of ranges) {
    const i = parsed.findIndex((s) => within(s, r, true))
    const req = reqs[i]
    if (!req || req.ipRange !== undefined) return `no matching subnet for range ${r}`
    req.ipRange = r
  }
  for (const g of gateways) {
    const i = parsed.findIndex((s) => within(s, g, false))
    const req = reqs[i]
    if (!req || req.gateway !== undefined) return `no matching subnet for gateway ${g}`
    req.gateway = g
  }
  for (const [name, ip] of Object.entries(aux)) {
    const req = reqs[parsed.findIndex((s) => within(s, ip, false))]
    if (!req) return `no matching subnet for aux-address ${ip}`
    req.auxAddresses[name] = ip
  }
  return reqs
}

const createCommand: DockerCommand = {
  path: 'docker network create',
  usage: 'docker network create [OPTIONS] NETWORK',
  flags: flagsFromHelp('docker network create'),
  args: { kind: 'exact', n: 1 },
  run: (ctx, p) => {
    const ipam = ipamConfig(p)
    if (typeof ipam === 'string') return fail(`${ipam}\n`, 1)
    const req: daemon.NetworkCreateRequest = {
      name: p.args[0] ?? '',
      driver: last(p, 'driver') ?? 'bridge',
      ipam,
      internal: p.flags.bools.has('internal'),
      attachable: p.flags.bools.has('attachable'),
      options: keyValues(p.flags.lists.get('opt') ?? []),
      labels: keyValues(p.flags.lists.get('label') ?? []),
    }
    const r = ctx.engine.transact((t) => daemon.createNetwork(t, ctx.host, req))
    return r.ok ? out(`${r.value.id}\n`) : daemonError(r.error)
  },
}

/** cli/command/network/remove.go ingressWarning, asked through prompt.Confirm (` [y/N] `). */
const INGRESS_WARNING =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue? [y/N] '

const rmCommand: DockerCommand = {
  path: 'docker network rm',
  usage: 'docker network rm NETWORK [NETWORK...]',
  flags: flagsFromHelp('docker network rm'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    let stdout = ''
    let stderr = ''
    // A piped answer (`echo y | docker network rm ingress`) is read line by line, as the
    // prompt's scanner would; with none, stdin is closed and the answer is no.
    const answers = (ctx.stdin ?? '').split('\n')
    for (const ref of p.args) {
      const host = ctx.engine.world.hosts[ctx.host]
      if (host && daemon.findNetwork(host, ref)?.ingress) {
        stdout += INGRESS_WARNING
        if (answers.shift()?.trim().toLowerCase() !== 'y') continue
      }
      const r = ctx.engine.transact((t) => daemon.removeNetwork(t, ctx.host, ref))
      if (r.ok) stdout += `${ref}\n`
      else if (!(p.flags.bools.has('force') && r.error.kind === 'network-not-found'))
        stderr += daemonError(r.error).stderr
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 }
  },
}

const pruneCommand: DockerCommand = {
  path: 'docker network prune',
  usage: 'docker network prune [OPTIONS]',
  flags: flagsFromHelp('docker network prune'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    if (!p.flags.bools.has('force')) {
      // No one can answer the prompt in a pasted line: as with a closed stdin, nothing is removed.
      return out(
        'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ',
      )
    }
    const r = ctx.engine.transact((t) => ({
      ok: true as const,
      value: daemon.pruneNetworks(t, ctx.host),
    }))
    if (!r.ok || r.value.length === 0) return out('')
    return out(`Deleted Networks:\n${r.value.map((n) => `${n.name}\n`).join('')}`)
  },
}

function endpointOptions(p: ParsedArgs): Omit<daemon.NetworkRequest, 'name'> {
  const ip = last(p, 'ip')
  return {
    aliases: list(p, 'alias'),
    ...(ip === undefined ? {} : { ipv4: ip }),
    links: p.flags.lists.get('link') ?? [],
    gwPriority: Number(last(p, 'gw-priority') ?? 0) || 0,
  }
}

const connectCommand: DockerCommand = {
  path: 'docker network connect',
  usage: 'docker network connect [OPTIONS] NETWORK CONTAINER',
  flags: flagsFromHelp('docker network connect'),
  args: { kind: 'exact', n: 2 },
  run: (ctx, p) => {
    const [net = '', ctr = ''] = p.args
    const r = ctx.engine.transact((t) =>
      daemon.connectContainer(t, ctx.host, net, ctr, endpointOptions(p)),
    )
    return r.ok ? out('') : daemonError(r.error)
  },
}

const disconnectCommand: DockerCommand = {
  path: 'docker network disconnect',
  usage: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
  flags: flagsFromHelp('docker network disconnect'),
  args: { kind: 'exact', n: 2 },
  run: (ctx, p) => {
    const [net = '', ctr = ''] = p.args
    const r = ctx.engine.transact((t) =>
      daemon.disconnectContainer(t, ctx.host, net, ctr, p.flags.bools.has('force')),
    )
    return r.ok ? out('') : daemonError(r.error)
  },
}

const SUBCOMMANDS: Readonly<Record<string, DockerCommand>> = {
  ls: lsCommand,
  list: lsCommand,
  create: createCommand,
  rm: rmCommand,
  remove: rmCommand,
  prune: pruneCommand,
  connect: connectCommand,
  disconnect: disconnectCommand,
  inspect: networkInspectCommand,
}

export function runNetwork(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help') return out(helpText('docker network'))
  const cmd = SUBCOMMANDS[sub]
  if (cmd) return runDockerCommand(cmd, ctx, rest)
  if (sub.startsWith('-')) {
    const msg = `unknown ${sub.startsWith('--') ? 'flag' : 'shorthand flag'}: ${sub}`
    return fail(
      `${msg}\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n`,
      125,
    )
  }
  return fail(
    `docker: unknown command: docker network ${sub}\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n`,
    1,
  )
}
