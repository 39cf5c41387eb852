// Small kernel plans several callers share: what a fresh namespace's loopback needs.

import type { HostId, LinkId, NetnsId } from '../model/ids'
import type { KernelOp } from './ops'

/** The loopback device a namespace is born with (down, no address until set up). */
export const LOOPBACK_SPEC = {
  name: 'lo',
  kind: 'loopback',
  mac: '00:00:00:00:00:00',
  mtu: 65536,
  txqlen: 1000,
} as const

/** `lo` with 127.0.0.1/8, brought up: what every new network namespace gets. */
export function planLoopback(host: HostId, netns: NetnsId, link: LinkId): KernelOp[] {
  const spec = LOOPBACK_SPEC
  const addr = { cidr: { addr: 0x7f000001, len: 8 }, scope: 'host' } as const
  return [
    { kind: 'link.add', host, netns, link, spec },
    { kind: 'addr.add', host, netns, link, addr },
    { kind: 'link.set-up', host, netns, link, up: true },
  ]
}
