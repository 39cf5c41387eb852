// Names for the places of a trace, from the snapshot the UI holds: the container or host a
// namespace belongs to, the device's name (`c1 eth0`, `host1 docker0`, `lan`).

import type { Snapshot, Where } from '../../engine'

export function placeNames(snapshot: Snapshot | null): (where: Where) => string {
  const records = snapshot?.records ?? {}
  // A namespace's owner: the container that runs in it (its own), else the host.
  const owners = new Map<string, string>()
  for (const r of Object.values(records)) {
    if (r.kind === 'container' && r.netns !== undefined && r.networkMode !== 'host')
      owners.set(r.netns, r.name)
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
