// The packets the programs that talk send and get back, as IP packet sizes: ping's echo requests
// (20 IP + 8 ICMP + 56 data = 84 bytes), a TCP connection as Linux runs one (SYN and SYN-ACK
// carry MSS, SACK, timestamps and window scale: 60 bytes; later segments timestamps: 52 plus
// data), a UDP datagram (28 plus data) and the ICMP error that refuses one (28 plus the datagram).

import type { Traffic } from './account'
import type { Exchange } from './exchange'

export const ECHO_BYTES = 84
const SYN = 60
const SEGMENT = 52
const RST = 40
const UDP_HEADERS = 28

/** `ping -c N`: N requests; as many replies come back when the exchange is answered. */
export function pingTraffic(count: number, id: number): Traffic {
  const all = { packets: count, bytes: count * ECHO_BYTES }
  return { orig: all, first: ECHO_BYTES, reply: all, icmpId: id }
}

/** How a TCP connection goes once connected: kept open (nc), or a request, answer and close. */
export type TcpSession =
  | { readonly kind: 'open' }
  | { readonly kind: 'closed'; readonly sent: number; readonly received: number }

/** The kernel's SYNs for an unanswered connect: the first and tcp_syn_retries=6 more. */
export const SYN_TRIES = 7

/** A connect(): refused (SYN, RST), unanswered (SYNs), or connected and then `session`. */
export function tcpTraffic(ex: Exchange, session: TcpSession): Traffic {
  if (ex.answer === 'rst')
    return {
      orig: { packets: 1, bytes: SYN },
      first: SYN,
      reply: { packets: 1, bytes: RST },
      tcpState: 'CLOSE',
    }
  if (ex.answer !== 'syn-ack' || ex.reply?.verdict !== 'delivered')
    return {
      orig: { packets: SYN_TRIES, bytes: SYN_TRIES * SYN },
      first: SYN,
      reply: { packets: 1, bytes: SYN },
    }
  if (session.kind === 'open')
    return {
      orig: { packets: 2, bytes: SYN + SEGMENT },
      first: SYN,
      reply: { packets: 1, bytes: SYN },
      tcpState: 'ESTABLISHED',
    }
  // SYN, ACK, [data,] [ACK of the answer,] FIN, last ACK; SYN-ACK, [ACK, answer,] FIN.
  const { sent, received } = session
  const orig = [
    SYN,
    SEGMENT,
    ...(sent > 0 ? [SEGMENT + sent] : []),
    ...(received > 0 ? [SEGMENT] : []),
    SEGMENT,
    SEGMENT,
  ]
  const reply = [
    SYN,
    ...(sent > 0 ? [SEGMENT] : []),
    ...(received > 0 ? [SEGMENT + received] : []),
    SEGMENT,
  ]
  return {
    orig: { packets: orig.length, bytes: sum(orig) },
    first: SYN,
    reply: { packets: reply.length, bytes: sum(reply) },
    tcpState: 'TIME_WAIT',
  }
}

/** One datagram of `sent` bytes of data, answered with `received` bytes or an ICMP error. */
export function udpTraffic(ex: Exchange, sent: number, received: number): Traffic {
  const out = UDP_HEADERS + sent
  const back = ex.answer === 'port-unreachable' ? UDP_HEADERS + out : UDP_HEADERS + received
  return { orig: { packets: 1, bytes: out }, first: out, reply: { packets: 1, bytes: back } }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)
