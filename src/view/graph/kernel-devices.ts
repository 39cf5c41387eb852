// Devices and the lines between them in the kernel view: an interface box labelled with what a
// learner needs (addresses, the network a bridge serves, a VXLAN's VNI, what a stacked device
// sits on), veth pairs, bridge ports, and stacked devices to their parent.

import type { InterfaceRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { edge, node, type Pos } from './elements'
import type { ViewElement } from './types'
import type { WorldIndex } from './world-index'

/** What a device is beyond its name and addresses, one short line each (boxes are narrow). */
function details(r: InterfaceRecord, ix: WorldIndex): string[] {
  const lines: string[] = []
  switch (r.linkKind) {
    case 'vxlan':
      if (r.tunnel) lines.push(`VNI ${r.tunnel.vni}`, `UDP port ${r.tunnel.port}`)
      break
    case 'macvlan':
    case 'ipvlan':
      lines.push(r.mode === undefined ? r.linkKind : `${r.linkKind} (${r.mode})`)
      break
    case 'vlan':
      lines.push(`VLAN ${r.mode ?? '?'}`)
      break
    default:
      break
  }
  if (r.linkKind === 'ether' || r.linkKind === 'vlan')
    for (const n of ix.networksOf(r.host))
      if (n.parent === r.id) lines.push(`parent of “${n.name}”`)
  return lines
}

export function ifaceNode(
  r: InterfaceRecord,
  at: Pos,
  parent: string | undefined,
  ix: WorldIndex,
  networks: readonly RecordId[],
  container?: RecordId,
): ViewElement {
  const net = networks[0] === undefined ? undefined : ix.network(networks[0])
  const lines = [r.name, ...r.addresses, ...details(r, ix)]
  if (r.linkKind === 'bridge' && net) lines.push(`network “${net.name}”`)
  if (r.state === 'DOWN') lines.push(r.linkKind === 'bridge' ? 'DOWN · no ports yet' : 'DOWN')
  return node(
    'interface',
    r.id,
    lines.join('\n'),
    r.id,
    `interface link-${r.linkKind} state-${r.state.toLowerCase()}${net ? ' on-network' : ''}`,
    at,
    {
      ...(parent !== undefined ? { parent } : {}),
      ...(net ? { color: networkColor(net) } : {}),
      networks,
      ...(container !== undefined ? { container } : {}),
    },
  )
}

export function vethEdge(
  inner: InterfaceRecord,
  outer: InterfaceRecord,
  color: string | undefined,
  container: RecordId | undefined,
): ViewElement {
  const [a, b] = inner.id < outer.id ? [inner, outer] : [outer, inner]
  return edge('veth', `veth:${a.id}`, a.id, b.id, a.id, {
    stands: [b.id],
    classes: `veth${color ? ' on-network' : ''}`,
    ...(color ? { color } : {}),
    ...(container ? { container } : {}),
  })
}

export function portEdge(port: InterfaceRecord, color: string | undefined): ViewElement {
  return edge('port', `port:${port.id}`, port.id, port.master ?? '', port.id, {
    classes: `port${color ? ' on-network' : ''}`,
    ...(color ? { color } : {}),
  })
}

/**
 * A macvlan/ipvlan child or a VLAN sub-interface to the device it is stacked on (`ip link add
 * link eth0 …`): its frames leave through that device, onto that device's LAN.
 */
export function lowerEdge(
  child: InterfaceRecord,
  networks: readonly RecordId[],
  color: string | undefined,
  container: RecordId | undefined,
): ViewElement {
  return edge('lower', `lower:${child.id}`, child.id, child.lower ?? '', child.id, {
    classes: `lower lower-${child.linkKind}${color ? ' on-network' : ''}`,
    ...(color ? { color } : {}),
    networks,
    ...(container ? { container } : {}),
  })
}
