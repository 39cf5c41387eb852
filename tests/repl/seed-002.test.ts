// Seed 002's commands, typed into `npm run repl -- --world …` across its three hosts with ssh:
// as the article ran them (Docker 1.9, consul), and in swarm mode, today's way.

import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

type Line = { command: string; stdout: string; stderr: string; exitCode: number }

function repl(world: string, input: readonly string[]): Line[] {
  const out = execFileSync('npm', ['run', '--silent', 'repl', '--', '--json', '--world', world], {
    input: `${input.join('\n')}\n`,
    encoding: 'utf8',
  })
  return out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)
}

describe("seed 002's commands in the REPL", () => {
  it('run as the article ran them on Docker 1.9 hosts sharing consul', () => {
    const lines = repl('public/worlds/seed-002-legacy.json', [
      'docker network create --driver=overlay --subnet=192.168.0.0/24 vnet',
      'docker run -itd --name=c01 --hostname=c01 ubuntu:14.04',
      'docker network connect vnet c01',
      'ssh docker02',
      'docker run -itd --name=c02 --hostname=c02 --net=vnet ubuntu:14.04',
      'exit',
      'ssh docker03',
      'docker run -itd --name=c03 --hostname=c03 --net=vnet ubuntu:14.04',
      'exit',
      'docker exec c01 cat /etc/hosts',
      'docker exec c01 ping -c 1 c03.vnet',
    ])
    for (const l of lines) expect(l.exitCode, `${l.command}: ${l.stderr}`).toBe(0)
    expect(lines[0]?.stdout).toMatch(/^[0-9a-f]{64}\n$/)
    const hosts = lines[9]?.stdout ?? ''
    expect(hosts).toContain('192.168.0.3\tc02\n192.168.0.3\tc02.vnet\n')
    expect(hosts).toContain('172.17.0.2\tc01\n')
    expect(lines[10]?.stdout).toContain('64 bytes from 192.168.0.4')
  })
})
