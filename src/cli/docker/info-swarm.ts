// The Swarm part of `docker info`: moby v28.5.2 daemon/cluster/swarm.go (*Cluster).Info fills
// it (a manager also gets the cluster's settings and node counts), docker/cli v28.5.2
// cli/command/system/info.go printSwarmInfo prints it. The cluster's settings are swarmkit's
// defaults (`docker swarm init` without options): 10.0.0.0/8 split in /24s, VXLAN port 4789,
// Raft election tick 10, node certificates valid 90 days.

import { daemon, formatIpv4, type HostId, type World } from '../../engine'
import { humanDuration, rfc3339Nano, nanosFor } from '../format/time'

const HEARTBEAT_SECONDS = 5
const CERT_EXPIRY_SECONDS = 90 * 24 * 3600
const NANOS = 1_000_000_000

/** system.Info.Swarm, as `docker info --format '{{json .Swarm}}'` shows it. */
export function swarmInfoData(world: World, host: HostId): Record<string, unknown> {
  const swarm = world.swarm
  const node = daemon.nodeOf(world, host)
  if (!swarm || !node) {
    return {
      NodeID: '',
      NodeAddr: '',
      LocalNodeState: 'inactive',
      ControlAvailable: false,
      Error: '',
      RemoteManagers: null,
    }
  }
  const remotes = swarm.nodes
    .filter((n) => n.role === 'manager')
    .map((n) => ({ NodeID: n.id, Addr: `${formatIpv4(n.addr)}:${daemon.SWARM_PORT}` }))
  const base = {
    NodeID: node.id,
    NodeAddr: formatIpv4(node.addr),
    LocalNodeState: 'active',
    ControlAvailable: node.role === 'manager',
    Error: '',
    RemoteManagers: remotes,
  }
  if (node.role !== 'manager') return base
  const created = rfc3339Nano(swarm.created, nanosFor(swarm.id))
  return {
    ...base,
    Nodes: swarm.nodes.length,
    Managers: remotes.length,
    Cluster: {
      ID: swarm.id,
      Version: { Index: 10 },
      CreatedAt: created,
      UpdatedAt: created,
      Spec: {
        Name: 'default',
        Labels: {},
        Orchestration: { TaskHistoryRetentionLimit: 5 },
        Raft: {
          SnapshotInterval: 10000,
          KeepOldSnapshots: 0,
          LogEntriesForSlowFollowers: 500,
          ElectionTick: 10,
          HeartbeatTick: 1,
        },
        Dispatcher: { HeartbeatPeriod: HEARTBEAT_SECONDS * NANOS },
        CAConfig: { NodeCertExpiry: CERT_EXPIRY_SECONDS * NANOS },
        TaskDefaults: {},
        EncryptionConfig: { AutoLockManagers: false },
      },
      RootRotationInProgress: false,
      DefaultAddrPool: ['10.0.0.0/8'],
      SubnetSize: 24,
      DataPathPort: 4789,
    },
  }
}

/** The ` Swarm:` line and what printSwarmInfo adds under it (fmt.Fprintln joins with spaces). */
export function swarmInfoLines(world: World, host: HostId): string[] {
  const d = swarmInfoData(world, host)
  const lines = [` Swarm: ${String(d['LocalNodeState'])}`]
  if (d['LocalNodeState'] !== 'active') return lines
  lines.push(`  NodeID: ${String(d['NodeID'])}`, `  Is Manager: ${String(d['ControlAvailable'])}`)
  if (d['ControlAvailable'] === true) {
    lines.push(
      `  ClusterID: ${world.swarm?.id ?? ''}`,
      `  Managers: ${String(d['Managers'])}`,
      `  Nodes: ${String(d['Nodes'])}`,
      // Each pool is followed by two spaces, the last one too.
      '  Default Address Pool: 10.0.0.0/8  ',
      '  SubnetSize: 24',
      '  Data Path Port: 4789',
      '  Orchestration:',
      '   Task History Retention Limit: 5',
      '  Raft:',
      '   Snapshot Interval: 10000',
      '   Number of Old Snapshots to Retain: 0',
      '   Heartbeat Tick: 1',
      '   Election Tick: 10',
      '  Dispatcher:',
      `   Heartbeat Period: ${humanDuration(HEARTBEAT_SECONDS)}`,
      '  CA Configuration:',
      `   Expiry Duration: ${humanDuration(CERT_EXPIRY_SECONDS)}`,
      '   Force Rotate: 0',
      '  Autolock Managers: false',
      '  Root Rotation In Progress: false',
    )
  }
  lines.push(`  Node Address: ${String(d['NodeAddr'])}`)
  const remotes = (d['RemoteManagers'] as { Addr: string }[] | null) ?? []
  if (remotes.length > 0) {
    lines.push('  Manager Addresses:', ...remotes.map((r) => `   ${r.Addr}`).sort())
  }
  return lines
}
