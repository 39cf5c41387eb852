import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

function repl(input: string, args: string[] = []): string {
  // Exactly the README's command: `npm run --silent repl -- --json`.
  return execFileSync('npm', ['run', '--silent', 'repl', '--', ...args], {
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

  it('loads a world file with --world: two hosts, ssh from one to the other', () => {
    const out = repl('hostname\nssh host2\nhostname\nexit\nhostname\n', [
      '--world',
      'public/worlds/two-hosts.json',
    ])
    expect(out).toMatch(/^host1\nLinux host2 6\.1\.0/)
    expect(out).toMatch(/permitted by applicable law\.\nhost2\nlogout\nhost1\n$/)
  })

  it('refuses a malformed world file with a clear error and exit status 2', () => {
    let error: { status?: number; stderr?: string } = {}
    try {
      execFileSync('npm', ['run', '--silent', 'repl', '--', '--world', 'package.json'], {
        input: '',
        encoding: 'utf8',
        stdio: 'pipe',
      })
    } catch (e) {
      error = e as typeof error
    }
    expect(error.status).toBe(2)
    expect(error.stderr).toContain('repl: package.json: segments: expected a list')
  })

  it('replays a walkthrough (seed 004, exercise 01) through the real process, one JSON line each', () => {
    const script = [
      'docker network create 1-default_default',
      'docker run -dit --name server --network 1-default_default busybox',
      'docker run -dit --name client --network 1-default_default busybox',
      'docker network ls --format "{{.Name}}"',
      'docker exec server hostname -i',
      'docker exec client cat /etc/resolv.conf | grep nameserver',
    ]
    const results = repl(`${script.join('\n')}\n`, ['--json'])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { command: string; stdout: string; exitCode: number })
    expect(results.map((r) => r.command)).toEqual(script)
    expect(results.every((r) => r.exitCode === 0)).toBe(true)
    expect(results[3]?.stdout).toBe('1-default_default\nbridge\nhost\nnone\n')
    expect(results[4]?.stdout).toBe('172.18.0.2\n')
    expect(results[5]?.stdout).toBe('nameserver 127.0.0.11\n')
  })

  it('adds the packet trace to the JSON of a command that sent packets', () => {
    const script = [
      'docker network create net1',
      'docker run -d --name c1 --network net1 busybox sleep 1000',
      'docker run -d --name c2 --network net1 busybox sleep 1000',
      'trace c1 c2',
      'docker run -d --name c3 busybox sleep 1000',
      'trace c1 c3',
    ]
    const results = repl(`${script.join('\n')}\n`, ['--json'])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(results[0]).not.toHaveProperty('trace')
    const same = results[3]?.trace as { verdict: string; steps: { kind: string }[] }
    expect(same.verdict).toBe('delivered')
    expect(same.steps.map((st) => st.kind)).toContain('bridge')
    const across = results[5]?.trace as { verdict: string; steps: { kind: string }[] }
    expect(across.verdict).toBe('dropped')
    expect(across.steps.map((st) => st.kind)).toContain('netfilter')
  })
})
