// `npm test`: every check in one command — type-check, lint, format, then the unit, component,
// end-to-end tests in one Vitest run and the kernel cross-check in a second — and closing summary lines
// (`tests: N passed, N failed`, `kernel agreement: N/M probes`). Exits non-zero when any step fails.

import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['format', ['npm', 'run', '--silent', 'format:check']],
]
const report = 'test-results/vitest.json'
const agreement = 'test-results/kernel-agreement.txt'
const failed = []

for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) failed.push(name)
}

mkdirSync('test-results', { recursive: true })
rmSync(agreement, { force: true })

/** One Vitest run of `projects`; its totals from the JSON report (or a failed step). */
function runVitest(label, projects, file) {
  console.log(`\n▶ tests (${label})`)
  rmSync(file, { force: true })
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])]
  const r = spawnSync(
    'npx',
    [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    { stdio: 'inherit' },
  )
  if (r.status !== 0) failed.push(`tests (${label})`)
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'))
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    }
  } catch {
    failed.push(`test report (${label})`)
    return { passed: 0, failed: 0, skipped: 0 }
  }
}

// The kernel cross-check runs on its own, after the rest: its namespaces and probes must not
// compete with the browser tests for the machine's two cores.
const totals = [
  runVitest('unit, dom, e2e', ['unit', 'dom', 'e2e'], report),
  runVitest('kernel', ['kernel'], 'test-results/vitest-kernel.json'),
]
const passed = totals.reduce((n, t) => n + t.passed, 0)
const failedTests = totals.reduce((n, t) => n + t.failed, 0)
const skipped = totals.reduce((n, t) => n + t.skipped, 0)

console.log(`\nchecks: ${failed.length === 0 ? 'all passed' : `failed: ${failed.join(', ')}`}`)
console.log(
  `tests: ${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
)
try {
  const lines = readFileSync(agreement, 'utf8').trim().split('\n')
  console.log(lines.at(-1))
} catch {
  console.log('kernel agreement: not measured (the kernel cross-check did not run)')
}
process.exit(failed.length === 0 && failedTests === 0 && passed > 0 ? 0 : 1)
