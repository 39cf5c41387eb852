// The rules overlay: next to each bridge, the NAT and filter rules that name it (as
// `iptables-save` prints them); next to the host's first NIC, the rules that name no bridge
// (the hooks into Docker's chains). Read from the host namespace's netfilter tables.

import {
  getNetns,
  INIT_NETNS,
  type HostId,
  type InterfaceRecord,
  type Rule,
  type World,
} from '../../engine'
import { ruleSpec } from '../../cli/linux/iptables-rule'

export type RuleNote = {
  /** The interface record the note is about. */
  readonly at: string
  readonly lines: readonly string[]
}

const WRAP = 46

/** `nat -A DOCKER ! -i docker0 …`, wrapped at spaces to fit a note. */
function wrap(text: string): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WRAP) {
      out.push(line)
      line = `    ${word}`
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') out.push(line)
  return out
}

const names = (rule: Rule): string[] =>
  rule.matches.flatMap((m) => (m.kind === 'in' || m.kind === 'out' ? [m.iface] : []))

export function ruleNotes(
  world: World,
  hostRecord: string,
  bridges: readonly InterfaceRecord[],
  nic: InterfaceRecord | undefined,
): RuleNote[] {
  const host = world.hosts[hostRecord.replace(/^host:/, '') as HostId]
  const nf = getNetns(host?.kernel, INIT_NETNS)?.netfilter
  if (!nf) return []
  const byBridge = new Map<string, string[]>(bridges.map((b) => [b.name, []]))
  const rest: string[] = []
  for (const table of ['nat', 'filter'] as const) {
    const chains = nf.tables[table]?.chains ?? {}
    for (const chain of Object.values(chains)) {
      for (const rule of chain.rules) {
        const text = `${table} -A ${chain.name} ${ruleSpec(rule)}`
        const named = names(rule).filter((n) => byBridge.has(n))
        if (named.length === 0) rest.push(...wrap(text))
        for (const n of new Set(named)) byBridge.get(n)?.push(...wrap(text))
      }
    }
  }
  const notes: RuleNote[] = bridges.map((b) => ({
    at: b.id,
    lines: (byBridge.get(b.name) ?? []).length
      ? (byBridge.get(b.name) ?? [])
      : ['no rules name it'],
  }))
  if (nic && rest.length) notes.push({ at: nic.id, lines: rest })
  return notes
}
