// What `docker service ls`, `docker service ps` and the convergence progress print, from the
// cluster's service records (docker/cli v28.5.2 cli/command/service/formatter.go
// serviceContext, cli/command/task/formatter.go taskContext, cli/command/service/progress).

import { naturalCompare } from '../../lib/natural-sort'
import {
  daemon,
  lookupContainer,
  type Container,
  type ServicePort,
  type ServiceTask,
  type SwarmService,
  type World,
} from '../../engine'
import { humanDuration } from './time'

/** formatter.go Image(): the familiar name with its tag (`nginx` → `nginx:latest`), no digest. */
export function serviceImage(image: string): string {
  return daemon.resolveImage(image).ref
}

/** The task's container on its node, when it is still there. */
export function taskContainer(world: World, task: ServiceTask): Container | undefined {
  const host = world.hosts[task.node]
  if (!host) return undefined
  const found = lookupContainer(host.daemon, task.container)
  return found.kind === 'found' ? found.container : undefined
}

/** ServiceStatus.RunningTasks: the tasks whose container runs. */
export function runningTasks(world: World, s: SwarmService): number {
  return s.tasks.filter((t) => taskContainer(world, t)?.status === 'running').length
}

/**
 * serviceContext.Ports(): ingress ports sorted by protocol then published port, consecutive
 * ones folded into ranges (`*:80-81->80-81/tcp`), joined with ", ". The comparisons are Go's
 * uint32 arithmetic: a smaller port wraps around and starts a new range.
 */
export function servicePortsColumn(ports: readonly ServicePort[]): string {
  const sorted = [...ports].sort((a, b) =>
    a.protocol === b.protocol
      ? a.publishedPort - b.publishedPort
      : a.protocol < b.protocol
        ? -1
        : 1,
  )
  const u32 = (n: number): number => n >>> 0
  type Range = { pStart: number; pEnd: number; tStart: number; tEnd: number; protocol: string }
  let pr: Range = { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: '' }
  const out: string[] = []
  const text = (r: Range): string => {
    const pub = r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : `${r.pStart}`
    const tgt = r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : `${r.tStart}`
    return `*:${pub}->${tgt}/${r.protocol}`
  }
  for (const p of sorted) {
    if (p.publishMode !== 'ingress') continue
    const isRange = pr.tEnd !== pr.tStart
    const overlaps = p.targetPort <= pr.tEnd
    if (
      p.protocol !== pr.protocol ||
      u32(p.publishedPort - pr.pEnd) > 1 ||
      u32(p.targetPort - pr.tEnd) > 1 ||
      (isRange && overlaps)
    ) {
      if (pr.pStart > 0) out.push(text(pr))
      pr = {
        pStart: p.publishedPort,
        pEnd: p.publishedPort,
        tStart: p.targetPort,
        tEnd: p.targetPort,
        protocol: p.protocol,
      }
      continue
    }
    pr.pEnd = p.publishedPort
    pr.tEnd = p.targetPort
  }
  if (pr.pStart > 0) out.push(text(pr))
  return out.join(', ')
}

/** A `docker service ls` row, its fields in the order `{{json .}}` prints them (sorted). */
export type ServiceRow = {
  readonly ID: string
  readonly Image: string
  readonly Mode: string
  readonly Name: string
  readonly Ports: string
  readonly Replicas: string
}

export const SERVICE_HEADERS: Readonly<Record<string, string>> = {
  ID: 'ID',
  Name: 'NAME',
  Mode: 'MODE',
  Replicas: 'REPLICAS',
  Image: 'IMAGE',
  Ports: 'PORTS',
}

export const SERVICE_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}'

/** ListFormatWrite: services in natural order of their names. */
export function serviceRows(world: World, services: readonly SwarmService[]): ServiceRow[] {
  return [...services]
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((s) => ({
      ID: s.id.slice(0, 12),
      Image: serviceImage(s.image),
      Mode: 'replicated',
      Name: s.name,
      Ports: servicePortsColumn(s.ports),
      Replicas: `${runningTasks(world, s)}/${s.replicas}`,
    }))
}

