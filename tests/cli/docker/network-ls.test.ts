import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'
import { allNetworks } from '../../../src/engine'

describe('docker network ls', () => {
  it('lists the three default networks in Docker’s table format, sorted by name', () => {
    const lab = createTestLab()
    const ids = Object.fromEntries(
      allNetworks(lab.world.hosts['host1' as never]?.daemon).map((n) => [
        n.name,
        n.id.slice(0, 12),
      ]),
    )
    expect(lab.run('docker network ls')).toEqual({
      stdout:
        'NETWORK ID     NAME      DRIVER    SCOPE\n' +
        `${ids.bridge}   bridge    bridge    local\n` +
        `${ids.host}   host      host      local\n` +
        `${ids.none}   none      null      local\n`,
      stderr: '',
      exitCode: 0,
    })
  })

  it('prints only IDs with -q, full IDs with --no-trunc, and answers to its alias list', () => {
    const lab = createTestLab()
    expect(lab.run('docker network ls -q').stdout).toMatch(/^([0-9a-f]{12}\n){3}$/)
    expect(lab.run('docker network ls --no-trunc -q').stdout).toMatch(/^([0-9a-f]{64}\n){3}$/)
    expect(lab.run('docker network list').stdout).toBe(lab.run('docker network ls').stdout)
  })

  it('rejects unknown flags and arguments as the docker CLI does', () => {
    const lab = createTestLab()
    const usage =
      "\n\nUsage:  docker network ls [OPTIONS]\n\nRun 'docker network ls --help' for more information\n"
    expect(lab.run('docker network ls --nme')).toEqual({
      stdout: '',
      stderr: `unknown flag: --nme${usage}`,
      exitCode: 125,
    })
    expect(lab.run('docker network ls -x').stderr).toBe(`unknown shorthand flag: 'x' in -x${usage}`)
    expect(lab.run('docker network ls --format').stderr).toBe(
      `flag needs an argument: --format${usage}`,
    )
    expect(lab.run('docker network ls extra')).toEqual({
      stdout: '',
      stderr: `docker: 'docker network ls' accepts no arguments${usage}`,
      exitCode: 1,
    })
  })

  it('prints its help with --help', () => {
    const { stdout, exitCode } = createTestLab().run('docker network ls --help')
    expect(exitCode).toBe(0)
    expect(
      stdout.startsWith('Usage:  docker network ls [OPTIONS]\n\nList networks\n\nAliases:\n'),
    ).toBe(true)
  })
})

describe('docker', () => {
  it('answers an unknown command as the 28.x CLI does', () => {
    expect(createTestLab().run('docker foo')).toEqual({
      stdout: '',
      stderr: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n",
      exitCode: 1,
    })
    expect(createTestLab().run('docker network foo')).toEqual({
      stdout: '',
      stderr:
        "docker: unknown command: docker network foo\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n",
      exitCode: 1,
    })
  })

  it('prints the engine version', () => {
    const lab = createTestLab()
    expect(lab.run('docker --version').stdout).toBe('Docker version 28.5.2, build ecc6942\n')
    const { stdout } = lab.run('docker version')
    expect(stdout).toContain(
      'Client: Docker Engine - Community\n Version:           28.5.2\n API version:       1.51\n',
    )
    expect(stdout).toContain(
      '\nServer: Docker Engine - Community\n Engine:\n  Version:          28.5.2\n',
    )
    expect(stdout).toContain('  API version:      1.51 (minimum version 1.24)\n')
  })
})

describe('the shell', () => {
  it('answers an unknown command with bash’s text and exit code 127', () => {
    expect(createTestLab().run('foo')).toEqual({
      stdout: '',
      stderr: 'bash: foo: command not found\n',
      exitCode: 127,
    })
  })

  it('does nothing for an empty line or a comment', () => {
    expect(createTestLab().run('   ')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(createTestLab().run('# docker network ls')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    })
  })

  it('prints the hostname', () => {
    expect(createTestLab().run('hostname').stdout).toBe('host1\n')
  })
})
