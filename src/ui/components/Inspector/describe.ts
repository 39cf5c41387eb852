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
import { networkView } from './network-view'
import {
  containerOf,
  containersIn,
  containersOf,
  interfacesIn,
  interfacesOn,
  linkTo,
  nameOf,
  networksOf,
  networksOnBridge,
  placeOf,
  portsOf,
} from './related'
import { row, type InspectorView, type Part, type Row } from './view'

export const LINK_KINDS: Readonly<Record<string, string>> = {
  loopback: 'loopback device',
  ether: 'physical NIC',
  bridge: 'Linux bridge',
  veth: 'veth (virtual Ethernet pair end)',
  dummy: 'dummy device',
}

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

function connections(s: Snapshot, r: InterfaceRecord): Row[] {
  const rows: Row[] = []
  if (r.master !== undefined) {
    const nets = networksOnBridge(s, r.master).flatMap((n) => [' · network ', linkTo(s, n.id)])
    rows.push({ label: 'Bridge', value: [linkTo(s, r.master), ...nets] })
  }
  const peer = r.peer === undefined ? undefined : s.records[r.peer]
  if (peer?.kind === 'interface')
    rows.push({ label: 'Peer', value: [linkTo(s, peer.id), ' in ', placeOf(s, peer)] })
  if (r.segment !== undefined) rows.push({ label: 'Cabled to', value: [linkTo(s, r.segment)] })
  for (const n of networksOnBridge(s, r.id))
    rows.push({ label: 'Network', value: [linkTo(s, n.id), ` (${n.driver} driver)`] })
  for (const port of portsOf(s, r.id)) {
    const other = port.peer === undefined ? undefined : s.records[port.peer]
    rows.push({
      label: 'Port',
      value: [
        linkTo(s, port.id),
        ...(other?.kind === 'interface'
          ? [' ↔ ', linkTo(s, other.id), ' in ', placeOf(s, other)]
          : []),
      ],
    })
  }
  return rows
}

function interfaceView(s: Snapshot, r: InterfaceRecord): InspectorView {
  const owner = containerOf(s, r)
  return {
    title: r.name,
    kind: LINK_KINDS[r.linkKind] ?? r.linkKind,
    sections: [
      {
        title: 'Interface',
        rows: [
          row('Index', String(r.ifindex)),
          row('State', r.state),
          row('Flags', r.flags.join(' ')),
          row('MTU', String(r.mtu)),
          row('MAC', r.mac),
          row('Addresses', r.addresses.length ? r.addresses.join(', ') : 'none'),
          { label: 'Namespace', value: [linkTo(s, r.netns)] },
          ...(owner ? [{ label: 'Container', value: [linkTo(s, owner.id)] }] : []),
          { label: 'Host', value: [linkTo(s, r.host)] },
        ],
      },
      { title: 'Connections', rows: connections(s, r), empty: 'Not connected to other devices' },
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
