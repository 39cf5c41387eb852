// A Docker network in the inspector: driver, addressing, its bridge device, driver options and
// the running containers on it. Built from the snapshot record at once, completed by
// `docker network inspect` when it answers. Pure.

import type { ContainerRecord, NetnsRecord, NetworkRecord, Snapshot } from '../../../engine'
import type { NetworkContainer, NetworkInspect } from './inspect-view'
import {
  containerCalled,
  containersOf,
  interfaceOnNetwork,
  linkTo,
  overlayOfSandbox,
} from './related'
import { pendingRow, row, type Card, type InspectorView, type Row, type Section } from './view'

const yesNo = (b: boolean): string => (b ? 'yes' : 'no')
const listed = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : 'none')

const DRIVERS: Readonly<Record<string, string>> = {
  bridge: 'a Linux bridge on the host, a veth per container',
  host: 'no isolation: containers use the host’s own stack',
  null: 'no networking: a loopback interface only',
  overlay: 'one network across the swarm’s hosts: a bridge per host, VXLAN tunnels between them',
  macvlan: 'containers straight on the parent’s LAN, each with a MAC of its own',
  ipvlan: 'containers straight on the parent’s LAN, sharing the parent’s MAC',
}

/** An overlay's VNI and encryption, where its sandbox is here, the other hosts that have it. */
function overlayRows(s: Snapshot, r: NetworkRecord): Row[] {
  if (!r.overlay) return []
  const sandbox = Object.values(s.records).find(
    (x): x is NetnsRecord =>
      x.kind === 'netns' && x.host === r.host && overlayOfSandbox(s, x)?.id === r.id,
  )
  const others = Object.values(s.records).filter(
    (x): x is NetworkRecord =>
      x.kind === 'network' && x.networkId === r.networkId && x.host !== r.host,
  )
  return [
    row('VNI', `${r.overlay.vni} (VXLAN, UDP 4789)`),
    row('Encrypted', r.overlay.encrypted ? 'yes (IPsec ESP between hosts)' : 'no'),
    {
      label: 'Sandbox',
      value: sandbox ? [linkTo(s, sandbox.id)] : ['none here (no container of it on this host)'],
    },
    ...others.map((o) => ({
      label: 'Also on',
      value: [linkTo(s, o.host), ' · ', linkTo(s, o.id)],
    })),
  ]
}

function networkSection(s: Snapshot, r: NetworkRecord, i: NetworkInspect | undefined): Section {
  const rows: Row[] = [
    row('ID', r.networkId.slice(0, 12)),
    row('Driver', `${r.driver}${DRIVERS[r.driver] ? ` (${DRIVERS[r.driver]})` : ''}`),
    row('Scope', r.scope),
    row(r.subnets.length > 1 ? 'Subnets' : 'Subnet', listed(r.subnets)),
    row(r.gateways.length > 1 ? 'Gateways' : 'Gateway', listed(r.gateways)),
  ]
  for (const range of i?.ipam.flatMap((c) => (c.range ? [c.range] : [])) ?? [])
    rows.push(row('IP range', range))
  rows.push(row('Internal', r.internal ? 'yes (no route out of the host)' : 'no'))
  rows.push(i ? row('IPv6', yesNo(i.ipv6)) : pendingRow('IPv6'))
  if (r.bridge !== undefined) rows.push({ label: 'Bridge', value: [linkTo(s, r.bridge)] })
  if (r.parent !== undefined) rows.push({ label: 'Parent', value: [linkTo(s, r.parent)] })
  rows.push(...overlayRows(s, r))
  return { title: 'Network', rows }
}

function optionsSection(i: NetworkInspect | undefined): Section {
  const pairs = i ? [...i.options, ...i.labels.map(([k, v]) => [`label ${k}`, v] as const)] : []
  return {
    title: 'Options',
    rows: i ? pairs.map(([k, v]) => row(k, v)) : [pendingRow('Options')],
    empty: 'No driver options',
    stacked: true,
  }
}

function containerCard(
  s: Snapshot,
  r: NetworkRecord,
  c: ContainerRecord | undefined,
  entry: NetworkContainer | undefined,
): Card {
  const name = c?.name ?? entry?.name ?? '?'
  const dev = c ? interfaceOnNetwork(s, c.netns, r, entry?.mac) : undefined
  return {
    title: c ? [linkTo(s, c.id)] : [name],
    rows: [
      row('IPv4 address', entry?.ipv4 || dev?.addresses[0] || '—'),
      row('MAC', entry?.mac || dev?.mac || '—'),
      ...(dev ? [{ label: 'Interface', value: [linkTo(s, dev.id)] }] : []),
    ],
  }
}

function containersSection(s: Snapshot, r: NetworkRecord, i: NetworkInspect | undefined): Section {
  const cards = i
    ? i.containers.map((x) => containerCard(s, r, containerCalled(s, r.host, x.id), x))
    : containersOf(s, r.host)
        .filter((c) => c.status === 'running' && c.networks.includes(r.name))
        .sort((a, b) => (a.containerId < b.containerId ? -1 : 1))
        .map((c) => containerCard(s, r, c, undefined))
  return { title: 'Containers', rows: [], cards, empty: 'No running containers' }
}

/** The inspector's view of a network; `inspect` is its parsed `docker network inspect`. */
export function networkView(
  s: Snapshot,
  r: NetworkRecord,
  inspect?: NetworkInspect,
): InspectorView {
  return {
    title: r.name,
    kind: `Docker network · ${r.driver} driver`,
    sections: [
      networkSection(s, r, inspect),
      optionsSection(inspect),
      containersSection(s, r, inspect),
    ],
  }
}
