// What the inspector shows for a record: titled sections of rows, some linking to related
// records. Hosts, namespaces, segments and interfaces come from the snapshot alone; containers
// and networks also read their `docker inspect` output once it is known. Pure.

import type {
  HostRecord,
  InterfaceRecord,
  NetnsRecord,
  SegmentRecord,
  Snapshot,
  SnapshotRecord,
} from '../../../engine'
import { containerView } from './container-view'
import { parseContainerInspect, parseNetworkInspect } from './inspect-view'
import { interfaceView } from './interface-view'
import { networkView } from './network-view'
import {
  containersIn,
  containersOf,
  interfacesIn,
  interfacesOn,
  linkTo,
  nameOf,
  networksOf,
  networksOnBridge,
  overlayOfSandbox,
} from './related'
import { row, type InspectorView, type Part, type Row } from './view'

const addressesOf = (i: InterfaceRecord): string =>
  i.addresses.length ? i.addresses.join(', ') : 'no address'

/** A row listing a related record: its link as the label. */
const listRow = (s: Snapshot, id: string, value: readonly Part[]): Row => ({
  label: linkTo(s, id),
  value,
})

function hostView(s: Snapshot, r: HostRecord): InspectorView {
  const hostNs = Object.values(s.records).find(
    (x) => x.kind === 'netns' && x.host === r.id && x.role === 'host',
  )?.id
  const inHost = interfacesOn(s, r.id).filter((i) => i.netns === hostNs)
  const containers = containersOf(s, r.id)
  const running = containers.filter((c) => c.status === 'running').length
  return {
    title: r.hostname,
    kind: 'Docker host',
    sections: [
      {
        title: 'Host',
        rows: [
          row('Hostname', r.hostname),
          ...(hostNs === undefined ? [] : [{ label: 'Namespace', value: [linkTo(s, hostNs)] }]),
          row('Containers', `${containers.length} (${running} running)`),
          row('Networks', String(networksOf(s, r.id).length)),
        ],
      },
      {
        title: 'NICs',
        rows: inHost
          .filter((i) => i.linkKind === 'ether')
          .map((i) =>
            listRow(s, i.id, [
              addressesOf(i),
              ...(i.segment === undefined ? [] : [' · ', linkTo(s, i.segment)]),
            ]),
          ),
        empty: 'No physical NICs',
      },
      {
        title: 'Bridges',
        rows: inHost
          .filter((i) => i.linkKind === 'bridge')
          .map((i) =>
            listRow(s, i.id, [
              addressesOf(i),
              ...networksOnBridge(s, i.id).flatMap((n) => [' · ', linkTo(s, n.id)]),
            ]),
          ),
        empty: 'No bridges',
      },
      {
        title: 'Containers',
        rows: containers.map((c) => listRow(s, c.id, [`${c.image} · ${c.status}`])),
        empty: 'No containers',
      },
    ],
  }
}

const ROLES: Readonly<Record<string, string>> = {
  host: 'the host’s own (initial) namespace',
  container: 'made by Docker for a container',
  named: 'named (ip netns)',
  sandbox: 'made by Docker for the swarm: an overlay’s br0 and vxlan0, ingress_sbox, lb_…',
}

/** What a Docker sandbox namespace is for, in a learner's words. */
function sandboxRows(s: Snapshot, r: NetnsRecord): Row[] {
  if (r.role !== 'sandbox') return []
  const net = overlayOfSandbox(s, r)
  if (net)
    return [
      { label: 'Overlay', value: [linkTo(s, net.id)] },
      row('Holds', 'br0 (the overlay’s bridge), vxlan0 (its tunnel end) and a veth per container'),
    ]
  if (r.path.endsWith('/ingress_sbox'))
    return [row('Holds', 'the routing mesh: eth0 on ingress, eth1 on docker_gwbridge')]
  if (/\/lb_[^/]*$/.test(r.path))
    return [row('Holds', 'the load balancer of the services’ virtual IPs on an overlay')]
  return []
}

function netnsView(s: Snapshot, r: NetnsRecord): InspectorView {
  return {
    title: nameOf(s, r.id),
    kind: 'Network namespace',
    sections: [
      {
        title: 'Namespace',
        rows: [
          row('Role', ROLES[r.role] ?? r.role),
          row('Path', r.path === '' ? '(the host’s initial namespace)' : r.path),
          ...sandboxRows(s, r),
          { label: 'Host', value: [linkTo(s, r.host)] },
        ],
      },
      {
        title: 'Containers',
        rows: containersIn(s, r.id).map((c) =>
          listRow(s, c.id, [
            c.networkMode.startsWith('container:') ? `joined it (${c.networkMode})` : c.status,
          ]),
        ),
        empty: 'No container uses it',
      },
      {
        title: 'Interfaces',
        rows: interfacesIn(s, r.id).map((i) => listRow(s, i.id, [addressesOf(i)])),
        empty: 'No interfaces',
      },
    ],
  }
}

function segmentView(s: Snapshot, r: SegmentRecord): InspectorView {
  const nics = Object.values(s.records).filter(
    (x): x is InterfaceRecord => x.kind === 'interface' && x.segment === r.id,
  )
  return {
    title: `LAN ${r.subnet}`,
    kind: 'Network segment (outside the host)',
    sections: [
      {
        title: 'Segment',
        rows: [
          row('Name', r.name),
          row('Subnet', r.subnet),
          row('Router', r.gateway),
          row('Internet', r.internet ? 'reachable through the router' : 'no'),
        ],
      },
      {
        title: 'Connected NICs',
        rows: nics.map((i) => listRow(s, i.id, [linkTo(s, i.host), ' · ', addressesOf(i)])),
        empty: 'Nothing is cabled to it',
      },
    ],
  }
}

/**
 * The view of a record. `inspect` is the stdout of `docker inspect` (container) or
 * `docker network inspect` (network) once it answered; the view is complete without it,
 * with placeholders where only Docker knows.
 */
export function describeRecord(s: Snapshot, r: SnapshotRecord, inspect?: string): InspectorView {
  switch (r.kind) {
    case 'host':
      return hostView(s, r)
    case 'netns':
      return netnsView(s, r)
    case 'segment':
      return segmentView(s, r)
    case 'interface':
      return interfaceView(s, r)
    case 'container':
      return containerView(s, r, (inspect && parseContainerInspect(inspect)) || undefined)
    case 'network':
      return networkView(s, r, (inspect && parseNetworkInspect(inspect)) || undefined)
  }
}
