// `npm test`: every check in one command — type-check, lint, format, then the unit, component,
// end-to-end and kernel cross-check tests in one Vitest run — and closing summary lines
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

console.log('\n▶ tests (unit, dom, e2e, kernel)')
mkdirSync('test-results', { recursive: true })
rmSync(report, { force: true })
rmSync(agreement, { force: true })
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'unit',
    '--project',
    'dom',
    '--project',
    'e2e',
    '--project',
    'kernel',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  { stdio: 'inherit' },
)
if (vitest.status !== 0) failed.push('tests')

let passed = 0
let failedTests = 0
let skipped = 0
try {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed = json.numPassedTests
  failedTests = json.numFailedTests
  skipped = json.numPendingTests + json.numTodoTests
} catch {
  failed.push('test report')
}

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
