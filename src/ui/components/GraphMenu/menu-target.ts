// What a right-clicked diagram node stands for as a `trace` end: a container (its node, its
// namespace or one of its interfaces), the host (its box, its namespace, its devices) or the LAN;
// and what else its menu offers (a host's box in a world of several hosts can be removed).

import type { ContainerRecord, RecordId, Snapshot } from '../../../engine'

export type MenuTarget = {
  /** The word `trace` takes for this end (a container's name, `host`, `lan`); none when the
   * node cannot send or receive (a stopped container, a network). */
  readonly end?: string
  /** What the menu is about, for its accessible name: `c1 (busybox)`, `host`. */
  readonly label: string
  /** Set when the node is a container's: Inspect, Open a shell, Start/Stop, Remove apply. */
  readonly container?: {
    readonly id: RecordId
    readonly name: string
    readonly image: string
    readonly running: boolean
  }
  /** Set when the node is a network: Inspect, Focus and Remove apply. */
  readonly network?: { readonly id: RecordId; readonly name: string; readonly builtin: boolean }
  /** The host whose daemon its commands go to, in a world of several hosts. */
  readonly host?: string
  /** Set on a host's box in a world of several hosts: Remove host (`lab host rm`) applies. */
  readonly machine?: { readonly hostname: string }
}

/** The host name of a record's host when the world has more than one (else undefined). */
function hostOf(snapshot: Snapshot, host: RecordId): { host?: string } {
  const hosts = Object.values(snapshot.records).filter((r) => r.kind === 'host')
  const h = snapshot.records[host]
  return hosts.length > 1 && h?.kind === 'host' ? { host: h.hostname } : {}
}

function ofContainer(c: ContainerRecord): MenuTarget {
  const running = c.status.startsWith('running')
  return {
    ...(running ? { end: c.name } : {}),
    label: `${c.name} (${c.image})`,
    container: { id: c.id, name: c.name, image: c.image, running },
  }
}

/** The running container whose namespace `netns` is (not one joined with `container:NAME`). */
function ownerOf(snapshot: Snapshot, netns: RecordId): ContainerRecord | undefined {
  const inside = Object.values(snapshot.records).flatMap((r) =>
    r.kind === 'container' && r.netns === netns && r.networkMode !== 'host' ? [r] : [],
  )
  return inside.find((c) => !c.networkMode.startsWith('container:')) ?? inside[0]
}

const HOST: MenuTarget = { end: 'host', label: 'host' }

/** A host's box in a world of several hosts: it can go (the last host cannot). */
function machineOf(snapshot: Snapshot, hostname: string): Partial<MenuTarget> {
  const hosts = Object.values(snapshot.records).filter((r) => r.kind === 'host')
  return hosts.length > 1 ? { label: hostname, machine: { hostname } } : {}
}

/** The menu target of a node's record, or null when it has none (an unused namespace). */
export function menuTarget(snapshot: Snapshot | null, record: RecordId): MenuTarget | null {
  const r = snapshot?.records[record]
  if (!snapshot || !r) return null
  switch (r.kind) {
    case 'container':
      return { ...ofContainer(r), ...hostOf(snapshot, r.host) }
    case 'host':
      return { ...HOST, ...machineOf(snapshot, r.hostname) }
    case 'segment':
      return { end: 'lan', label: `LAN ${r.subnet}` }
    case 'netns': {
      if (r.role === 'host') return HOST
      const owner = ownerOf(snapshot, r.id)
      return owner ? ofContainer(owner) : null
    }
    case 'interface': {
      const ns = snapshot.records[r.netns]
      if (ns?.kind === 'netns' && ns.role === 'host') return HOST
      const owner = ownerOf(snapshot, r.netns)
      return owner ? ofContainer(owner) : null
    }
    case 'network':
      return {
        ...hostOf(snapshot, r.host),
        label: `network ${r.name}`,
        network: {
          id: r.id,
          name: r.name,
          builtin: ['bridge', 'host', 'none'].includes(r.name) && r.seq < 3,
        },
      }
  }
}

/** The shell the image has: busybox and alpine ship only `sh`, the others `bash`. */
export function shellCommand(name: string, image: string): string {
  // `docker.io/library/alpine:3.20@sha256:…` → `alpine`
  const last = (image.split('@')[0] ?? image).split('/').pop() ?? image
  const base = last.split(':')[0] ?? last
  const shell = base === 'busybox' || base === 'alpine' ? 'sh' : 'bash'
  return `docker exec -it ${name} ${shell}`
}
