// How a reply's arrival at the sender reads in a trace: what came back and what the sender's
// socket makes of it (ping's echo reply, connect()'s SYN-ACK or RST, recvfrom()'s answer).

import { formatIpv4 } from '../model/ipv4'
import type { ReplyKind } from './conn'
import type { Headers } from './types'

const at = (ip: number, port?: number): string =>
  port === undefined ? formatIpv4(ip) : `${formatIpv4(ip)}:${port}`

export function replyDelivery(answer: ReplyKind | undefined, p: Headers): string {
  const from = at(p.src, p.sport)
  const to = at(p.dst, p.dport)
  switch (answer) {
    case 'echo-reply':
      return `the echo reply from ${from} reaches the pinging socket`
    case 'syn-ack':
      return `the SYN-ACK from ${from} reaches the connecting socket ${to}: connected`
    case 'rst':
      return `the RST from ${from} reaches the connecting socket ${to}: Connection refused`
    case 'udp-reply':
      return `the answer from ${from} reaches the socket ${to}`
    case 'port-unreachable':
      return `the ICMP port unreachable from ${from} reaches the sender: Connection refused`
    case undefined:
      return `the reply from ${from} reaches ${to}`
  }
}
