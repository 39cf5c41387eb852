// The Swarm part of `docker info` (docker/cli v28.5.2 cli/command/system/info.go
// printSwarmInfo, testdata/docker-info-with-swarm.golden): inactive, a manager with the
// cluster's settings, a worker with its managers' addresses; the same data for --format.

import { describe, expect, it } from 'vitest'
import { swarmLab, threeNodeSwarm } from './swarm-lab'

/** The lines from ` Swarm:` to the next top-level field. */
function swarmSection(info: string): string {
  const start = info.indexOf(' Swarm:')
  const end = info.indexOf(' Runtimes:')
  return info.slice(start, end)
}

describe('docker info in swarm mode', () => {
  it('says inactive outside a swarm', () => {
    expect(swarmSection(swarmLab().ok('docker01', 'docker info'))).toBe(' Swarm: inactive\n')
  })

  it('prints the cluster for a manager', () => {
    const lab = threeNodeSwarm()
    const sw = lab.engine.world.swarm
    expect(swarmSection(lab.ok('docker01', 'docker info'))).toBe(` Swarm: active
  NodeID: ${sw?.nodes[0]?.id}
  Is Manager: true
  ClusterID: ${sw?.id}
  Managers: 1
  Nodes: 3
  Default Address Pool: 10.0.0.0/8  
  SubnetSize: 24
  Data Path Port: 4789
  Orchestration:
   Task History Retention Limit: 5
  Raft:
   Snapshot Interval: 10000
   Number of Old Snapshots to Retain: 0
   Heartbeat Tick: 1
   Election Tick: 10
  Dispatcher:
   Heartbeat Period: 5 seconds
  CA Configuration:
   Expiry Duration: 3 months
   Force Rotate: 0
  Autolock Managers: false
  Root Rotation In Progress: false
  Node Address: 10.10.0.11
  Manager Addresses:
   10.10.0.11:2377
`)
  })

  it('prints the node and its managers for a worker', () => {
    const lab = threeNodeSwarm()
    const node = lab.engine.world.swarm?.nodes[2]
    expect(swarmSection(lab.ok('docker03', 'docker info'))).toBe(` Swarm: active
  NodeID: ${node?.id}
  Is Manager: false
  Node Address: 10.20.0.13
  Manager Addresses:
   10.10.0.11:2377
`)
  })

  it('gives templates the same data', () => {
    const lab = threeNodeSwarm()
    expect(
      lab.ok(
        'docker01',
        "docker info -f '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Cluster.DataPathPort}}'",
      ),
    ).toBe('active true 3 4789\n')
    expect(lab.ok('docker02', "docker info --format '{{json .Swarm.RemoteManagers}}'")).toBe(
      `[{"NodeID":"${lab.engine.world.swarm?.nodes[0]?.id}","Addr":"10.10.0.11:2377"}]\n`,
    )
    expect(swarmLab().ok('docker01', "docker info --format '{{json .Swarm}}'")).toBe(
      '{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}\n',
    )
  })
})
