// `docker inspect`, `docker container inspect` and `docker network inspect` (docker/cli v28.5.2
// cli/command/inspect/inspector.go Inspect, cli/command/system/inspect.go inspectAll): each
// reference is looked up (containers first, then networks when no --type is given), the found
// objects are printed as one indented JSON array (`[]` when none), compact with `--format json`,
// or through a Go template, one line each; the errors follow on stderr and the exit code is 1.

import {
  daemon,
  dockerErrors,
  lookupContainer as findContainer,
  type Container,
  type DockerError,
  type Host,
  type World,
} from '../../engine'
import { err, ok, type Result } from '../../lib/result'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { executeTemplate, parseTemplate, type Template } from '../format/go-template'
import { containerInspectJson } from '../format/inspect-container'
import { formatInspectArray, type JsonValue } from '../format/inspect-json'
import { networkInspectJson } from '../format/inspect-network'
import { serviceInspectJson } from '../format/inspect-service'
import type { CommandOutput } from '../output'
import type { DockerCommand } from './command'
import { flagsFromHelp } from './help-flags'
import { managerError } from './swarm'

/** A lookup: the object, or the error text the CLI prints for it. */
export type Lookup = (ref: string) => Result<JsonValue, string> & { readonly skippable?: boolean }

const fromDaemon = (e: DockerError): string => `Error response from daemon: ${e.message}`

/** daemon.GetContainer: full ID, exact name, then a unique ID prefix. */
export function lookupContainer(host: Host, ref: string): Result<Container, DockerError> {
  const found = findContainer(host.daemon, ref)
  if (found.kind === 'ambiguous') return err(dockerErrors.ambiguousContainer(ref))
  return found.kind === 'found' ? ok(found.container) : err(dockerErrors.noSuchContainer(ref))
}

/** inspect.Inspect: the printed objects and the collected errors. */
export function inspectAll(refs: readonly string[], format: string, lookup: Lookup): CommandOutput {
  let tmpl: Template | undefined
  if (format !== '' && format !== 'json') {
    // NewTemplateInspectorFromString: a template that does not parse fails first, status 64.
    const parsed = parseTemplate(format)
    if (!parsed.ok) {
      return { stdout: '', stderr: `template parsing error: ${parsed.error}\n`, exitCode: 64 }
    }
    tmpl = parsed.value
  }
  const found: JsonValue[] = []
  const lines: string[] = []
  const errors: string[] = []
  for (const ref of refs) {
    const r = lookup(ref)
    if (!r.ok) errors.push(r.error)
    else if (tmpl === undefined) found.push(r.value)
    else {
      // The raw-JSON fallback of TemplateInspector runs with missingkey=error.
      const text = executeTemplate(tmpl, r.value, { missingKey: 'error' })
      if (text.ok) lines.push(`${text.value}\n`)
      else errors.push(`template parsing error: ${text.error}`)
    }
  }
  const stdout =
    tmpl === undefined
      ? formatInspectArray(found, format === 'json')
      : lines.length
        ? lines.join('')
        : '\n'
  const stderr = errors.length ? `${errors.join('\n')}\n` : ''
  return { stdout, stderr, exitCode: errors.length ? 1 : 0 }
}

const hostOf = (ctx: CommandContext): Host | undefined => ctx.engine.world.hosts[ctx.host]
const formatOf = (p: ParsedArgs): string => p.flags.lists.get('format')?.at(-1) ?? ''

function containerLookup(host: Host, size: boolean): Lookup {
  return (ref) => {
    const c = lookupContainer(host, ref)
    if (c.ok) return ok(containerInspectJson(host, c.value, { size }))
    return {
      ...err(fromDaemon(c.error)),
      skippable: c.error.kind === dockerErrors.noSuchContainer(ref).kind,
    }
  }
}

function networkLookup(host: Host, world: World): Lookup {
  return (ref) => {
    const n = daemon.findNetwork(host, ref)
    if (n) return ok(networkInspectJson(host, n, world))
    return { ...err(`Error response from daemon: network ${ref} not found`), skippable: true }
  }
}

