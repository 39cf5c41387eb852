// Branded ids: a plain string at run time, a distinct type at compile time (tldraw RecordId).

export type Id<K extends string> = string & { readonly __kind: K }

/** A host of the world, by its hostname (`host1`). */
export type HostId = Id<'host'>
/** A network namespace of one host (`ns0` is the host's own). */
export type NetnsId = Id<'netns'>
/** A network device of one host; stays the same when the device moves or is renamed. */
export type LinkId = Id<'link'>
/** An L2 segment of the underlay (a LAN) that physical NICs are cabled to. */
export type SegmentId = Id<'segment'>
/** A Docker network: 64 lowercase hex, as the daemon makes it. */
export type NetworkId = Id<'network'>

export const hostId = (name: string): HostId => name as HostId
export const netnsId = (seq: number): NetnsId => `ns${seq}` as NetnsId
export const linkId = (seq: number): LinkId => `l${seq}` as LinkId
export const segmentId = (name: string): SegmentId => name as SegmentId

/** The host's own (initial) network namespace. */
export const INIT_NETNS = netnsId(0)
