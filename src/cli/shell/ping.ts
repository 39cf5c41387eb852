// `ping [-c N] [-W S] HOST`: one traced echo request and its reply (the tracer walks the kernel
// model; every probe of a run takes the same path, so one exchange decides them all, and all of
// them are counted and tracked by the kernels on the way), printed in busybox's
// format inside busybox/alpine containers and in iputils' on the host. Without -c the real tool
// runs until Ctrl-C: in the app's terminal it holds the terminal and sends one a second (the
// terminal's ticks) until Ctrl-C prints the statistics; where no time passes (the REPL, tests)
// it sends 4 and prints `^C` then the statistics, as the user would see after pressing Ctrl-C.
// Names resolve as the container's libc would (net/resolve.ts): /etc/hosts, then the embedded DNS
// on user networks (`ping: bad address 'x'` when neither knows it, as busybox says on the default
// bridge); ping sends to the first IPv4 address.

import {
  accountExchange,
  formatIpv4,
  getLink,
  getNetns,
  learnFromTrace,
  pingTraffic,
  traceExchange,
  type Trace,
} from '../../engine'
import { fail, out, withTraces, type CommandOutput } from '../output'
import type { Program } from '../program'
import { dnsQueryTraces, resolveIpv4, unresolvedAdvice } from './net/resolve'
import { senderOf } from './net/sender'

type Parsed = { count: number; interrupted: boolean; target: string }

function parse(argv: readonly string[]): Parsed | string {
  let count: number | undefined
  let target: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '-c' || a === '-W' || a === '-w' || a === '-i' || a === '-s') {
      const v = argv[++i]
      if (v === undefined) return `ping: option requires an argument -- '${a.slice(1)}'`
      if (a === '-c') count = Number(v)
    } else if (/^-c\d+$/.test(a)) count = Number(a.slice(2))
    else if (a.startsWith('-')) continue
    else target = a
  }
  if (target === undefined) return 'usage'
  return { count: count ?? 4, interrupted: count === undefined, target }
}

/** Round-trip times that look like a bridge's: deterministic, a few tens of microseconds. */
const rtt = (seq: number, hops: number): number => 0.04 + hops * 0.02 + ((seq * 37) % 11) / 1000

export const ping: Program = (ctx, argv) => {
  const busybox = ctx.userland === 'busybox'
  const p = parse(argv)
  if (p === 'usage') {
    return busybox
      ? fail(
          'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n',
          1,
        )
      : fail('ping: usage error: Destination address required\n', 1)
  }
  if (typeof p === 'string') return fail(`${p}\n`, busybox ? 1 : 2)
  // The name is looked up first: through the embedded DNS on a user network (its own trace).
  const dns = dnsQueryTraces(ctx, p.target)
  const to = resolveIpv4(ctx, p.target)?.ip
  if (to === undefined) {
    return withTraces(
      busybox
        ? fail(`ping: bad address '${p.target}'\n`, 1)
        : fail(`ping: ${p.target}: Name or service not known\n`, 2),
      unresolvedAdvice(ctx, p.target, dns),
    )
  }
  const from = senderOf(ctx)
  const world = ctx.engine.world
  const exchange = traceExchange(world, { from, to, proto: 'icmp' })
  const trace = exchange.request
  // The echo requests really went out: the neighbour caches and bridge FDBs on the way remember,
  // conntrack tracks them, and every rule and device they (and the replies) crossed counts them.
  // The echo identifier is the pid ping would get.
  const id = (world.hosts[ctx.host]?.kernel.nextPid ?? 1) & 0xffff
  const streaming = p.interrupted && ctx.shell.ticks
  const send = (count: number, learn: boolean): void => {
    const w = ctx.engine.world
    const ops = [
      ...(learn ? learnFromTrace(w, trace) : []),
      ...accountExchange(w, exchange, pingTraffic(count, id)),
    ]
    if (ops.length) {
      ctx.engine.transact((tx) => {
        for (const op of ops) tx.apply(op)
        return { ok: true, value: undefined }
      })
    }
  }
  send(streaming ? 1 : p.count, true)
  const ip = formatIpv4(to)
  // No route in the sender's own namespace: the send itself fails, nothing is transmitted.
  if (trace.verdict === 'dropped' && trace.steps[0]?.what.startsWith('no route') === true) {
    return busybox
      ? withTraces(fail('ping: sendto: Network unreachable\n', 1), [...dns, trace])
      : withTraces(fail(`ping: connect: Network is unreachable\n`, 2), [...dns, trace])
  }
  const answered = exchange.reply?.verdict === 'delivered'
  const traced = [...dns, ...(exchange.reply ? [trace, exchange.reply] : [trace])]
  const hops = trace.steps.filter((s) => s.kind === 'route').length
  const ttl = 64 - Math.max(hops - 2, 0)
  // iputils prints the ICMP error each echo got back (busybox ignores them: not its echo id).
  const error = busybox ? undefined : icmpError(ctx, trace)
  const f: Format = { busybox, target: p.target, ip, ttl, hops, error }
  const header = busybox
    ? `PING ${p.target} (${ip}): 56 data bytes\n`
    : `PING ${p.target} (${ip}) 56(84) bytes of data.\n`
  if (streaming) {
    // The first echo goes out at once; then one a second, until Ctrl-C.
    let sent = 1
    let received = answered ? 1 : 0
    let pending = header + (answered ? replyLine(f, 0) : errorLine(f, 0))
    ctx.shell.foreground({
      input: () => undefined,
      read() {
        const text = pending
        pending = ''
        return { text, ended: false }
      },
      alive: () => true,
      tick() {
        send(1, false)
        pending += answered ? replyLine(f, sent) : errorLine(f, sent)
        received += answered ? 1 : 0
        sent += 1
      },
      stop: () => statistics(f, sent, received),
    })
    return withTraces(out(''), traced)
  }
  const replies = answered ? p.count : 0
  const lines = Array.from({ length: p.count }, (_, i) =>
    answered ? replyLine(f, i) : errorLine(f, i),
  ).join('')
  const result: CommandOutput = {
    stdout: header + lines + (p.interrupted ? '^C\n' : '') + statistics(f, p.count, replies),
    stderr: '',
    exitCode: replies ? 0 : 1,
  }
  return withTraces(result, traced)
}

