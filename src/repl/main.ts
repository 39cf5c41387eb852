// `npm run repl`: the headless command runner. Reads command lines from stdin and prints what
// the terminal would print; with `--json`, exactly one JSON object per input line on stdout:
// {"command": "...", "stdout": "...", "stderr": "...", "exitCode": 0}.

import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createEngine, hostId, type WorldSpec } from '../engine'
import { createSession } from '../cli'
import { DEFAULT_SEED, DEFAULT_WORLD } from '../scenarios/default-world'
import { parseWorldFile } from '../scenarios/world-file'

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string' },
    // A world described as JSON (README, "Worlds"); the shell starts on its first host.
    world: { type: 'string' },
  },
})
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed)

function worldFrom(file: string | undefined): WorldSpec {
  if (file === undefined) return DEFAULT_WORLD
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    process.stderr.write(`repl: ${file}: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(2)
  }
  const parsed = parseWorldFile(text, file)
  if (!parsed.ok) {
    process.stderr.write(`repl: ${parsed.error}\n`)
    process.exit(2)
  }
  return parsed.spec
}

const spec = worldFrom(values.world)
const engine = createEngine({ seed, spec })
const session = createSession(engine, hostId(spec.hosts[0]?.hostname ?? 'host1'))
const interactive = process.stdin.isTTY && !values.json

const rl = createInterface({ input: process.stdin, terminal: interactive })
if (interactive) process.stdout.write(session.prompt())
rl.on('line', (line) => {
  const result = session.run(line)
  if (values.json) {
    const { traces, ...printed } = result
    // The last packet sent, and the answer that came back to it, if any.
    const all = traces ?? []
    const at = all.findLastIndex((t) => t.direction !== 'reply')
    const request = all[at]
    const reply = all[at + 1]?.direction === 'reply' ? all[at + 1] : undefined
    const trace = request && {
      verdict: request.verdict,
      steps: request.steps,
      ...(reply ? { reply: { verdict: reply.verdict, steps: reply.steps } } : {}),
    }
    process.stdout.write(
      `${JSON.stringify({ command: line, ...printed, ...(trace ? { trace } : {}) })}\n`,
    )
  } else {
    process.stdout.write(result.stdout)
    process.stderr.write(result.stderr)
  }
  if (interactive) process.stdout.write(session.prompt())
})
// Ctrl-C: stops a program holding the terminal (`nc -l`), or abandons the line, as bash does.
rl.on('SIGINT', () => {
  const result = session.interrupt()
  process.stdout.write(`^C\n${result.stdout}`)
  process.stderr.write(result.stderr)
  rl.write(null, { ctrl: true, name: 'u' })
  process.stdout.write(session.prompt())
})
