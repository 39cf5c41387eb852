// ssh between the hosts of a world: a login shell there until exit, one command run there, and
// OpenSSH's errors.

import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, hostId } from '../../../src/engine'
import { DEFAULT_EPOCH, defaultHost } from '../../../src/scenarios/default-world'

function twoHosts() {
  const engine = createEngine({
    seed: 1,
    spec: {
      epoch: DEFAULT_EPOCH,
      segments: [{ name: 'lan', subnet: '10.10.0.0/24', gateway: '10.10.0.1', internet: true }],
      hosts: [defaultHost('host1', '10.10.0.11/24'), defaultHost('host2', '10.10.0.12/24')],
    },
  })
  return createSession(engine, hostId('host1'))
}

describe('ssh', () => {
  it('logs in to another host: its banner, its prompt, its docker; exit comes back', () => {
    const s = twoHosts()
    const login = s.run('ssh host2')
    expect(login.stdout).toContain('Linux host2 6.1.0-28-amd64')
    expect(login.stdout).toContain('Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY')
    expect(s.prompt()).toBe('root@host2:~# ')
    expect(s.run('hostname').stdout).toBe('host2\n')
    s.run('docker network create only-on-host2')
    expect(s.run('docker network ls --format {{.Name}}').stdout).toContain('only-on-host2')
    expect(s.run('exit')).toEqual({
      stdout: 'logout\n',
      stderr: 'Connection to host2 closed.\n',
      exitCode: 0,
    })
    expect(s.prompt()).toBe('root@host1:~# ')
    expect(s.run('docker network ls --format {{.Name}}').stdout).not.toContain('only-on-host2')
  })

  it('reaches a host by address and as root@, and runs one command there', () => {
    const s = twoHosts()
    expect(s.run('ssh root@10.10.0.12 hostname')).toMatchObject({ stdout: 'host2\n', exitCode: 0 })
    expect(s.prompt()).toBe('root@host1:~# ')
    s.run('ssh 10.10.0.12')
    expect(s.prompt()).toBe('root@host2:~# ')
    expect(s.run('exit').stderr).toBe('Connection to 10.10.0.12 closed.\n')
  })

  it('prints OpenSSH’s errors for an unknown host and a missing destination', () => {
    const s = twoHosts()
    expect(s.run('ssh host9')).toEqual({
      stdout: '',
      stderr: 'ssh: Could not resolve hostname host9: Name or service not known\n',
      exitCode: 255,
    })
    const usage = s.run('ssh')
    expect(usage.exitCode).toBe(255)
    expect(usage.stderr).toMatch(/^usage: ssh \[-46AaCfGgKkMNnqsTtVvXxYy\]/)
  })
})
