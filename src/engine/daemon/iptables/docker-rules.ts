// The iptables rules Docker 28 installs, as kernel-op plans for the host namespace. Mirrors moby
// libnetwork/drivers/bridge/internal/iptabler (v28.5.2): iptabler.go setupIPChains (chains and
// jumps), network.go setupIPTables (per bridge network), endpoint.go filterDirectAccess (per
// container address), port.go setPerPortIptables (per published port); libnetwork
// firewall_linux.go adds DOCKER-USER. Inserts (-I) put a newer network's rule above older ones,
// appends (-A) below: the order `iptables-save` shows follows from that.

import type { KernelOp, RuleSpec } from '../../kernel/ops'
import type { Match, TableName, Target } from '../../kernel/netfilter/types'
import { INIT_NETNS, type HostId } from '../../model/ids'
import { type Cidr, type Ipv4 } from '../../model/ipv4'
import type { PortMapping } from '../types'

const LOOPBACK_NET: Cidr = { addr: 0x7f000000, len: 8 }
const host32 = (ip: Ipv4): Cidr => ({ addr: ip, len: 32 })

const ACCEPT: Target = { kind: 'ACCEPT' }
const DROP: Target = { kind: 'DROP' }
const RETURN: Target = { kind: 'RETURN' }
const jump = (chain: string): Target => ({ kind: 'jump', chain })

const inIf = (iface: string, not = false): Match => ({ kind: 'in', iface, ...(not ? { not } : {}) })
const outIf = (iface: string, not = false): Match => ({
  kind: 'out',
  iface,
  ...(not ? { not } : {}),
})
const src = (cidr: Cidr, not = false): Match => ({ kind: 'src', cidr, ...(not ? { not } : {}) })
const dst = (cidr: Cidr, not = false): Match => ({ kind: 'dst', cidr, ...(not ? { not } : {}) })
const rule = (target: Target, ...matches: Match[]): RuleSpec => ({ matches, target })

/** Plans rule changes for one host; `enable: false` turns every add into the matching delete. */
class Plan {
  readonly ops: KernelOp[] = []
  constructor(
    private readonly host: HostId,
    private readonly enable: boolean,
  ) {}

  private at(table: TableName, chain: string) {
    return { host: this.host, netns: INIT_NETNS, table, chain }
  }
  chain(table: TableName, chain: string): void {
    this.ops.push({ kind: this.enable ? 'nf.chain.add' : 'nf.chain.del', ...this.at(table, chain) })
  }
  append(table: TableName, chain: string, r: RuleSpec): void {
    this.ops.push(
      this.enable
        ? { kind: 'nf.rule.append', ...this.at(table, chain), rule: r }
        : this.del(table, chain, r),
    )
  }
  insert(table: TableName, chain: string, r: RuleSpec): void {
    this.ops.push(
      this.enable
        ? { kind: 'nf.rule.insert', ...this.at(table, chain), rule: r, position: 1 }
        : this.del(table, chain, r),
    )
  }
  private del(table: TableName, chain: string, r: RuleSpec): KernelOp {
    return { kind: 'nf.rule.del', ...this.at(table, chain), rule: r }
  }
}

/** The filter chains the daemon makes at start (DOCKER-USER aside: the user's). */
export const DOCKER_FILTER_CHAINS = [
  'DOCKER',
  'DOCKER-FORWARD',
  'DOCKER-BRIDGE',
  'DOCKER-CT',
  'DOCKER-ISOLATION-STAGE-1',
  'DOCKER-ISOLATION-STAGE-2',
] as const

/**
 * At daemon start: Docker's chains, the jumps into them, FORWARD policy DROP (Docker had to
 * enable ip_forward, setupIPv4Forwarding) and DOCKER-USER, empty since 28.3.
 */
export function planDockerChains(host: HostId, userlandProxy: boolean): KernelOp[] {
  const p = new Plan(host, true)
  p.chain('nat', 'DOCKER')
  for (const c of DOCKER_FILTER_CHAINS) p.chain('filter', c)
  const addrtypeLocal: Match = { kind: 'addrtype', dstType: 'LOCAL' }
  p.append('nat', 'PREROUTING', rule(jump('DOCKER'), addrtypeLocal))
  // Without hairpin (userland-proxy on) locally generated traffic to 127/8 is left to docker-proxy.
  p.append(
    'nat',
    'OUTPUT',
    userlandProxy
      ? rule(jump('DOCKER'), dst(LOOPBACK_NET, true), addrtypeLocal)
      : rule(jump('DOCKER'), addrtypeLocal),
  )
  // EnsureJumpRule inserts at the top: the last one ensured ends up first.
  p.insert('filter', 'FORWARD', rule(jump('DOCKER-FORWARD')))
  p.insert('filter', 'DOCKER-FORWARD', rule(jump('DOCKER-BRIDGE')))
  p.insert('filter', 'DOCKER-FORWARD', rule(jump('DOCKER-ISOLATION-STAGE-1')))
  p.insert('filter', 'DOCKER-FORWARD', rule(jump('DOCKER-CT')))
  const ops: KernelOp[] = [
    { kind: 'sysctl.set', host, netns: INIT_NETNS, key: 'net.ipv4.ip_forward', value: '1' },
    {
      kind: 'nf.policy',
      host,
      netns: INIT_NETNS,
      table: 'filter',
      chain: 'FORWARD',
      policy: 'DROP',
    },
    ...p.ops,
  ]
  // libnetwork firewall_linux.go setupUserChain: DOCKER-USER, jumped to first from FORWARD.
  const u = new Plan(host, true)
  u.chain('filter', 'DOCKER-USER')
  u.insert('filter', 'FORWARD', rule(jump('DOCKER-USER')))
  return [...ops, ...u.ops]
}

