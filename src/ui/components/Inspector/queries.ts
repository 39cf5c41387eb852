// The commands whose output completes the inspector (`docker inspect`, `ip addr` where the
// node lives), and the records whose change may change that output. Pure.

import type { RecordId, Snapshot, SnapshotRecord } from '../../../engine'
import { containerCalled, containersIn, interfacesIn, ownerOf } from './related'

export type InspectorQueries = {
  /** `docker inspect web`, `docker network inspect app`: JSON read by the view, shown raw. */
  readonly inspect?: string
  /** `ip addr` as seen where the node lives (in a container: `docker exec web ip addr`). */
  readonly ipAddr?: string
  /**
   * The records the answers depend on: when one of them changes, the queries run again (the
   * snapshot keeps an unchanged record's identity, so comparing them is cheap).
   */
  readonly deps: readonly SnapshotRecord[]
}

/** A word as the shell reads it back unchanged: quoted only when it must be. */
export function shellWord(word: string): string {
  return /^[\w.:@%+=,/-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

const present = (s: Snapshot, ids: readonly (RecordId | undefined)[]): SnapshotRecord[] =>
  ids.flatMap((id) => {
    const r = id === undefined ? undefined : s.records[id]
    return r ? [r] : []
  })

/** Where `ip addr show dev NAME` runs for an interface: the host, a named netns, a container. */
function ipAddrOf(s: Snapshot, netns: RecordId, dev: string): string | undefined {
  const ns = s.records[netns]
  if (ns?.kind !== 'netns') return undefined
  const show = `addr show dev ${shellWord(dev)}`
  switch (ns.role) {
    case 'host':
      return `ip ${show}`
    case 'named':
      return `ip -n ${shellWord(ns.path.split('/').pop() ?? '')} ${show}`
    case 'container': {
      const inside = containersIn(s, netns).filter((c) => c.status === 'running')
      const owner = ownerOf(s, netns)
      const by = inside.find((c) => c === owner) ?? inside[0]
      return by ? `docker exec ${shellWord(by.name)} ip ${show}` : undefined
    }
    case 'sandbox':
      // Docker's own namespaces are not under /var/run/netns: nsenter reaches them by path.
      return `nsenter --net=${shellWord(ns.path)} ip ${show}`
  }
}

/**
 * The queries for the selected record, if any. They run on the world's first host: a record
 * of another host is queried there through `ssh HOST …` (as a learner would from docker01).
 */
export function queriesFor(s: Snapshot, r: SnapshotRecord): InspectorQueries {
  const q = localQueries(s, r)
  const host = 'host' in r ? s.records[r.host] : undefined
  if (host?.kind !== 'host' || host.index === 0) return q
  const via = (line: string | undefined): string | undefined =>
    line === undefined ? undefined : `ssh ${shellWord(host.hostname)} ${line}`
  const inspect = via(q.inspect)
  const ipAddr = via(q.ipAddr)
  return {
    ...(inspect === undefined ? {} : { inspect }),
    ...(ipAddr === undefined ? {} : { ipAddr }),
    deps: q.deps,
  }
}

/** The queries as run on the record's own host. */
function localQueries(s: Snapshot, r: SnapshotRecord): InspectorQueries {
  switch (r.kind) {
    case 'container': {
      const name = shellWord(r.name)
      const shared = r.networkMode.startsWith('container:')
        ? containerCalled(s, r.host, r.networkMode.slice('container:'.length))?.id
        : undefined
      return {
        inspect: `docker inspect ${name}`,
        ...(r.status === 'running' ? { ipAddr: `docker exec ${name} ip addr` } : {}),
        deps: [
          r,
          ...present(s, [shared]),
          ...(r.netns === undefined ? [] : interfacesIn(s, r.netns)),
        ],
      }
    }
    case 'network':
      return {
        inspect: `docker network inspect ${shellWord(r.name)}`,
        deps: [
          r,
          ...present(s, [r.bridge]),
          ...Object.values(s.records).filter(
            (c) => c.kind === 'container' && c.host === r.host && c.networks.includes(r.name),
          ),
        ],
      }
    case 'interface': {
      const ipAddr = ipAddrOf(s, r.netns, r.name)
      return {
        ...(ipAddr === undefined ? {} : { ipAddr }),
        deps: [r, ...present(s, [r.peer, r.master]), ...containersIn(s, r.netns)],
      }
    }
    case 'host':
    case 'netns':
    case 'segment':
      return { deps: [] }
  }
}
