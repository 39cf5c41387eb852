// `npm test`: every check in one command — type-check, lint, format, then the unit, component
// and end-to-end tests in one Vitest run — and a closing summary line `tests: N passed, N failed`.
// Exits non-zero when any step fails.

import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['format', ['npm', 'run', '--silent', 'format:check']],
]
const report = 'test-results/vitest.json'
const failed = []

for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) failed.push(name)
}

console.log('\n▶ tests (unit, dom, e2e)')
mkdirSync('test-results', { recursive: true })
rmSync(report, { force: true })
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
process.exit(failed.length === 0 && failedTests === 0 && passed > 0 ? 0 : 1)
