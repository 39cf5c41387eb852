// The engine's public surface: everything other layers may use. Pure and deterministic; runs in
// Node and in the Web Worker. See README.md for the rules of this layer.

export { createEngine, type Engine, type EngineOptions } from './engine'
export type { OpContext } from './model/context'
export type { World, Host, Segment } from './model/world'
export type {
  WorldSpec,
  HostSpec,
  MachineSpec,
  NicSpec,
  SegmentSpec,
  RouteSpec,
  DaemonSpec,
} from './model/spec'
export type { HostId, LinkId, NetnsId, NetworkId, SegmentId } from './model/ids'
export { INIT_NETNS, hostId } from './model/ids'
export type { Cidr, Ipv4 } from './model/ipv4'
export { formatCidr, formatIpv4, parseCidr, parseIpv4 } from './model/ipv4'
export type * from './daemon/types'
export type * from './daemon/swarm/types'
export type { DockerError } from './daemon/errors'
export type { Kernel, Link, LinkInfo, LinkKind, LinkRef, Netns, Route } from './kernel/types'
export { linkEnv, linkFlags, operState, type OperState } from './kernel/links'
export { diffSnapshots, toSnapshot } from './snapshot/to-snapshot'
export type * from './snapshot/records'
export { ENGINE_VERSION } from './version'
export * as daemon from './daemon/api'
/** The lab's own operations on the world (`lab host add/rm/ls`): hosts joining and leaving. */
export * as lab from './hosts'
export { dockerErrors } from './daemon/errors'
export type { IfAddr, IpvsService, NeighEntry, Process, Socket } from './kernel/types'
export { hasCarrier, lowerOf, type LinkEnv } from './kernel/links'
export { maskOf, networkOf } from './model/ipv4'
export type {
  AddrType,
  Chain,
  Counters,
  CtState,
  Match,
  Netfilter,
  Rule,
  Table,
  TableName,
  Target,
} from './kernel/netfilter/types'
export { BUILTIN_CHAINS, TABLE_NAMES } from './kernel/netfilter/types'
export type { KernelOp, RuleSpec } from './kernel/ops'
export {
  allContainers,
  allEndpoints,
  containerByName,
  endpointsOfContainer,
  getContainer,
  getNetwork,
  allNetworks,
  getEndpoint,
  lookupContainer,
} from './daemon/queries'
export {
  allNetns,
  allProcesses,
  getLink,
  getNetns,
  getProcess,
  linksOf,
  resolveLink,
} from './kernel/queries'
export { KNOWN_IMAGES } from './daemon/images'
export {
  evaluateHook,
  HOOK_TABLES,
  type BoundRewrite,
  type ChainStep,
  type HookResult,
  type MasqueradeSource,
  type NatRewrite,
  type NfContext,
  type NfHook,
  type NfPacket,
  type RuleHit,
  type RuleRef,
} from './kernel/netfilter/evaluate'
export { traceProbe, PROBE_SPORT } from './trace/walk'
export { snatText } from './trace/rule-text'
export { LOOPBACK_SPEC } from './kernel/plans'
export { deviceOfSysctl } from './kernel/apply'
export { sameRule } from './kernel/netfilter/apply'
export type {
  ArpAnswer,
  DeliverOutcome,
  Headers,
  Probe,
  Trace,
  TraceEndpoint,
  TraceStep,
  Unreachable,
  Where,
} from './trace/types'
export { learnFromTrace } from './trace/learn'
export {
  traceExchange,
  type Exchange,
  type ExchangeOptions,
  type ReplyKind,
} from './trace/exchange'
export { accountExchange, type Traffic } from './trace/account'
export { ECHO_BYTES, pingTraffic, tcpTraffic, udpTraffic, type TcpSession } from './trace/traffic'
export { liveEntries, type ConntrackEntry, type CtTuple, type TcpCtState } from './kernel/conntrack'
export type { LinkStats } from './kernel/types'
