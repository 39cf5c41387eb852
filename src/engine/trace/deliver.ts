// A packet for one of a namespace's own addresses, at the end of its walk: a reply reaches the
// socket that waits for it; an echo request is answered by the kernel; TCP and UDP go to the
// socket listening on the port (a `[::]` one takes IPv4 too), else the kernel refuses them
// (TCP RST, ICMP port unreachable).

import { formatIpv4 } from '../model/ipv4'
import type { HostId } from '../model/ids'
import { getProcess } from '../kernel/queries'
import type { Link, Netns } from '../kernel/types'
import { replyDelivery } from './reply-text'
import { inStack, type Walk } from './state'

/** Delivers to the namespace's stack: what answers the packet, or what refuses it. */
export function deliverToStack(w: Walk, host: HostId, ns: Netns, link: Link): void {
  const where = { host, netns: ns.id, link: link.id }
  const p = w.packet
  if (w.conn.dir === 'reply') {
    const what = replyDelivery(w.conn.answer, p)
    w.steps.push({ kind: 'deliver', where, what, packet: inStack(w), outcome: 'accepted' })
    return
  }
  if (p.proto === 'icmp') {
    const what = `the kernel answers the echo request to ${formatIpv4(p.dst)}`
    w.steps.push({ kind: 'deliver', where, what, packet: inStack(w), outcome: 'echo-reply' })
    return
  }
  const dst = formatIpv4(p.dst)
  const socket =
    ns.sockets.find(
      (s) =>
        s.proto === p.proto &&
        s.port === p.dport &&
        s.family === 4 &&
        (s.local === '0.0.0.0' || s.local === dst),
    ) ??
    // A [::] socket without IPV6_V6ONLY takes IPv4 too (net.ipv6.bindv6only=0).
    ns.sockets.find(
      (s) => s.proto === p.proto && s.port === p.dport && s.family === 6 && s.local === '::',
    )
  const port = `${p.proto}/${p.dport ?? 0}`
  if (socket) {
    const name = getProcess(w.world.hosts[host]?.kernel, socket.pid)?.name ?? `pid ${socket.pid}`
    const what = `delivered to ${name} listening on ${socket.family === 6 ? `[${socket.local}]` : socket.local}:${socket.port}/${socket.proto}`
    w.steps.push({ kind: 'deliver', where, what, packet: inStack(w), outcome: 'accepted', socket })
    return
  }
  const rst = p.proto === 'tcp'
  const what = rst
    ? `no socket listens on ${dst} ${port}: the kernel answers with TCP RST`
    : `no socket listens on ${dst} ${port}: the kernel answers with ICMP port unreachable`
  const outcome = rst ? 'tcp-rst' : 'icmp-port-unreachable'
  w.steps.push({ kind: 'deliver', where, what, packet: inStack(w), outcome })
}
