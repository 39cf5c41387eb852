// Kernel operations: what the daemon (like libnetwork through netlink) asks the kernel to do.
// Daemon code builds lists of these (plans); kernel/apply.ts carries them out.

import type { HostId, LinkId, NetnsId, SegmentId } from '../model/ids'
import type { IfAddr, LinkKind, NetnsRole, Route } from './types'

/** A device to create; `ifindex` and `id` are assigned by the kernel. */
export type NewLink = {
  readonly name: string
  readonly kind: Exclude<LinkKind, 'veth'>
  readonly mac: string
  readonly mtu: number
  readonly txqlen: number
  readonly segment?: SegmentId
}

export type KernelOp =
  | {
      readonly kind: 'netns.add'
      readonly host: HostId
      readonly netns: NetnsId
      readonly role: NetnsRole
      readonly path: string
    }
  | {
      readonly kind: 'link.add'
      readonly host: HostId
      readonly netns: NetnsId
      readonly link: LinkId
      readonly spec: NewLink
    }
  | {
      readonly kind: 'link.set-up'
      readonly host: HostId
      readonly netns: NetnsId
      readonly link: LinkId
      readonly up: boolean
    }
  | {
      readonly kind: 'link.set-master'
      readonly host: HostId
      readonly netns: NetnsId
      readonly link: LinkId
      readonly master: LinkId | null
    }
  | {
      readonly kind: 'addr.add'
      readonly host: HostId
      readonly netns: NetnsId
      readonly link: LinkId
      readonly addr: IfAddr
    }
  | {
      readonly kind: 'route.add'
      readonly host: HostId
      readonly netns: NetnsId
      readonly route: Route
    }
