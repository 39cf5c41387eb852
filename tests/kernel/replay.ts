// A replay on this machine's kernel: the namespaces an exported world is rebuilt in, the stand-ins
// for the LAN's machines and the Internet, the servers and the probes. Every namespace carries
// the replay's prefix (`dnlxc-<pid>-<n>-`) and nothing is ever linked to the machine's own
// network; `cleanup` (also run at exit) deletes them all, and a later run sweeps what a killed
// one left behind.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * How a probe ends: answered (echo reply, TCP connected, a UDP answer), refused (RST, ICMP port
 * unreachable), unreachable (the sender is told: ENETUNREACH/EHOSTUNREACH, an ICMP net or host
 * unreachable), no answer (silence until the timeout).
 */
export type Verdict = 'answered' | 'refused' | 'unreachable' | 'no answer'
/**
 * How a probe ended; for an answered TCP/UDP probe also who answered (the server's namespace,
 * without the replay's prefix) and the source address the request reached it with.
 */
export type Outcome = {
  readonly verdict: Verdict
  readonly detail: string
  readonly by?: string
  readonly saw?: string
}
export type Proto = 'icmp' | 'tcp' | 'udp'

const NETNS_DIR = '/var/run/netns'
const AGENT = fileURLToPath(new URL('./agent.mjs', import.meta.url))
const ROOT = 'dnlxc-'
/**
 * How long a probe waits before it counts as unanswered: longer than the 3 s a neighbour takes
 * to fail (3 ARP solicitations a second apart) before the kernel reports EHOSTUNREACH.
 */
const PROBE_TIMEOUT_MS = 4000

/** What the suite needs of the machine, and what is missing. */
export function missingTools(): string[] {
  const missing: string[] = []
  if (process.getuid?.() !== 0) missing.push('root')
  for (const tool of ['ip', 'bridge', 'iptables-restore', 'ping', 'sysctl', 'sh']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool)
  }
  return missing
}

/** The namespaces whose names start with `prefix`. */
export function namespacesWith(prefix: string): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((n) => n.startsWith(prefix))
  } catch {
    return []
  }
}

function deleteNetns(names: readonly string[]): void {
  for (const n of names) spawnSync('ip', ['netns', 'del', n])
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Deletes what replays of processes that no longer run left behind (a killed run). */
export function sweepLeftovers(): void {
  const stale = namespacesWith(ROOT).filter((n) => {
    const pid = Number(/^dnlxc-(\d+)-/.exec(n)?.[1])
    return !Number.isFinite(pid) || !alive(pid)
  })
  deleteNetns(stale)
}

const live = new Set<Replay>()
process.on('exit', () => {
  for (const r of live) r.cleanupSync()
})

let counter = 0

type Result = { readonly code: number; readonly stdout: string; readonly stderr: string }

function exec(cmd: string, args: readonly string[], input?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
    // A program that does not read its input (ping) may have closed it already.
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? '')
  })
}

export class Replay {
  readonly prefix: string
  private readonly servers: ChildProcess[] = []

  constructor() {
    this.prefix = `${ROOT}${process.pid}-${counter++}-`
    live.add(this)
  }

  /** Namespace `name` of this replay (`h-host1`, `lan-lan`, …) with the prefix. */
  ns(name: string): string {
    return `${this.prefix}${name}`
  }

  /** Runs a script with `sh -e`; throws with the command that failed and what it printed. */
  async sh(script: string): Promise<void> {
    const r = await exec('sh', ['-ex'], script)
    if (r.code !== 0) {
      const trace = r.stderr.trim().split('\n').slice(-6).join('\n')
      throw new Error(`replay failed (exit ${r.code}):\n${trace}`)
    }
  }

