// What may follow `docker` on a command line, for Tab completion: the commands the simulator
// implements, their flags (read from the real CLI's help), and the containers, networks and
// images their arguments name. Follows docker/cli contrib/completion/bash/docker: names rather
// than IDs, `docker start` offers stopped containers, `docker network rm` custom networks.

import { allNetworks, allContainers, KNOWN_IMAGES, type ContainerStatus } from '../engine'
import type { CompletionScope } from './complete'
import type { FlagSpec } from './flags'
import { flagsFromHelp } from './docker/help-flags'

/** What an argument names; `none`: nothing to complete (a new name, a command to run). */
type Operand =
  | 'container'
  | 'running'
  | 'stopped'
  | 'paused'
  | 'network'
  | 'custom-network'
  | 'image'
  | 'object'
  | 'node'
  | 'role'
  | 'service'
  | 'scale'
  | 'none'

type Spec = {
  /** The help text its flags come from (`docker network connect`). */
  readonly help: string
  /** What each argument names; past the end, the last one when `repeat`, else `none`. */
  readonly operands: readonly Operand[]
  readonly repeat?: boolean
  /** False: flags end at the first argument (`docker run IMAGE CMD -x`). */
  readonly interspersed?: boolean
  /** Flags the CLI accepts but does not list (`--net`): they take a value, they are not offered. */
  readonly hidden?: readonly FlagSpec[]
  /** A management command's subcommands, offered; `aliases` are understood, not offered. */
  readonly commands?: Readonly<Record<string, Spec>>
  readonly aliases?: Readonly<Record<string, Spec>>
}

const NET_FLAGS: readonly FlagSpec[] = [
  { name: 'net', type: 'list' },
  { name: 'net-alias', type: 'list' },
]
const HELP_FLAG: FlagSpec = { name: 'help', type: 'bool' }
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none'])

const one = (help: string, ...operands: Operand[]): Spec => ({ help, operands })
const many = (help: string, operand: Operand): Spec => ({ help, operands: [operand], repeat: true })
const launch = (help: string): Spec => ({
  help,
  operands: ['image'],
  interspersed: false,
  hidden: NET_FLAGS,
})

/** Commands that exist both as `docker X` and `docker container X`. */
const SHARED: Readonly<Record<string, Spec>> = {
  create: launch('docker create'),
  exec: { help: 'docker exec', operands: ['running'], interspersed: false },
  kill: many('docker kill', 'running'),
  logs: one('docker logs', 'container'),
  pause: many('docker pause', 'running'),
  port: one('docker port', 'container'),
  rename: one('docker rename', 'container'),
  restart: many('docker restart', 'container'),
  rm: many('docker rm', 'container'),
  run: launch('docker run'),
  start: many('docker start', 'stopped'),
  stop: many('docker stop', 'running'),
  unpause: many('docker unpause', 'paused'),
}

const NETWORK: Spec = {
  help: 'docker network',
  operands: [],
  commands: {
    connect: one('docker network connect', 'network', 'container'),
    create: one('docker network create'),
    disconnect: one('docker network disconnect', 'network', 'container'),
    inspect: many('docker network inspect', 'network'),
    ls: one('docker network ls'),
    prune: one('docker network prune'),
    rm: many('docker network rm', 'custom-network'),
  },
  aliases: {
    list: one('docker network ls'),
    remove: many('docker network rm', 'custom-network'),
  },
}

const SWARM: Spec = {
  help: 'docker swarm',
  operands: [],
  commands: {
    ca: one('docker swarm ca'),
    init: one('docker swarm init'),
    join: one('docker swarm join'),
    'join-token': one('docker swarm join-token', 'role'),
    leave: one('docker swarm leave'),
    unlock: one('docker swarm unlock'),
    'unlock-key': one('docker swarm unlock-key'),
    update: one('docker swarm update'),
  },
}

const NODE: Spec = {
  help: 'docker node',
  operands: [],
  commands: {
    demote: many('docker node demote', 'node'),
    inspect: many('docker node inspect', 'node'),
    ls: one('docker node ls'),
    promote: many('docker node promote', 'node'),
    ps: many('docker node ps', 'node'),
    rm: many('docker node rm', 'node'),
    update: one('docker node update', 'node'),
  },
  aliases: { list: one('docker node ls'), remove: many('docker node rm', 'node') },
}

const SERVICE_CREATE: Spec = {
  help: 'docker service create',
  operands: ['image'],
  interspersed: false,
}

const SERVICE: Spec = {
  help: 'docker service',
  operands: [],
  commands: {
    create: SERVICE_CREATE,
    inspect: many('docker service inspect', 'service'),
    logs: one('docker service logs', 'service'),
    ls: one('docker service ls'),
    ps: many('docker service ps', 'service'),
    rm: many('docker service rm', 'service'),
    rollback: one('docker service rollback', 'service'),
    scale: many('docker service scale', 'scale'),
    update: one('docker service update', 'service'),
  },
  aliases: { list: one('docker service ls'), remove: many('docker service rm', 'service') },
}

const CONTAINER: Spec = {
  help: 'docker container',
  operands: [],
  commands: { ...SHARED, inspect: many('docker inspect', 'container'), ls: one('docker ps') },
  aliases: { list: one('docker ps'), ps: one('docker ps'), remove: many('docker rm', 'container') },
}

const DOCKER: Spec = {
  help: 'docker',
  operands: [],
  commands: {
    ...SHARED,
    container: CONTAINER,
    inspect: many('docker inspect', 'object'),
    network: NETWORK,
    node: NODE,
    service: SERVICE,
    swarm: SWARM,
    info: one('docker info'),
    ps: one('docker ps'),
    version: one('docker version'),
  },
}

