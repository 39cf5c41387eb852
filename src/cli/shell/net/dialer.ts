// TCP connects as the packet tracer sees them: each connection is one traced SYN and its answer
// (the tracer walks the kernel model; the first packet decides the connection; every packet of
// the connection is counted and tracked on commit). Delivered to a listening
// socket, it is accepted; a TCP RST is "refused"; a SYN dropped on the way goes unanswered, and
// the caller reports what the user eventually sees once the kernel gives up. A SYN to a
// published port on the host reaches docker-proxy, which dials the container in turn (and
// closes the client's connection when it cannot). Shared by curl, wget and nc.

import {
  accountExchange,
  getNetns,
  getProcess,
  learnFromTrace,
  parseIpv4,
  tcpTraffic,
  traceExchange,
  type Exchange,
  type HostId,
  type Ipv4,
  type KernelOp,
  type NetnsId,
  type Socket,
  type TcpSession,
  type Trace,
  type TraceEndpoint,
} from '../../../engine'
import type { CommandContext } from '../../context'
import { addrText, type Addr } from './resolve'
import { senderOf } from './sender'

/** The listening socket a connection was delivered to, and where it lives. */
export type Listener = { readonly host: HostId; readonly netns: NetnsId; readonly socket: Socket }

/** A connection attempt's fate. */
export type Peer =
  | {
      readonly kind: 'connected'
      /**
       * Who accepted, past docker-proxy: the container's listener it reached. Undefined when
       * docker-proxy accepted but could not reach the container (it closes the connection).
       */
      readonly listener: Listener | undefined
    }
  /** Refused (RST), timed out (SYN unanswered), EHOSTUNREACH (no ARP reply), ENETUNREACH. */
  | { readonly kind: 'refused' | 'timeout' | 'no-route' | 'unreachable' }

export type FailedPeer = Exclude<Peer, { kind: 'connected' }>

export interface Dialer {
  dial(addr: Addr, port: number): Peer
  /**
   * Applies what the connections left in the kernels (ARP, FDB, conntrack, rule counters and
   * device statistics), as one transaction, and returns the traces of their SYNs (for the
   * trace player).
   */
  commit(): readonly Trace[]
}

/** curl's and wget's exchange: a GET of about 80 bytes, nginx's welcome page back (853 bytes). */
export const HTTP_GET: TcpSession = { kind: 'closed', sent: 80, received: 853 }

/** strerror() of each failure, as every tool prints it. */
export const STRERROR = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  'no-route': 'No route to host',
  unreachable: 'Network is unreachable',
} as const satisfies Record<FailedPeer['kind'], string>

/** Linux gives up on an unanswered SYN after tcp_syn_retries=6: 1+2+4+…+64 = 127 s. */
const SYN_TIMEOUT_MS = 127_000
/** No ARP reply: 3 solicitations a second apart, then EHOSTUNREACH. */
const ARP_TIMEOUT_MS = 3_000

/** How long a failed attempt took, in ms; `limit`: the tool's own connect timeout (ms). */
export function failedAfter(peer: Peer, limit?: number): number {
  const ms =
    peer.kind === 'timeout' ? SYN_TIMEOUT_MS : peer.kind === 'no-route' ? ARP_TIMEOUT_MS : 0
  return limit !== undefined && limit < ms ? limit : ms
}

/**
 * A dialer for one command; `session`: what each connection does once connected (an HTTP
 * request by default). A second dial of the same address and port reuses the connection.
 */
export function createDialer(ctx: CommandContext, session: TcpSession = HTTP_GET): Dialer {
  const world = ctx.engine.world
  const exchanges: Exchange[] = []
  const seen = new Map<string, Peer>()

  const trace = (from: TraceEndpoint, to: Ipv4, port: number): Trace => {
    const ex = traceExchange(world, { from, to, proto: 'tcp', dport: port })
    exchanges.push(ex)
    return ex.request
  }

  const accepted = (listener: Listener, proxied: boolean): Peer => {
    const { host, socket } = listener
    const proc = getProcess(world.hosts[host]?.kernel, socket.pid)
    if (proc?.name !== 'docker-proxy' || proxied) return { kind: 'connected', listener }
    const arg = (flag: string): string => proc.args[proc.args.indexOf(flag) + 1] ?? ''
    const ip = parseIpv4(arg('-container-ip'))
    const inner =
      ip === undefined
        ? undefined
        : peerOf(trace({ kind: 'host', host }, ip, Number(arg('-container-port'))), true)
    // The proxy accepted; when it cannot reach the container it just closes the connection.
    return { kind: 'connected', listener: inner?.kind === 'connected' ? inner.listener : undefined }
  }

  const peerOf = (t: Trace, proxied: boolean): Peer => {
    const last = t.steps[t.steps.length - 1]
    if (last?.kind === 'deliver') {
      const { host, netns } = last.where
      return last.outcome === 'accepted' && last.socket && host !== undefined && netns !== undefined
        ? accepted({ host, netns, socket: last.socket }, proxied)
        : { kind: 'refused' }
    }
    // The sender is told: ENETUNREACH (no route) or EHOSTUNREACH (no ARP reply on the way).
    if (t.unreachable === 'net') return { kind: 'unreachable' }
    if (t.unreachable === 'host') return { kind: 'no-route' }
    // Dropped by a rule, or out to the LAN/Internet, where the lab runs no servers: no answer.
    return { kind: 'timeout' }
  }

  const loopback6 = (port: number): Peer => {
    // No ip6tables in the model: [::1] reaches the caller's own IPv6 listeners directly.
    const ns = getNetns(world.hosts[ctx.host]?.kernel, ctx.netns)
    const s = ns?.sockets.find(
      (x) => x.proto === 'tcp' && x.family === 6 && x.port === port && /^::1?$/.test(x.local),
    )
    return s
      ? accepted({ host: ctx.host, netns: ctx.netns, socket: s }, false)
      : { kind: 'refused' }
  }

  return {
    dial(addr, port) {
      const key = `${addrText(addr)}/${port}`
      const known = seen.get(key)
      if (known) return known
      const from = senderOf(ctx)
      const peer = addr.family === 6 ? loopback6(port) : peerOf(trace(from, addr.ip, port), false)
      seen.set(key, peer)
      return peer
    },
    commit() {
      const ops: KernelOp[] = exchanges.flatMap((ex) => [
        ...learnFromTrace(world, ex.request),
        ...accountExchange(world, ex, tcpTraffic(ex, session)),
      ])
      if (ops.length) {
        ctx.engine.transact((tx) => {
          for (const op of ops) tx.apply(op)
          return { ok: true, value: undefined }
        })
      }
      return exchanges.flatMap((ex) => (ex.reply ? [ex.request, ex.reply] : [ex.request]))
    },
  }
}
