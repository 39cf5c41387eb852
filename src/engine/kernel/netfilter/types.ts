// Netfilter as data: per namespace, the tables Docker uses (raw, mangle, filter, nat) with their
// chains and rules in kernel order. Rules are structured matches and a target, so the same data
// prints as `iptables-save` and is evaluated by packet traces.

import type { Cidr, Ipv4 } from '../../model/ipv4'

export const TABLE_NAMES = ['raw', 'mangle', 'filter', 'nat'] as const
export type TableName = (typeof TABLE_NAMES)[number]

/** Built-in chains of each table, in the order iptables-save lists them. */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
}

export type L4Proto = 'tcp' | 'udp' | 'icmp' | 'sctp'
export type CtState = 'INVALID' | 'NEW' | 'ESTABLISHED' | 'RELATED' | 'UNTRACKED' | 'SNAT' | 'DNAT'
export type AddrType = 'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST'

/** One match of a rule; `not` is iptables' `!`. Printed in the order the rule lists them. */
export type Match =
  | { readonly kind: 'src'; readonly cidr: Cidr; readonly not?: boolean }
  | { readonly kind: 'dst'; readonly cidr: Cidr; readonly not?: boolean }
  | { readonly kind: 'in'; readonly iface: string; readonly not?: boolean }
  | { readonly kind: 'out'; readonly iface: string; readonly not?: boolean }
  | { readonly kind: 'proto'; readonly proto: L4Proto; readonly not?: boolean }
  /** `-m tcp --dport 80` / `-m udp --dport 53:54`; `to` set for a range. */
  | {
      readonly kind: 'dport'
      readonly proto: 'tcp' | 'udp'
      readonly port: number
      readonly to?: number
    }
  /** `-m udp --sport 47234` (the embedded DNS's rules in a container). */
  | { readonly kind: 'sport'; readonly proto: 'tcp' | 'udp'; readonly port: number }
  | { readonly kind: 'ctstate'; readonly states: readonly CtState[] }
  | { readonly kind: 'addrtype'; readonly srcType?: AddrType; readonly dstType?: AddrType }
  /** `-m ipvs --ipvs`: the packet belongs to an IPVS connection (xt_ipvs). */
  | { readonly kind: 'ipvs' }

export type Target =
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  | { readonly kind: 'RETURN' }
  | { readonly kind: 'jump'; readonly chain: string }
  /** `-j DNAT --to-destination 172.17.0.2:80` */
  | { readonly kind: 'DNAT'; readonly addr: Ipv4; readonly port?: number; readonly portTo?: number }
  | { readonly kind: 'MASQUERADE' }
  /** `-j SNAT --to-source 10.0.0.1`, or `--to-source :53` (the port only, the address kept). */
  | { readonly kind: 'SNAT'; readonly addr?: Ipv4; readonly port?: number }
  /** `-j MARK --set-xmark 0x100/0xffffffff`: sets the packet's mark and goes on (xt_MARK). */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number }
  /** `-j REDIRECT --to-ports 80`: DNAT to the incoming interface's address (xt_REDIRECT). */
  | { readonly kind: 'REDIRECT'; readonly port: number }

/** Packet and byte counters, as `iptables -v` and `iptables-save -c` show them. */
export type Counters = { readonly packets: number; readonly bytes: number }

export type Rule = {
  readonly matches: readonly Match[]
  readonly target: Target
  readonly counters: Counters
}

export type Chain = {
  readonly name: string
  /** Built-in chains have a policy; user chains have none (`-`). */
  readonly policy?: 'ACCEPT' | 'DROP'
  readonly counters: Counters
  readonly rules: readonly Rule[]
}

export type Table = { readonly chains: Readonly<Record<string, Chain>> }

/** Tables appear once something uses them, as the kernel loads them on demand. */
export type Netfilter = { readonly tables: Readonly<Partial<Record<TableName, Table>>> }

export const ZERO: Counters = { packets: 0, bytes: 0 }
export const EMPTY_NETFILTER: Netfilter = { tables: {} }