type Format = {
  readonly busybox: boolean
  readonly target: string
  readonly ip: string
  readonly ttl: number
  readonly hops: number
  /** The ICMP error every echo gets back instead of a reply, and who sends it. */
  readonly error: IcmpError | undefined
}

type IcmpError = { readonly from: string; readonly text: string }

/**
 * The error an unanswered echo comes back with: no ARP reply on the way (the kernel's ICMP host
 * unreachable, from the sender's own address when it is the sender's ARP that failed), or a
 * router without a route (net unreachable). Silent drops come back with nothing.
 */
function icmpError(ctx: Parameters<Program>[0], t: Trace): IcmpError | undefined {
  const last = t.steps[t.steps.length - 1]
  if (last?.kind !== 'drop' || last.unreachable === undefined) return undefined
  const { host, netns, link } = last.where
  const kernel = host === undefined ? undefined : ctx.engine.world.hosts[host]?.kernel
  const ns = netns === undefined ? undefined : getNetns(kernel, netns)
  const addr = ns && link !== undefined ? getLink(ns, link)?.addrs[0]?.cidr.addr : undefined
  const text = last.unreachable === 'host' ? 'Host' : 'Net'
  return { from: formatIpv4(addr ?? last.packet.src), text: `Destination ${text} Unreachable` }
}

function errorLine(f: Format, seq: number): string {
  return f.error ? `From ${f.error.from} icmp_seq=${seq + 1} ${f.error.text}\n` : ''
}

function replyLine(f: Format, seq: number): string {
  const t = rtt(seq, f.hops).toFixed(3)
  return f.busybox
    ? `64 bytes from ${f.ip}: seq=${seq} ttl=${f.ttl} time=${t} ms\n`
    : `64 bytes from ${f.ip}: icmp_seq=${seq + 1} ttl=${f.ttl} time=${t} ms\n`
}

/**
 * What ping prints when it ends: the summary of `sent` echoes, `received` answered. iputils
 * (ping_common.c finish) ends with a line of rtt and `pipe N`, empty when it has neither; its
 * time runs from the first echo to the last (0 ms for one).
 */
function statistics(f: Format, sent: number, received: number): string {
  const times = Array.from({ length: received }, (_, i) => rtt(i, f.hops))
  const lines = ['', `--- ${f.target} ping statistics ---`]
  const loss = Math.round(((sent - received) / sent) * 100)
  if (f.busybox) {
    lines.push(`${sent} packets transmitted, ${received} packets received, ${loss}% packet loss`)
    if (received) {
      const [min, avg, max] = stats(times)
      lines.push(`round-trip min/avg/max = ${min}/${avg}/${max} ms`)
    }
    return `${lines.join('\n')}\n`
  }
  const errors = f.error && received === 0 ? `, +${sent} errors` : ''
  const time = sent > 1 ? (sent - 1) * 1000 + 3 : 0
  lines.push(
    `${sent} packets transmitted, ${received} received${errors}, ${loss}% packet loss, time ${time}ms`,
  )
  const tail: string[] = []
  if (received) {
    const [min, avg, max, mdev] = stats(times)
    tail.push(`rtt min/avg/max/mdev = ${min}/${avg}/${max}/${mdev} ms`)
  }
  // Echoes waiting together on a neighbour that never answers (measured: -c 2 → pipe 2,
  // -c 3 → pipe 3, -c 4 → pipe 4; the ARP queue holds 3 more behind the first).
  if (errors && sent > 1) tail.push(`pipe ${Math.min(sent, 4)}`)
  lines.push(tail.join(', '))
  return `${lines.join('\n')}\n`
}

function stats(times: readonly number[]): [string, string, string, string] {
  const min = Math.min(...times)
  const max = Math.max(...times)
  const avg = times.reduce((a, b) => a + b, 0) / times.length
  const mdev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / times.length)
  return [min.toFixed(3), avg.toFixed(3), max.toFixed(3), mdev.toFixed(3)]
}
