import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

function repl(input: string, args: string[] = []): string {
  return execFileSync('node_modules/.bin/tsx', ['src/repl/main.ts', ...args], {
    input,
    encoding: 'utf8',
  })
}

describe('npm run repl', () => {
  it('prints exactly one JSON object per input line with --json', () => {
    const lines = repl('docker network ls\nfoo\n', ['--json']).trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    const [ls, foo] = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(Object.keys(ls ?? {})).toEqual(['command', 'stdout', 'stderr', 'exitCode'])
    expect(ls).toMatchObject({ command: 'docker network ls', stderr: '', exitCode: 0 })
    expect(String(ls?.stdout)).toMatch(/^NETWORK ID {5}NAME {6}DRIVER {4}SCOPE\n/)
    expect(foo).toEqual({
      command: 'foo',
      stdout: '',
      stderr: 'bash: foo: command not found\n',
      exitCode: 127,
    })
  })

  it('prints what the terminal would print without --json', () => {
    expect(repl('hostname\n')).toBe('host1\n')
  })
})