const flagsOf = (spec: Spec): readonly FlagSpec[] => [
  ...flagsFromHelp(spec.help),
  HELP_FLAG,
  ...(spec.hidden ?? []),
]

/** The flag whose value the next word is, if `word` is a flag that still waits for one. */
function awaitingValue(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  if (word.startsWith('--')) {
    if (word.includes('=')) return undefined
    const f = flags.find((s) => s.name === word.slice(2))
    return f && f.type !== 'bool' ? f : undefined
  }
  // A group of shorthands (`-dit`, `-p80:80`): a flag with a value takes the rest of the word.
  for (let i = 1; i < word.length; i++) {
    const f = flags.find((s) => s.short === word[i])
    if (f && f.type !== 'bool') return i === word.length - 1 ? f : undefined
  }
  return undefined
}

const containerNames = (scope: CompletionScope, keep: (s: ContainerStatus) => boolean): string[] =>
  allContainers(scope.world.hosts[scope.host]?.daemon)
    .filter((c) => keep(c.status))
    .map((c) => c.name)

const networkNames = (scope: CompletionScope): string[] =>
  allNetworks(scope.world.hosts[scope.host]?.daemon).map((n) => n.name)

function operandWords(scope: CompletionScope, operand: Operand): string[] {
  switch (operand) {
    case 'container':
      return containerNames(scope, () => true)
    case 'running':
      return containerNames(scope, (s) => s === 'running' || s === 'restarting')
    case 'stopped':
      return containerNames(scope, (s) => s === 'created' || s === 'exited' || s === 'dead')
    case 'paused':
      return containerNames(scope, (s) => s === 'paused')
    case 'network':
      return networkNames(scope)
    case 'custom-network':
      return networkNames(scope).filter((n) => !PREDEFINED_NETWORKS.has(n))
    case 'image':
      return [...KNOWN_IMAGES]
    case 'object':
      return [...containerNames(scope, () => true), ...networkNames(scope)]
    case 'node':
      // The swarm's nodes by hostname (a manager's view; `self` names the current node).
      return (scope.world.swarm?.nodes ?? []).flatMap((n) => {
        const h = scope.world.hosts[n.host]
        return h ? [h.hostname] : []
      })
    case 'role':
      return ['manager', 'worker']
    case 'service':
      return (scope.world.swarm?.services ?? []).map((s) => s.name)
    case 'scale':
      // completeScaleArgs: the service names followed by `=`, no space after.
      return (scope.world.swarm?.services ?? []).map((s) => `${s.name}=`)
    case 'none':
      return []
  }
}

/** The drivers `docker network create -d` offers (contrib/completion/bash __docker_plugins_network). */
const NETWORK_DRIVERS = ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay']

/** What `docker service create` flags take: swarm-scoped networks, the endpoint modes. */
function serviceFlagValues(scope: CompletionScope, flag: string): string[] {
  if (flag === 'endpoint-mode') return ['dnsrr', 'vip']
  if (flag === 'mode') return ['global', 'global-job', 'replicated', 'replicated-job']
  if (flag !== 'network') return []
  // The cluster's networks, as a manager lists them; ingress is for published ports only.
  return (scope.world.swarm?.networks ?? []).filter((n) => !n.ingress).map((n) => n.name)
}

/** Values of a flag: `--network` names a network, or `container:NAME`; `--driver` a driver. */
function flagValues(scope: CompletionScope, flag: string, text: string, spec: Spec): string[] {
  if (spec === SERVICE_CREATE) return serviceFlagValues(scope, flag)
  if (flag === 'driver') return NETWORK_DRIVERS
  if (flag !== 'network' && flag !== 'net') return []
  if (text.startsWith('container:'))
    return containerNames(scope, () => true).map((n) => `container:${n}`)
  return [...networkNames(scope), 'container:']
}

function flagWords(flags: readonly FlagSpec[], text: string): string[] {
  const long = flags.map((f) => `--${f.name}`)
  return text === '-' ? [...long, ...flags.flatMap((f) => (f.short ? [`-${f.short}`] : []))] : long
}

/** The words that may stand at `text`, after `docker` and the words `args`. */
export function dockerWords(
  scope: CompletionScope,
  args: readonly string[],
  text: string,
): string[] {
  let spec = DOCKER
  let operands = 0
  let flagsEnded = false
  let pending: FlagSpec | undefined
  for (const a of args) {
    if (pending) pending = undefined
    else if (!flagsEnded && a === '--') flagsEnded = true
    else if (!flagsEnded && a.startsWith('-') && a !== '-')
      pending = awaitingValue(flagsOf(spec), a)
    else {
      const sub = operands === 0 ? (spec.commands?.[a] ?? spec.aliases?.[a]) : undefined
      if (sub) spec = sub
      else {
        operands++
        if (spec.interspersed === false) flagsEnded = true
      }
    }
  }
  if (pending) return flagValues(scope, pending.name, text, spec)
  if (!flagsEnded && text.startsWith('-')) {
    const eq = text.indexOf('=')
    if (!text.startsWith('--') || eq < 0)
      return flagWords([...flagsFromHelp(spec.help), HELP_FLAG], text)
    const name = text.slice(2, eq)
    return flagValues(scope, name, text.slice(eq + 1), spec).map(
      (v) => `${text.slice(0, eq + 1)}${v}`,
    )
  }
  if (spec.commands && operands === 0) return Object.keys(spec.commands)
  const operand = spec.operands[operands] ?? (spec.repeat ? spec.operands.at(-1) : undefined)
  return operandWords(scope, operand ?? 'none')
}
