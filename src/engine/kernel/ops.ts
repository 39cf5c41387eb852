// Kernel operations: what the daemon (like libnetwork through netlink and iptables) asks the
// kernel to do. Daemon code builds lists of these (plans); kernel/apply.ts carries them out.

import type { HostId, LinkId, NetnsId, SegmentId } from '../model/ids'
import type { ConntrackEntry } from './conntrack'
import type { Counters, Match, Rule, TableName, Target } from './netfilter/types'
import type {
  FdbEntry,
  IfAddr,
  IpvsService,
  LinkInfo,
  LinkKind,
  LinkStats,
  NeighEntry,
  NetnsRole,
  Process,
  Route,
  Socket,
} from './types'

/** A device to create; `ifindex` is assigned by the kernel in the target namespace. */
export type NewLink = {
  readonly name: string
  readonly kind: Exclude<LinkKind, 'veth'>
  readonly mac: string
  readonly mtu: number
  readonly txqlen: number
  readonly segment?: SegmentId
  readonly info?: LinkInfo
  /** The MAC was drawn by the kernel (`ip link add` without `address`); see Link.randomMac. */
  readonly randomMac?: true
}

/** One end of a new veth pair. */
export type VethEnd = {
  readonly netns: NetnsId
  readonly link: LinkId
  readonly name: string
  readonly mac: string
  readonly mtu: number
  /** Docker's veths have none (libnetwork asks for TxQLen 0); `ip link add` gives 1000. */
  readonly txqlen?: number
}

type At = { readonly host: HostId; readonly netns: NetnsId }
type OnLink = At & { readonly link: LinkId }
type InChain = At & { readonly table: TableName; readonly chain: string }

/** A rule as Docker hands it to iptables: matches and target (counters start at zero). */
export type RuleSpec = { readonly matches: readonly Match[]; readonly target: Target }

export type KernelOp =
  | (At & { readonly kind: 'netns.add'; readonly role: NetnsRole; readonly path: string })
  | (At & { readonly kind: 'netns.del' })
  | (OnLink & { readonly kind: 'link.add'; readonly spec: NewLink })
  /** `ip link add A netns X type veth peer name B netns Y`: both ends at once. */
  | { readonly kind: 'veth.add'; readonly host: HostId; readonly a: VethEnd; readonly b: VethEnd }
  /** Deletes a device; deleting one end of a veth deletes its peer. */
  | (OnLink & { readonly kind: 'link.del' })
  | (OnLink & { readonly kind: 'link.set-up'; readonly up: boolean })
  | (OnLink & { readonly kind: 'link.set-master'; readonly master: LinkId | null })
  | (OnLink & { readonly kind: 'link.rename'; readonly name: string })
  /**
   * `ip link set DEV netns NS`: the device moves to another namespace of the host, keeping its
   * ifindex if free there; it arrives down, without addresses or master, and a veth's peer
   * points at its new place.
   */
  | (OnLink & { readonly kind: 'link.set-netns'; readonly to: NetnsId })
  | (OnLink & { readonly kind: 'link.set-mac'; readonly mac: string })
  | (OnLink & { readonly kind: 'link.set-mtu'; readonly mtu: number })
  /** A bridge port's hairpin flag (`ip link set X type bridge_slave hairpin on`). */
  | (OnLink & { readonly kind: 'link.set-hairpin'; readonly hairpin: boolean })
  | (OnLink & { readonly kind: 'addr.add'; readonly addr: IfAddr })
  | (OnLink & { readonly kind: 'addr.del'; readonly addr: IfAddr })
  | (At & { readonly kind: 'route.add'; readonly route: Route })
  | (At & { readonly kind: 'route.del'; readonly route: Route })
  | (At & { readonly kind: 'neigh.set'; readonly entry: NeighEntry })
  | (At & { readonly kind: 'fdb.set'; readonly entry: FdbEntry })
  /** `ipvsadm -A/-a`: the virtual service of that mark, replaced; removed when it has no dests. */
  | (At & { readonly kind: 'ipvs.set'; readonly service: IpvsService })
  /** `ip neigh del IP dev DEV`. */
  | (At & { readonly kind: 'neigh.del'; readonly ip: number; readonly dev: LinkId })
  /** `bridge fdb del MAC dev DEV`: the entry of that MAC in `bridge`'s table. */
  | (At & { readonly kind: 'fdb.del'; readonly bridge: LinkId; readonly mac: string })
  | (At & { readonly kind: 'sysctl.set'; readonly key: string; readonly value: string })
  /** `iptables-restore --noflush` of one table (see netfilter/apply.ts). */
  | (At & {
      readonly kind: 'nf.restore'
      readonly table: TableName
      readonly chains: readonly { readonly name: string; readonly rules: readonly RuleSpec[] }[]
    })
  | (InChain & { readonly kind: 'nf.chain.add' })
  | (InChain & { readonly kind: 'nf.chain.del' })
  | (InChain & { readonly kind: 'nf.policy'; readonly policy: 'ACCEPT' | 'DROP' })
  | (InChain & { readonly kind: 'nf.rule.append'; readonly rule: RuleSpec })
  /** `iptables -I CHAIN [position]`, position 1-based (1 = top). */
  | (InChain & {
      readonly kind: 'nf.rule.insert'
      readonly rule: RuleSpec
      readonly position: number
    })
  /** `iptables -D CHAIN rule-spec`: removes the first rule equal to `rule`. */
  | (InChain & { readonly kind: 'nf.rule.del'; readonly rule: RuleSpec })
  | { readonly kind: 'proc.start'; readonly host: HostId; readonly process: Process }
  | { readonly kind: 'proc.stop'; readonly host: HostId; readonly pid: number }
  /** A process writes to its terminal (appended to Process.output). */
  | {
      readonly kind: 'proc.write'
      readonly host: HostId
      readonly pid: number
      readonly text: string
    }
  /** A process's connection: to the process `peer`, or none. */
  | {
      readonly kind: 'proc.peer'
      readonly host: HostId
      readonly pid: number
      readonly peer: number | undefined
    }
  | (At & { readonly kind: 'socket.listen'; readonly socket: Socket })
  | (At & { readonly kind: 'socket.close'; readonly socket: Socket })
  /**
   * Packets that matched a rule (`rule`, 1-based) or took a built-in chain's policy (no
   * `rule`): added to its counters, as ipt_do_table does for each packet.
   */
  | (InChain & { readonly kind: 'nf.count'; readonly rule?: number; readonly add: Counters })
  /** `iptables -Z [CHAIN]`: the counters of one chain (rules and policy), or of every chain. */
  | (At & { readonly kind: 'nf.zero'; readonly table: TableName; readonly chain?: string })
  /** Traffic a device received and sent: added to its statistics. */
  | (OnLink & { readonly kind: 'link.count'; readonly add: Partial<LinkStats> })
  /**
   * A connection confirmed or updated (nf_conntrack_confirm, a reply, a state change): the
   * entry of the same connection is replaced; entries expired at `now` go (the GC's work).
   */
  | (At & { readonly kind: 'ct.set'; readonly entry: ConntrackEntry; readonly now: number })
  /** `conntrack -F`: the table is emptied. */
  | (At & { readonly kind: 'ct.flush' })

export type { Rule }