export type BridgeRuleConfig = {
  readonly bridge: string
  readonly subnet: Cidr
  readonly internal: boolean
  readonly icc: boolean
  readonly masquerade: boolean
  readonly userlandProxy: boolean
}

/** Per bridge network (network.go setupIPTables), in Docker's order of operations. */
export function planNetworkRules(host: HostId, n: BridgeRuleConfig, enable: boolean): KernelOp[] {
  const p = new Plan(host, enable)
  const br = n.bridge
  if (n.internal) {
    p.insert('filter', 'DOCKER-ISOLATION-STAGE-1', rule(DROP, inIf(br), dst(n.subnet, true)))
    p.insert('filter', 'DOCKER-ISOLATION-STAGE-1', rule(DROP, outIf(br), src(n.subnet, true)))
    p.append('filter', 'DOCKER-FORWARD', rule(n.icc ? ACCEPT : DROP, inIf(br), outIf(br)))
    return p.ops
  }
  if (n.masquerade) {
    p.insert('nat', 'POSTROUTING', rule({ kind: 'MASQUERADE' }, src(n.subnet), outIf(br, true)))
    if (n.userlandProxy) p.insert('nat', 'DOCKER', rule(RETURN, inIf(br)))
    // Hairpin mode (userland-proxy off): what the host itself sends into the bridge, 127.0.0.1
    // DNATed to a container among it, leaves with the bridge's address (setupIPTablesInternal;
    // moby integration/network/bridge/iptablesdoc/generated/usernet-portmap-noproxy.md).
    else {
      const local: Match = { kind: 'addrtype', srcType: 'LOCAL' }
      p.insert('nat', 'POSTROUTING', rule({ kind: 'MASQUERADE' }, outIf(br), local))
    }
  }
  if (n.icc) p.append('filter', 'DOCKER-FORWARD', rule(ACCEPT, inIf(br)))
  else {
    p.append('filter', 'DOCKER-FORWARD', rule(DROP, inIf(br), outIf(br)))
    p.append('filter', 'DOCKER-FORWARD', rule(ACCEPT, inIf(br), outIf(br, true)))
  }
  p.append('filter', 'DOCKER', rule(DROP, inIf(br, true), outIf(br)))
  p.append(
    'filter',
    'DOCKER-CT',
    rule(ACCEPT, outIf(br), { kind: 'ctstate', states: ['RELATED', 'ESTABLISHED'] }),
  )
  p.append('filter', 'DOCKER-BRIDGE', rule(jump('DOCKER'), outIf(br)))
  p.append(
    'filter',
    'DOCKER-ISOLATION-STAGE-1',
    rule(jump('DOCKER-ISOLATION-STAGE-2'), inIf(br), outIf(br, true)),
  )
  p.insert('filter', 'DOCKER-ISOLATION-STAGE-2', rule(DROP, outIf(br)))
  return p.ops
}

/** Per container address (endpoint.go filterDirectAccess): no direct routing from elsewhere. */
export function planEndpointRules(
  host: HostId,
  n: BridgeRuleConfig,
  ip: Ipv4,
  enable: boolean,
): KernelOp[] {
  if (n.internal) return []
  const p = new Plan(host, enable)
  p.append('raw', 'PREROUTING', rule(DROP, dst(host32(ip)), inIf(n.bridge, true)))
  return p.ops
}

/** Per published port (port.go setPerPortIptables). The `::` half is served by docker-proxy only. */
export function planPortRules(
  host: HostId,
  n: BridgeRuleConfig,
  ctrIp: Ipv4,
  m: PortMapping,
  hostIp: Ipv4 | undefined,
  enable: boolean,
): KernelOp[] {
  if (n.internal || m.hostIp.includes(':') || (m.proto !== 'tcp' && m.proto !== 'udp')) return []
  const p = new Plan(host, enable)
  const proto: Match = { kind: 'proto', proto: m.proto }
  if (hostIp !== undefined && hostIp >>> 24 === 127) {
    const dport: Match = { kind: 'dport', proto: m.proto, port: m.hostPort }
    p.append('raw', 'PREROUTING', rule(DROP, dst(host32(hostIp)), inIf('lo', true), proto, dport))
  }
  const dnatMatches: Match[] = [
    ...(hostIp === undefined || hostIp === 0 ? [] : [dst(host32(hostIp))]),
    ...(n.userlandProxy ? [inIf(n.bridge, true)] : []),
    proto,
    { kind: 'dport', proto: m.proto, port: m.hostPort },
  ]
  p.append(
    'nat',
    'DOCKER',
    rule({ kind: 'DNAT', addr: ctrIp, port: m.containerPort }, ...dnatMatches),
  )
  const accept: Match[] = [
    dst(host32(ctrIp)),
    inIf(n.bridge, true),
    outIf(n.bridge),
    proto,
    { kind: 'dport', proto: m.proto, port: m.containerPort },
  ]
  p.insert('filter', 'DOCKER', rule(ACCEPT, ...accept))
  // userland-proxy off: a container reaching its own published port comes back to itself from
  // the bridge's address, not its own (setPerPortNAT).
  if (!n.userlandProxy) {
    const self = host32(ctrIp)
    const dport: Match = { kind: 'dport', proto: m.proto, port: m.containerPort }
    p.append('nat', 'POSTROUTING', rule({ kind: 'MASQUERADE' }, src(self), dst(self), proto, dport))
  }
  return p.ops
}
