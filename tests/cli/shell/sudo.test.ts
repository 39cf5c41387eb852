import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

describe('sudo on the host (the tutorials type it; the shell is root already)', () => {
  it('runs the command as it is, options or not', () => {
    const lab = createTestLab()
    expect(lab.run('sudo ip link add name veth1 type veth peer name veth1-peer').exitCode).toBe(0)
    expect(lab.run('sudo -E ip -br link show veth1').stdout).toMatch(/^veth1@veth1-peer +DOWN /)
    expect(lab.run('sudo -u root hostname').stdout).toBe('host1\n')
  })

  it('says so when there is nothing to run or no such program', () => {
    const lab = createTestLab()
    expect(lab.run('sudo').stderr).toMatch(/^usage: sudo -h \| -K \| -k \| -V\n/)
    expect(lab.run('sudo nope')).toEqual({
      stdout: '',
      stderr: 'sudo: nope: command not found\n',
      exitCode: 1,
    })
  })
})
