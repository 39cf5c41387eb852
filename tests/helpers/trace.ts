// Shared by the packet-tracer tests: a lab after some commands (each must succeed), addresses
// as the engine's integers, and a container as a probe's source.

import { hostId, parseIpv4, type TraceEndpoint } from '../../src/engine'
import { createTestLab, type TestLab } from './lab'

export const HOST1 = hostId('host1')

export function ip(text: string): number {
  const v = parseIpv4(text)
  if (v === undefined) throw new Error(`bad address ${text}`)
  return v
}

export function labAfter(...commands: string[]): TestLab {
  const lab = createTestLab()
  for (const c of commands) {
    const r = lab.run(c)
    if (r.exitCode !== 0) throw new Error(`${c}: ${r.stderr}`)
  }
  return lab
}

export const ctr = (name: string): TraceEndpoint => ({
  kind: 'container',
  host: HOST1,
  container: name,
})