  /** A machine on a LAN: a namespace on the LAN's bridge with `cidr`, routed through `gateway`. */
  async lanMachine(lanNs: string, name: string, cidr: string, gateway: string): Promise<string> {
    const ns = this.ns(name)
    const cable = name.slice(0, 15)
    await this.sh(
      [
        `ip netns add ${ns}`,
        `ip -n ${ns} link set lo up`,
        `ip -n ${lanNs} link add ${cable} type veth peer name eth0 netns ${ns}`,
        `ip -n ${lanNs} link set ${cable} master br0`,
        `ip -n ${lanNs} link set ${cable} up`,
        `ip -n ${ns} addr add ${cidr} dev eth0`,
        `ip -n ${ns} link set eth0 up`,
        `ip -n ${ns} route add default via ${gateway}`,
      ].join('\n'),
    )
    return ns
  }

  /**
   * "The Internet": one namespace holding `addrs` (documentation ranges, each a /24) behind the
   * LAN's router, which routes between it and its LANs and does no NAT of its own.
   */
  async internet(routerNs: string, addrs: readonly string[]): Promise<string> {
    const ns = this.ns('inet')
    const nets = [...new Set(addrs.map((a) => a.split('.').slice(0, 3).join('.')))]
    await this.sh(
      [
        `ip netns add ${ns}`,
        `ip -n ${ns} link set lo up`,
        `ip -n ${routerNs} link add inet type veth peer name eth0 netns ${ns}`,
        ...nets.map((n) => `ip -n ${routerNs} addr add ${n}.1/24 dev inet`),
        ...addrs.map((a) => `ip -n ${ns} addr add ${a}/24 dev eth0`),
        `ip -n ${routerNs} link set inet up`,
        `ip -n ${ns} link set eth0 up`,
        `ip -n ${ns} route add default via ${nets[0] ?? '203.0.113'}.1`,
      ].join('\n'),
    )
    return ns
  }

  /**
   * Starts a server in `ns` on each `proto:addr:port`, answering with its name (without the
   * prefix); resolves once all are bound.
   */
  serve(ns: string, specs: readonly string[]): Promise<void> {
    const label = ns.slice(this.prefix.length)
    const args = ['netns', 'exec', ns, process.execPath, AGENT, 'serve', label, ...specs]
    const child = spawn('ip', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.on('error', () => {})
    this.servers.push(child)
    return new Promise((resolve, reject) => {
      let err = ''
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve()
      })
      child.on('exit', (code) =>
        reject(new Error(`server in ${ns} (${specs.join(' ')}) exited ${code}: ${err}`)),
      )
    })
  }

  /** One probe from namespace `ns`: ping, or a TCP/UDP connect, and how it ended. */
  async probe(ns: string, proto: Proto, ip: string, port?: number): Promise<Outcome> {
    if (proto === 'icmp') {
      const wait = String(PROBE_TIMEOUT_MS / 1000)
      const r = await exec('ip', ['netns', 'exec', ns, 'ping', '-n', '-c', '1', '-W', wait, ip])
      if (r.code === 0) return { verdict: 'answered', detail: 'echo reply' }
      const text = `${r.stdout}\n${r.stderr}`
      const error = /(Network is unreachable|Destination \w+ Unreachable)/.exec(text)?.[1]
      return error
        ? { verdict: 'unreachable', detail: error }
        : { verdict: 'no answer', detail: `no reply in ${PROBE_TIMEOUT_MS} ms` }
    }
    const args = [AGENT, proto, ip, String(port ?? 80), String(PROBE_TIMEOUT_MS)]
    const r = await exec('ip', ['netns', 'exec', ns, process.execPath, ...args])
    try {
      return JSON.parse(r.stdout) as Outcome
    } catch {
      return { verdict: 'no answer', detail: `probe failed: ${r.stderr.trim()}` }
    }
  }

  /** Stops the servers and deletes every namespace of this replay (and with them their devices). */
  async cleanup(): Promise<void> {
    this.cleanupSync()
    await Promise.resolve()
  }

  cleanupSync(): void {
    for (const s of this.servers) {
      s.stdin?.end()
      s.kill('SIGKILL')
    }
    this.servers.length = 0
    deleteNetns(namespacesWith(this.prefix))
    live.delete(this)
  }

  /** What is left of the replay (should be nothing after `cleanup`). */
  leftovers(): string[] {
    return namespacesWith(this.prefix)
  }
}
