// The netfilter part of the export: each namespace's tables fed to `iptables-restore` exactly
// as the simulator's `iptables-save` prints them, with the Docker actions that put rules there.

import { TABLE_NAMES, allContainers, allNetworks, type Netns } from '../../engine'
import { ctime } from '../linux/ctime'
import { saveTable } from '../linux/iptables-save'
import type { ExportContext } from './commands'
import { createCommand, runCommand } from './docker-actions'
import { nsName } from './names'

/** What `iptables-save` (no options) prints in `ns`: every loaded table, no rule counters. */
export function savedRules(c: ExportContext, ns: Netns): string {
  const date = ctime(c.world.clock)
  return TABLE_NAMES.flatMap((name) => {
    const t = ns.netfilter.tables[name]
    return t ? [saveTable(name, t, date, false)] : []
  }).join('')
}

function comment(c: ExportContext, ns: Netns): string[] {
  const d = c.host.daemon
  if (ns.path === '') {
    const nets = allNetworks(d)
      .filter((n) => !n.predefined && n.bridge !== undefined)
      .map((n) => `${createCommand(n)}: its isolation and masquerade rules`)
    const ports = allContainers(d)
      .filter((x) => x.sandbox !== undefined && x.portBindings.length + (x.publishAll ? 1 : 0) > 0)
      .map((x) => `${runCommand(d, x)}: DNAT of its published ports`)
    return [`dockerd start: the DOCKER chains (iptables-save on ${c.host.id})`, ...nets, ...ports]
  }
  const owner = allContainers(d).find((x) => x.sandbox?.netns === ns.id)
  if (owner) return [`${runCommand(d, owner)}: the embedded DNS server's rules (127.0.0.11)`]
  return [`dockerd: the rules of sandbox ${ns.path.slice(ns.path.lastIndexOf('/') + 1)}`]
}

/** `ip netns exec NS iptables-restore <<'EOF' … EOF`, or nothing when no table is loaded. */
export function iptablesBlock(c: ExportContext, ns: Netns): string[] {
  const rules = savedRules(c, ns)
  if (rules === '') return []
  return [
    ...comment(c, ns).map((l) => `# ${l}`),
    `ip netns exec ${nsName(c.naming, ns.id)} iptables-restore <<'IPTABLES_EOF'`,
    ...rules.slice(0, -1).split('\n'),
    'IPTABLES_EOF',
  ]
}
