// A network device in the inspector: its kernel facts, what it is wired to (bridge, veth peer,
// cable), and for the devices of overlays and macvlan/ipvlan networks what makes them what
// they are: a VXLAN's VNI, UDP port and the other hosts it tunnels to; a stacked device's
// parent and mode; the children and networks stacked on a parent. Pure.

import type { InterfaceRecord, NetworkRecord, Snapshot } from '../../../engine'
import {
  containerOf,
  interfacesOn,
  linkTo,
  networksOf,
  networksOnBridge,
  placeOf,
  portsOf,
} from './related'
import { row, type InspectorView, type Row, type Section } from './view'

export const LINK_KINDS: Readonly<Record<string, string>> = {
  loopback: 'loopback device',
  ether: 'physical NIC',
  bridge: 'Linux bridge',
  veth: 'veth (virtual Ethernet pair end)',
  dummy: 'dummy device',
  vxlan: 'VXLAN tunnel endpoint (Ethernet frames in UDP between hosts)',
  macvlan: 'macvlan (a child of its parent NIC, with a MAC of its own)',
  ipvlan: 'ipvlan (a child of its parent NIC, sharing its MAC)',
  vlan: '802.1Q VLAN sub-interface (tags the frames it sends)',
}

/** A stacked device's mode, as `ip -d link` words it. */
const MODES: Readonly<Record<string, string>> = {
  bridge: 'bridge (children talk to each other directly, not to the parent)',
  private: 'private (children cannot talk to each other)',
  vepa: 'vepa (even children’s traffic goes out to the switch)',
  passthru: 'passthru (one child takes over the parent)',
  l2: 'l2 (switches frames by MAC, like a bridge)',
  l3: 'l3 (routes by IP; no broadcast, no ARP)',
  l3s: 'l3s (l3, through the host’s netfilter)',
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
  if (r.lower !== undefined) {
    const lower = s.records[r.lower]
    rows.push({
      label: 'Parent',
      value: [
        linkTo(s, r.lower),
        ...(lower?.kind === 'interface' ? [' in ', placeOf(s, lower)] : []),
      ],
    })
  }
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
  for (const child of interfacesOn(s, r.host).filter((i) => i.lower === r.id))
    rows.push({
      label: 'Child',
      value: [linkTo(s, child.id), ` (${child.linkKind}) in `, placeOf(s, child)],
    })
  for (const n of networksOf(s, r.host).filter((n) => n.parent === r.id))
    rows.push({ label: 'Parent of', value: [linkTo(s, n.id), ` (${n.driver} network)`] })
  return rows
}

/** The overlay a VXLAN device serves: the network of its host with that VNI. */
const overlayOf = (s: Snapshot, r: InterfaceRecord): NetworkRecord | undefined =>
  networksOf(s, r.host).find((n) => n.overlay !== undefined && n.overlay.vni === r.tunnel?.vni)

/** The address a host's VTEP sends from (its first NIC's). */
function underlay(s: Snapshot, host: string): string {
  const nic = interfacesOn(s, host).find((i) => i.linkKind === 'ether' && i.addresses.length)
  return nic?.addresses[0]?.replace(/\/\d+$/, '') ?? '?'
}

function tunnelSection(s: Snapshot, r: InterfaceRecord): Section | undefined {
  const t = r.tunnel
  if (r.linkKind !== 'vxlan' || !t) return undefined
  const net = overlayOf(s, r)
  // Docker programs a unicast tunnel to every other host with this VNI (no multicast).
  const peers = Object.values(s.records).filter(
    (x): x is InterfaceRecord =>
      x.kind === 'interface' &&
      x.linkKind === 'vxlan' &&
      x.host !== r.host &&
      x.tunnel?.vni === t.vni,
  )
  return {
    title: 'VXLAN tunnel',
    rows: [
      row('VNI', String(t.vni)),
      row('UDP port', `${t.port} (the outer packet’s destination port)`),
      ...(net
        ? [
            { label: 'Overlay', value: [linkTo(s, net.id)] },
            row('Encrypted', net.overlay?.encrypted ? 'yes (IPsec ESP between hosts)' : 'no'),
          ]
        : []),
      row('Sends from', underlay(s, r.host)),
      ...peers.map((p) => ({
        label: 'Tunnel to',
        value: [linkTo(s, p.host), ` ${underlay(s, p.host)} · `, linkTo(s, p.id)],
      })),
    ],
    empty: 'No other host has this VNI yet',
  }
}

function stackedRows(r: InterfaceRecord): Row[] {
  if (r.mode === undefined) return []
  if (r.linkKind === 'vlan') return [row('VLAN ID', r.mode)]
  if (r.linkKind === 'macvlan' || r.linkKind === 'ipvlan')
    return [row('Mode', MODES[r.mode] ?? r.mode)]
  return []
}

export function interfaceView(s: Snapshot, r: InterfaceRecord): InspectorView {
  const owner = containerOf(s, r)
  const tunnel = tunnelSection(s, r)
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
          ...stackedRows(r),
          { label: 'Namespace', value: [linkTo(s, r.netns)] },
          ...(owner ? [{ label: 'Container', value: [linkTo(s, owner.id)] }] : []),
          { label: 'Host', value: [linkTo(s, r.host)] },
        ],
      },
      ...(tunnel ? [tunnel] : []),
      { title: 'Connections', rows: connections(s, r), empty: 'Not connected to other devices' },
    ],
  }
}
