// Names for the places of a trace, from the snapshot the UI holds: the container or host a
// namespace belongs to, the device's name (`c1 eth0`, `host1 docker0`, `lan`); Docker's own
// namespaces by host and file (`host2 ingress_sbox eth1`).

import type { Snapshot, Where } from '../../engine'

export function placeNames(snapshot: Snapshot | null): (where: Where) => string {
  const records = snapshot?.records ?? {}
  // A namespace's owner: the container that runs in it (its own), else the host.
  const owners = new Map<string, string>()
  for (const r of Object.values(records)) {
    if (r.kind === 'container' && r.netns !== undefined && r.networkMode !== 'host')
      owners.set(r.netns, r.name)
  }
  // Docker's own namespaces (an overlay's `1-<id>`, ingress_sbox, lb_<id>) by host and file.
  for (const r of Object.values(records)) {
    if (r.kind !== 'netns' || r.role !== 'sandbox' || owners.has(r.id)) continue
    const h = records[r.host]
    const file = r.path.split('/').pop() ?? ''
    // `1-<id10>`: the sandbox of that overlay network.
    const net = file.startsWith('1-')
      ? Object.values(records).find(
          (n) => n.kind === 'network' && n.host === r.host && n.networkId.startsWith(file.slice(2)),
        )
      : undefined
    const what = net?.kind === 'network' ? `${net.name} sandbox` : file
    owners.set(r.id, `${h?.kind === 'host' ? h.hostname : r.host} ${what}`)
  }
  const hostName = (host: string): string => {
    const r = records[`host:${host}`]
    return r?.kind === 'host' ? r.hostname : host
  }
  return (where) => {
    const { host, netns, link, segment } = where
    if (host === undefined) return segment ?? 'outside'
    const device = link === undefined ? undefined : records[`link:${host}/${link}`]
    const deviceName = device?.kind === 'interface' ? device.name : link
    const ns = netns ?? (device?.kind === 'interface' ? device.netns.split('/').pop() : undefined)
    const owner =
      (ns === undefined ? undefined : owners.get(`netns:${host}/${ns}`)) ?? hostName(host)
    return deviceName === undefined ? owner : `${owner} ${deviceName}`
  }
}