/** A swarm service, which only a manager can see (inspectService: InsertDefaults). */
function serviceLookup(host: Host, world: World): Lookup {
  return (ref) => {
    const refused = managerError(world, host.id)
    if (refused) return err(fromDaemon(refused))
    const s = daemon.findService(world, ref)
    if (s) return ok(serviceInspectJson(world, s))
    return { ...err(fromDaemon(dockerErrors.serviceNotFound(ref))), skippable: true }
  }
}

const TYPES = [
  'config',
  'container',
  'image',
  'network',
  'node',
  'plugin',
  'secret',
  'service',
  'task',
  'volume',
]
const NO_SWARM =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'

/** The lookup for `--type T`: objects the simulator does not keep are never found. */
function typedLookup(host: Host, world: World, type: string, size: boolean): Lookup {
  switch (type) {
    case 'container':
      return containerLookup(host, size)
    case 'network':
      return networkLookup(host, world)
    case 'image':
      return (ref) =>
        err(`Error response from daemon: No such image: ${daemon.resolveImage(ref).ref}`)
    case 'volume':
      return (ref) => err(`Error response from daemon: get ${ref}: no such volume`)
    case 'plugin':
      return (ref) => err(`Error response from daemon: plugin "${ref}" not found`)
    case 'service':
      return serviceLookup(host, world)
    default:
      return () => err(NO_SWARM)
  }
}

export const inspectCommand: DockerCommand = {
  path: 'docker inspect',
  usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  flags: flagsFromHelp('docker inspect'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const type = p.flags.lists.get('type')?.at(-1)
    const list = `"${TYPES.join('", "')}"`
    if (type === '')
      return { stdout: '', stderr: `type is empty: must be one of ${list}\n`, exitCode: 1 }
    if (type !== undefined && !TYPES.includes(type)) {
      return {
        stdout: '',
        stderr: `unknown type: "${type}": must be one of ${list}\n`,
        exitCode: 1,
      }
    }
    const host = hostOf(ctx)
    if (!host) return { stdout: '[]\n', stderr: '', exitCode: 0 }
    const size = p.flags.bools.has('size')
    const warnings: string[] = []
    const lookup: Lookup =
      type !== undefined
        ? typedLookup(host, ctx.engine.world, type, size)
        : (ref) => {
            const c = containerLookup(host, size)(ref)
            if (c.ok || !c.skippable) return c
            const n = networkLookup(host, ctx.engine.world)(ref)
            if (n.ok && size) warnings.push('WARNING: --size ignored for network\n')
            if (n.ok) return n
            // inspectAll: the swarm's objects only when the daemon is a manager.
            const world = ctx.engine.world
            const s = managerError(world, host.id) ? undefined : daemon.findService(world, ref)
            return s ? ok(serviceInspectJson(world, s)) : err(`Error: No such object: ${ref}`)
          }
    const result = inspectAll(p.args, formatOf(p), lookup)
    return { ...result, stderr: warnings.join('') + result.stderr }
  },
}

export const containerInspectCommand: DockerCommand = {
  path: 'docker container inspect',
  usage: 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [
    { name: 'format', short: 'f', type: 'list' },
    { name: 'size', short: 's', type: 'bool' },
  ],
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const host = hostOf(ctx)
    if (!host) return { stdout: '[]\n', stderr: '', exitCode: 0 }
    return inspectAll(p.args, formatOf(p), containerLookup(host, p.flags.bools.has('size')))
  },
}

export const networkInspectCommand: DockerCommand = {
  path: 'docker network inspect',
  usage: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
  flags: flagsFromHelp('docker network inspect'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const host = hostOf(ctx)
    if (!host) return { stdout: '[]\n', stderr: '', exitCode: 0 }
    return inspectAll(p.args, formatOf(p), networkLookup(host, ctx.engine.world))
  },
}
