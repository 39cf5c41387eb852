// `curl` and `wget` as programs: their usage errors, then each URL in turn over one dialer whose
// ARP and FDB learning is committed at the end (see net/dialer.ts). busybox and alpine images
// have busybox's wget applet, every other userland GNU wget.

import { fail, withTraces } from '../../output'
import type { Program } from '../../program'
import type { Trace } from '../../../engine'
import type { CommandContext } from '../../context'
import { createDialer } from '../net/dialer'
import { dnsQueryTraces } from '../net/resolve'
import { parseUrl } from './url'
import { CURL_HELP, curlOne, parseCurl, writeOut } from './curl'
import { gnuOne } from './gnu-wget'
import { busyboxOne, parseWget } from './wget'

export const curl: Program = (ctx, argv) => {
  if (argv.length === 0) return fail(CURL_HELP, 2)
  const o = parseCurl(argv)
  if (typeof o === 'string') return fail(`curl: ${o}\n${CURL_HELP}`, 2)
  if (o.urls.length === 0) return fail(`curl: no URL specified!\n${CURL_HELP}`, 2)
  const dialer = createDialer(ctx)
  let stdout = ''
  let stderr = ''
  let exitCode = 0
  const dns: Trace[] = []
  for (const raw of o.urls) {
    const vars: Record<string, string> = { http_code: '000', remote_ip: '', remote_port: '0' }
    const t = curlOne(ctx, dialer, o, raw, vars)
    // The lookup is committed after the tool has read the clock (GNU wget prints it first).
    dns.push(...lookups(ctx, raw))
    stdout += t.stdout + (o.writeOut === undefined ? '' : writeOut(o.writeOut, vars))
    stderr += t.stderr
    exitCode = t.code
  }
  return withTraces({ stdout, stderr, exitCode }, [...dns, ...dialer.commit()])
}

const BUSYBOX_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n' +
  '\t[--post-data STR | --post-file FILE] [-Y on/off]\n' +
  '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n'

const GNU_USAGE = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n"

export const wget: Program = (ctx, argv) => {
  const busybox = ctx.userland === 'busybox'
  const o = parseWget(argv)
  if (typeof o === 'string')
    return busybox
      ? fail(`wget: unrecognized option '${o}'\n${BUSYBOX_USAGE}`, 1)
      : fail(`wget: unrecognized option '${o}'\n${GNU_USAGE}`, 2)
  if (o.urls.length === 0)
    return busybox ? fail(BUSYBOX_USAGE, 1) : fail(`wget: missing URL\n${GNU_USAGE}`, 1)
  const dialer = createDialer(ctx)
  let stdout = ''
  let stderr = ''
  let exitCode = 0
  const dns: Trace[] = []
  for (const raw of o.urls) {
    const t = (busybox ? busyboxOne : gnuOne)(ctx, dialer, o, raw)
    dns.push(...lookups(ctx, raw))
    stdout += t.stdout
    stderr += t.stderr
    exitCode = t.code || exitCode
    // busybox wget dies at the first failure.
    if (busybox && t.code) break
  }
  return withTraces({ stdout, stderr, exitCode }, [...dns, ...dialer.commit()])
}

/** The embedded-DNS query for a URL's host name, as libc sends it before connecting. */
function lookups(ctx: CommandContext, raw: string): Trace[] {
  const host = parseUrl(raw)?.host
  return host === undefined ? [] : dnsQueryTraces(ctx, host)
}
