// A container in the inspector: its state, one card per network (address, gateway, MAC,
// aliases, the interface), its published ports and network mode. Built from the snapshot
// record at once, completed by `docker inspect` when it answers. Pure.

import type { ContainerRecord, Snapshot } from '../../../engine'
import type { ContainerEndpoint, ContainerInspect } from './inspect-view'
import { containerCalled, containersOf, interfaceOnNetwork, linkTo, networkNamed } from './related'
import {
  link,
  pendingRow,
  row,
  type Card,
  type InspectorView,
  type Row,
  type Section,
} from './view'

const RUNNING = ['running', 'paused', 'restarting']

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const listed = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : 'none')

/** A row known only from `docker inspect`. */
const fromInspect = (label: string, i: ContainerInspect | undefined, value: string): Row =>
  i ? row(label, value) : pendingRow(label)

function stateSection(r: ContainerRecord, i: ContainerInspect | undefined): Section {
  const s = i?.state
  const rows: Row[] = [row('ID', r.containerId.slice(0, 12)), row('Status', r.status)]
  if (RUNNING.includes(r.status)) {
    rows.push(fromInspect('PID', i, String(s?.pid ?? 0)))
  } else {
    rows.push(fromInspect('Exit code', i, String(s?.exitCode ?? 0)))
  }
  rows.push(fromInspect('Started', i, s?.startedAt || 'never'))
  if (!RUNNING.includes(r.status)) rows.push(fromInspect('Finished', i, s?.finishedAt || 'never'))
  if (s?.error) rows.push(row('Error', s.error))
  return { title: 'State', rows }
}

/** The networks Docker lists for the container before it answers (sorted, as Go's map). */
function expectedEndpoints(r: ContainerRecord): string[] {
  if (r.networkMode === 'host' || r.networkMode === 'none') return [r.networkMode]
  if (r.networkMode.startsWith('container:')) return []
  return [...r.networks].sort(byteOrder)
}

function networkCard(
  s: Snapshot,
  r: ContainerRecord,
  name: string,
  e: ContainerEndpoint | undefined,
): Card {
  const net = networkNamed(s, r.host, name)
  const title = net ? [link(name, net.id)] : [name]
  if (net?.driver === 'host') return { title, rows: [row('Addresses', 'the host’s own')] }
  if (net?.driver === 'null') return { title, rows: [row('Addresses', 'loopback only')] }
  const dev = interfaceOnNetwork(s, r.netns, net, e?.mac)
  const running = RUNNING.includes(r.status)
  const unset = running ? '—' : 'none (not running)'
  const rows: Row[] = [
    e ? row('IP address', e.address || unset) : row('IP address', dev?.addresses[0] ?? unset),
    e ? row('Gateway', e.gateway || unset) : pendingRow('Gateway'),
    e ? row('MAC', e.mac || unset) : row('MAC', dev?.mac ?? unset),
    e ? row('Aliases', listed(e.aliases)) : pendingRow('Aliases'),
    e ? row('DNS names', listed(e.dnsNames)) : pendingRow('DNS names'),
    { label: 'Interface', value: dev ? [linkTo(s, dev.id)] : [unset] },
  ]
  return { title, rows }
}

function networksSection(s: Snapshot, r: ContainerRecord, i?: ContainerInspect): Section {
  const cards = i
    ? i.networks.map((e) => networkCard(s, r, e.network, e))
    : expectedEndpoints(r).map((name) => networkCard(s, r, name, undefined))
  const shared = r.networkMode.startsWith('container:')
  return {
    title: 'Networks',
    rows: [],
    cards,
    empty: shared ? 'Uses the networks of the container it shares' : 'On no network',
  }
}

function portsSection(r: ContainerRecord, i: ContainerInspect | undefined): Section {
  const rows = i
    ? i.ports.map((p) =>
        p.host === undefined
          ? row('Exposed', `${p.port} (not published)`)
          : row('Published', `${p.host} → ${p.port}`),
      )
    : r.ports.map((p) => row('Published', p.replace('->', ' → ')))
  const empty =
    r.networkMode === 'host'
      ? 'None needed: it listens on the host’s own ports'
      : r.networkMode.startsWith('container:')
        ? 'Those of the container it shares'
        : 'No published ports'
  return { title: 'Ports', rows, empty }
}

const MEANING: Readonly<Record<string, string>> = {
  host: 'no isolation: the host’s interfaces, addresses and ports',
  none: 'its own namespace with only a loopback interface',
  container: 'the other container’s interfaces, addresses and ports',
}

function modeSection(s: Snapshot, r: ContainerRecord, i: ContainerInspect | undefined): Section {
  const mode = i?.networkMode ?? (r.networkMode === 'default' ? 'bridge' : r.networkMode)
  const ref = mode.startsWith('container:') ? mode.slice('container:'.length) : undefined
  const other = ref === undefined ? undefined : containerCalled(s, r.host, ref)
  const kind = ref === undefined ? mode : 'container'
  const rows: Row[] = [
    {
      label: 'Mode',
      value: other
        ? ['container:', linkTo(s, other.id)]
        : [ref === undefined ? mode : `container:${ref}`],
    },
    row('Meaning', MEANING[kind] ?? 'its own namespace, a veth into each network'),
    {
      label: 'Namespace',
      value: r.netns === undefined ? ['none (not running)'] : [linkTo(s, r.netns)],
    },
  ]
  const guests = containersOf(s, r.host).filter((c) => c.networkMode === `container:${r.name}`)
  if (guests.length)
    rows.push({
      label: 'Shared with',
      value: guests.flatMap((g, n) => (n ? [', ', linkTo(s, g.id)] : [linkTo(s, g.id)])),
    })
  return { title: 'Network mode', rows }
}

/** The inspector's view of a container; `inspect` is its parsed `docker inspect`, once known. */
export function containerView(
  s: Snapshot,
  r: ContainerRecord,
  inspect?: ContainerInspect,
): InspectorView {
  return {
    title: r.name,
    kind: `${r.image} · ${r.status}`,
    sections: [
      stateSection(r, inspect),
      networksSection(s, r, inspect),
      portsSection(r, inspect),
      modeSection(s, r, inspect),
    ],
  }
}
