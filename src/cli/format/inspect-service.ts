// `docker service inspect`: the service as the daemon's API returns it with InsertDefaults
// (moby v28.5.2 daemon/cluster/convert/service.go ServiceFromGRPC, api/types/swarm/service.go
// field order) — the spec the CLI sent (cli/command/service/opts.go ToService: empty resource
// limits, `Init: false`, the stop grace period and swarmkit's defaults for restart, update and
// rollback) and the endpoint the allocator gave it (VIPs as CIDRs, ingress first). The image
// is shown without a registry digest (the simulator has no registry). `--pretty` renders
// docker/cli formatter.go serviceInspectPrettyTemplate for the fields such a service has.

import { daemon, formatIpv4, type SwarmService, type World } from '../../engine'
import { serviceImage } from './service'
import { nanosFor, rfc3339Nano } from './time'
import type { JsonValue } from './inspect-json'

const SECOND = 1_000_000_000

const UPDATE_DEFAULTS = {
  Parallelism: 1,
  FailureAction: 'pause',
  Monitor: 5 * SECOND,
  MaxFailureRatio: 0,
  Order: 'stop-first',
}

function portsJson(s: SwarmService): JsonValue[] {
  return s.ports.map((p) => ({
    Protocol: p.protocol,
    TargetPort: p.targetPort,
    PublishedPort: p.publishedPort,
    PublishMode: p.publishMode,
  }))
}

/** The spec's endpoint: the mode, and the ports when any (`Ports` is omitempty). */
function endpointSpec(s: SwarmService): Record<string, JsonValue> {
  return s.ports.length ? { Mode: s.endpointMode, Ports: portsJson(s) } : { Mode: s.endpointMode }
}

/** CreatedAt / UpdatedAt: the virtual clock's seconds with a stable fraction; updates after. */
function times(s: SwarmService): { created: string; updated: string } {
  const cn = nanosFor(s.id)
  const un =
    s.updated === s.created
      ? cn + (nanosFor(`${s.id}/updated`) % (SECOND - cn))
      : nanosFor(`${s.id}/${s.updated}`)
  return { created: rfc3339Nano(s.created, cn), updated: rfc3339Nano(s.updated, un) }
}

/** Version.Index: the Raft index of its last write, a stable stand-in growing with updates. */
function versionIndex(world: World, s: SwarmService): number {
  const pos = (world.swarm?.services ?? []).findIndex((x) => x.id === s.id)
  return 12 + 7 * Math.max(pos, 0) + (s.updated === s.created ? 0 : 3)
}

export function serviceInspectJson(world: World, s: SwarmService): JsonValue {
  const t = times(s)
  const containerSpec: Record<string, JsonValue> = {
    Image: serviceImage(s.image),
    ...(s.command.length ? { Args: [...s.command] } : {}),
    Init: false,
    StopGracePeriod: 10 * SECOND,
    DNSConfig: {},
    Isolation: 'default',
  }
  const allocated = s.vips.length > 0 || s.ports.length > 0 || s.endpointMode !== 'vip'
  return {
    ID: s.id,
    Version: { Index: versionIndex(world, s) },
    CreatedAt: t.created,
    UpdatedAt: t.updated,
    Spec: {
      Name: s.name,
      Labels: { ...s.labels },
      TaskTemplate: {
        ContainerSpec: containerSpec,
        Resources: { Limits: {}, Reservations: {} },
        RestartPolicy: { Condition: 'any', Delay: 5 * SECOND, MaxAttempts: 0 },
        Placement: {},
        ...(s.networks.length ? { Networks: s.networks.map((n) => ({ Target: n })) } : {}),
        ForceUpdate: 0,
        Runtime: 'container',
      },
      Mode: { Replicated: { Replicas: s.replicas } },
      UpdateConfig: UPDATE_DEFAULTS,
      RollbackConfig: UPDATE_DEFAULTS,
      EndpointSpec: endpointSpec(s),
    },
    Endpoint: {
      Spec: allocated ? endpointSpec(s) : {},
      ...(s.ports.length ? { Ports: portsJson(s) } : {}),
      ...(s.vips.length
        ? {
            VirtualIPs: s.vips.map((v) => {
              const len = daemon.clusterNetwork(world, v.network)?.pool.subnet.len ?? 24
              return { NetworkID: v.network, Addr: `${formatIpv4(v.addr)}/${len}` }
            }),
          }
        : {}),
    },
  }
}

/**
 * serviceInspectPrettyTemplate for a replicated service with default update/rollback configs,
 * empty resources and no health check, mounts, secrets or log driver: literal tabs, each
 * service preceded by an empty line and followed by one (formatter.Context adds a newline).
 */
export function serviceInspectPretty(world: World, s: SwarmService): string {
  const lines = ['', `ID:\t\t${s.id}`, `Name:\t\t${s.name}`]
  const labels = Object.keys(s.labels).sort()
  if (labels.length) {
    lines.push('Labels:')
    for (const k of labels) lines.push(` ${k}${s.labels[k] ? `=${s.labels[k] ?? ''}` : ''}`)
  }
  lines.push('Service Mode:\tReplicated', ` Replicas:\t${s.replicas}`, 'Placement:')
  for (const [title, order] of [
    ['UpdateConfig', 'Update order:     '],
    ['RollbackConfig', 'Rollback order:   '],
  ] as const) {
    lines.push(
      `${title}:`,
      ' Parallelism:\t1',
      ' On failure:\tpause',
      ' Monitoring Period: 5s',
      ' Max failure ratio: 0',
      ` ${order} stop-first`,
    )
  }
  lines.push('ContainerSpec:')
  const args = s.command.length ? `\n Args:\t\t${s.command.map((a) => `${a} `).join('')}` : ''
  lines.push(` Image:\t\t${serviceImage(s.image)}${args}`, ' Init:\t\tfalse', 'Resources:')
  if (s.networks.length) {
    const names = s.networks.map((id) => daemon.clusterNetwork(world, id)?.name ?? id)
    lines.push(`Networks:${names.map((n) => ` ${n}`).join('')} `)
  }
  lines.push(`Endpoint Mode:\t${s.endpointMode}`)
  if (s.ports.length) {
    lines.push('Ports:')
    s.ports.forEach((p, i) => {
      lines.push(
        ` PublishedPort = ${p.publishedPort}`,
        `  Protocol = ${p.protocol}`,
        `  TargetPort = ${p.targetPort}`,
        `  PublishMode = ${p.publishMode}${i === s.ports.length - 1 ? ' ' : ''}`,
      )
    })
  }
  return `${lines.join('\n')}\n\n`
}