/** A `docker service ps` row (taskContext). */
export type TaskRow = {
  readonly ID: string
  readonly Name: string
  readonly Image: string
  readonly Node: string
  readonly DesiredState: string
  readonly CurrentState: string
  readonly Error: string
  readonly Ports: string
}

export const TASK_HEADERS: Readonly<Record<string, string>> = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
}

export const TASK_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}'

export type TaskOptions = {
  readonly trunc: boolean
  /** --no-resolve: the service and node IDs instead of their names. */
  readonly resolve: boolean
}

/**
 * task.Print: `web.1` names, the node's hostname, sorted by name in natural order (each slot
 * holds one task here: the simulator keeps no task history). CURRENT STATE is the state and
 * go-units HumanDuration in lower case: `Running 5 seconds ago`, `Running less than a second
 * ago`. PORTS lists host-mode ports only, so it stays empty for ingress ones.
 */
export function taskRows(
  world: World,
  services: readonly SwarmService[],
  opts: TaskOptions,
): TaskRow[] {
  const rows: { name: string; row: TaskRow }[] = []
  for (const s of services) {
    for (const t of s.tasks) {
      const c = taskContainer(world, t)
      const running = c?.status === 'running'
      const since = running ? (c.startedAt ?? t.created) : t.created
      const state = running ? 'Running' : 'Shutdown'
      const node = (world.swarm?.nodes ?? []).find((n) => n.host === t.node)
      const name = `${opts.resolve ? s.name : s.id}.${t.slot}`
      rows.push({
        name,
        row: {
          ID: opts.trunc ? t.id.slice(0, 12) : t.id,
          Name: name,
          Image: serviceImage(s.image),
          Node: opts.resolve ? (world.hosts[t.node]?.hostname ?? t.node) : (node?.id ?? ''),
          DesiredState: 'Running',
          CurrentState: `${state} ${humanDuration(world.clock - since).toLowerCase()} ago`,
          Error: '',
          Ports: '',
        },
      })
    }
  }
  return rows.sort((a, b) => naturalCompare(a.name, b.name)).map((r) => r.row)
}

/**
 * progress.ServiceProgress as `docker service create` / `scale` print it when stdout is not a
 * terminal (jsonmessage's non-TTY rendering drops the per-task bars and keeps `ID: status`
 * lines). The real CLI polls every 200 ms and repeats lines while tasks start and during the
 * 5-second stability check; the simulator has no time passing inside a command, so it prints
 * one representative poll of each phase, in order:
 *   - the first poll: `overall progress: 0 out of N tasks`, the `i/N: ` placeholders (only up
 *     to 20 replicas), then the running count of that poll (`running` tasks: 0 for a new
 *     service, the tasks kept for a scale), left out when that already is N;
 *   - the poll that sees every task running: `overall progress: N out of N tasks`;
 *   - the stability check, one line per second left: `Waiting 5 seconds…` down to `1 seconds`;
 *   - `verify: Service <ref> converged` (`ref`: the ID for create, the name typed for scale).
 */
export function convergeProgress(ref: string, replicas: number, running: number): string {
  const lines = [`overall progress: 0 out of ${replicas} tasks`]
  if (replicas <= 20) {
    for (let i = 1; i <= replicas; i++) lines.push(`${i}/${replicas}:  `)
  }
  if (running !== replicas) lines.push(`overall progress: ${running} out of ${replicas} tasks`)
  lines.push(`overall progress: ${replicas} out of ${replicas} tasks`)
  for (let s = 5; s >= 1; s--)
    lines.push(`verify: Waiting ${s} seconds to verify that tasks are stable...`)
  lines.push(`verify: Service ${ref} converged`)
  return lines.map((l) => `${l}\n`).join('')
}
