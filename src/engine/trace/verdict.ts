// A trace's verdict from its last step: delivered to a socket or the kernel's echo reply, or out
// to the LAN/Internet; dropped by a rule, a missing route or ARP reply, or refused by the kernel.

import type { Trace, TraceStep } from './types'

export function verdictOf(steps: readonly TraceStep[]): Trace {
  const last = steps[steps.length - 1]
  const dropped = (reason: string): Trace => ({ verdict: 'dropped', steps, reason })
  if (last === undefined) return dropped('no packet was sent')
  switch (last.kind) {
    case 'deliver':
      if (last.outcome === 'tcp-rst') return dropped('connection refused')
      if (last.outcome === 'icmp-port-unreachable') return dropped('port unreachable')
      return { verdict: 'delivered', steps }
    case 'egress':
      return { verdict: 'delivered', steps }
    case 'drop':
      return last.unreachable
        ? { ...dropped(last.reason), unreachable: last.unreachable }
        : dropped(last.reason)
    case 'route':
    case 'arp':
    case 'bridge':
    case 'veth':
    case 'netfilter':
    case 'tunnel':
    case 'ipvs':
      return dropped('the walk stopped without a verdict')
  }
}
