// The kernel cross-check (issue 8): every scenario's world replayed on this machine's kernel in
// fresh network namespaces, every probe sent through the simulator and through the kernel, the
// two verdicts compared. Prints `kernel agreement: N/M probes`; any disagreement fails, with the
// probe, both verdicts and the simulator's trace. Needs root, iproute2, iptables and ping: where
// they are missing it skips, except in CI (CI=true), where it fails (.ci/run installs them).

import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { runScenario, type Expected, type ProbeResult } from './crosscheck'
import type { Outcome } from './replay'
import { missingTools, namespacesWith, Replay, sweepLeftovers } from './replay'
import { SCENARIOS } from './scenarios'

const missing = missingTools()
const inCi = process.env.CI === 'true'
const results: ProbeResult[] = []

/** `answered (by host1-ns2, saw 10.10.0.50)`, `no answer (Network is unreachable)`. */
function said(o: Expected | Outcome): string {
  const by = o.by === undefined ? [] : [`by ${o.by}`, `saw ${o.saw ?? '?'}`]
  const detail = 'detail' in o ? [o.detail] : []
  const all = [...detail, ...by]
  return all.length > 0 ? `${o.verdict} (${all.join(', ')})` : o.verdict
}

function agreementLine(): string {
  const agree = results.filter((r) => r.agrees).length
  return `kernel agreement: ${agree}/${results.length} probes`
}

// Without the tools: a failing test in CI, a skipped suite elsewhere; with them, no test skips.
if (missing.length > 0 && inCi) {
  describe('kernel cross-check in CI', () => {
    it('has root, iproute2, iptables and ping', () => {
      expect(missing, 'the kernel cross-check cannot run in CI without these').toEqual([])
    })
  })
}

describe.skipIf(missing.length > 0)('kernel cross-check', () => {
  sweepLeftovers()

  afterAll(() => {
    // Whatever happened, nothing of this run is left on the machine.
    expect(namespacesWith(`dnlxc-${process.pid}-`)).toEqual([])
    const line = agreementLine()
    const rows = SCENARIOS.flatMap((s) => [
      ...(s.note ? [`note ${s.name}: ${s.note}`] : []),
      ...results
        .filter((r) => r.scenario === s.name)
        .map(
          (r) =>
            `${r.agrees ? 'ok  ' : 'DIFF'} ${r.scenario}: ${r.probe}: simulator ${said(r.simulator)}; kernel ${said(r.kernel)}`,
        ),
    ])
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/kernel-agreement.txt', `${[...rows, line].join('\n')}\n`)
    console.log(line)
  })

  it('removes every namespace of a replay that failed half way', async () => {
    const r = new Replay()
    const script = [`ip netns add ${r.ns('a')}`, `ip netns add ${r.ns('b')}`, 'false'].join('\n')
    await expect(r.sh(script)).rejects.toThrow(/replay failed \(exit 1\)/)
    expect(r.leftovers()).toHaveLength(2)
    await r.cleanup()
    expect(r.leftovers()).toEqual([])
  })

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const mine = await runScenario(scenario)
      results.push(...mine)
      const diffs = mine.filter((r) => !r.agrees)
      const report = diffs.map(
        (r) =>
          `${r.probe}\n  simulator: ${said(r.simulator)}\n  kernel:    ${said(r.kernel)}\n  the simulator's trace:\n${r.trace.replace(/^/gm, '    ')}`,
      )
      expect(
        report.join('\n'),
        `${diffs.length} of ${mine.length} probes disagree${scenario.note ? ` (note: ${scenario.note})` : ''}`,
      ).toBe('')
    })
  }
})

if (missing.length > 0 && !inCi) {
  console.warn(`kernel cross-check skipped: missing ${missing.join(', ')}`)
}
