// `ping [-c N] [-W S] HOST`: one traced echo request and its reply (the tracer walks the kernel
// model; every probe of a run takes the same path, so one exchange decides them all, and all of
// them are counted and tracked by the kernels on the way), printed in busybox's
// format inside busybox/alpine containers and in iputils' on the host. Without -c the real tool
// runs until Ctrl-C; the terminal here is not interactive yet, so it sends 4 and prints `^C`
// then the statistics, as the user would see after pressing Ctrl-C.
// Names resolve as the container's libc would (net/resolve.ts): /etc/hosts, then the embedded DNS
// on user networks (`ping: bad address 'x'` when neither knows it, as busybox says on the default
// bridge); ping sends to the first IPv4 address.

import {
  accountExchange,
  formatIpv4,
  learnFromTrace,
  pingTraffic,
  traceExchange,
  type TraceEndpoint,
} from '../../engine'
import { fail, withTraces, type CommandOutput } from '../output'
import type { Program } from '../program'
import { resolveIpv4 } from './net/resolve'

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
  const to = resolveIpv4(ctx, p.target)?.ip
  if (to === undefined) {
    return busybox
      ? fail(`ping: bad address '${p.target}'\n`, 1)
      : fail(`ping: ${p.target}: Name or service not known\n`, 2)
  }
  const from: TraceEndpoint =
    ctx.container === undefined
      ? { kind: 'host', host: ctx.host }
      : { kind: 'container', host: ctx.host, container: ctx.container }
  const world = ctx.engine.world
  const exchange = traceExchange(world, { from, to, proto: 'icmp' })
  const trace = exchange.request
  // The echo requests really went out: the neighbour caches and bridge FDBs on the way remember,
  // conntrack tracks them, and every rule and device they (and the replies) crossed counts them.
  // The echo identifier is the pid ping would get.
  const id = (world.hosts[ctx.host]?.kernel.nextPid ?? 1) & 0xffff
  const ops = [
    ...learnFromTrace(world, trace),
    ...accountExchange(world, exchange, pingTraffic(p.count, id)),
  ]
  if (ops.length) {
    ctx.engine.transact((tx) => {
      for (const op of ops) tx.apply(op)
      return { ok: true, value: undefined }
    })
  }
  const ip = formatIpv4(to)
  // No route in the sender's own namespace: the send itself fails, nothing is transmitted.
  if (trace.verdict === 'dropped' && trace.steps[0]?.what.startsWith('no route') === true) {
    return busybox
      ? withTraces(fail('ping: sendto: Network unreachable\n', 1), [trace])
      : withTraces(fail(`ping: connect: Network is unreachable\n`, 2), [trace])
  }
  const replies = exchange.reply?.verdict === 'delivered' ? p.count : 0
  const hops = trace.steps.filter((s) => s.kind === 'route').length
  const ttl = 64 - Math.max(hops - 2, 0)
  const times = Array.from({ length: replies }, (_, i) => rtt(i, hops))
  const lines: string[] = [
    busybox
      ? `PING ${p.target} (${ip}): 56 data bytes`
      : `PING ${p.target} (${ip}) 56(84) bytes of data.`,
  ]
  times.forEach((t, i) =>
    lines.push(
      busybox
        ? `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=${t.toFixed(3)} ms`
        : `64 bytes from ${ip}: icmp_seq=${i + 1} ttl=${ttl} time=${t.toFixed(3)} ms`,
    ),
  )
  if (p.interrupted) lines.push('^C')
  lines.push('', `--- ${p.target} ping statistics ---`)
  const loss = Math.round(((p.count - replies) / p.count) * 100)
  if (busybox) {
    lines.push(`${p.count} packets transmitted, ${replies} packets received, ${loss}% packet loss`)
    if (replies) {
      const [min, avg, max] = stats(times)
      lines.push(`round-trip min/avg/max = ${min}/${avg}/${max} ms`)
    }
  } else {
    lines.push(
      `${p.count} packets transmitted, ${replies} received, ${loss}% packet loss, time ${(p.count - 1) * 1000 + 3}ms`,
    )
    if (replies) {
      const [min, avg, max, mdev] = stats(times)
      lines.push(`rtt min/avg/max/mdev = ${min}/${avg}/${max}/${mdev} ms`)
    }
  }
  const result: CommandOutput = {
    stdout: `${lines.join('\n')}\n`,
    stderr: '',
    exitCode: replies ? 0 : 1,
  }
  return withTraces(result, [trace])
}

function stats(times: readonly number[]): [string, string, string, string] {
  const min = Math.min(...times)
  const max = Math.max(...times)
  const avg = times.reduce((a, b) => a + b, 0) / times.length
  const mdev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / times.length)
  return [min.toFixed(3), avg.toFixed(3), max.toFixed(3), mdev.toFixed(3)]
}
