import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

describe('the history builtin', () => {
  it('lists the lines the shell read, numbered like bash, itself last', () => {
    const lab = createTestLab()
    lab.run('docker ps')
    lab.run('   ')
    lab.run('foo')
    expect(lab.run('history')).toEqual({
      stdout: '    1  docker ps\n    2  foo\n    3  history\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('shows the last N lines, clears with -c, and works in a pipeline', () => {
    const lab = createTestLab()
    lab.run('hostname')
    lab.run('docker network ls')
    expect(lab.run('history 2').stdout).toBe('    2  docker network ls\n    3  history 2\n')
    expect(lab.run('history | grep network').stdout).toBe(
      '    2  docker network ls\n    4  history | grep network\n',
    )
    lab.run('history -c')
    expect(lab.run('history').stdout).toBe('    1  history\n')
  })

  it('answers bad arguments as bash does', () => {
    const lab = createTestLab()
    expect(lab.run('history abc')).toEqual({
      stdout: '',
      stderr: 'bash: history: abc: numeric argument required\n',
      exitCode: 1,
    })
    expect(lab.run('history -z').exitCode).toBe(2)
    expect(lab.run('history -z').stderr).toMatch(/^bash: history: -z: invalid option\n/)
  })

  it('keeps a separate history in a busybox shell, numbered from 0 like ash', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name box busybox sleep 1000')
    lab.run('docker exec -it box sh')
    lab.run('hostname')
    lab.run('hostname')
    expect(lab.run('history').stdout).toBe('   0 hostname\n   1 history\n')
    lab.run('exit')
    // `exit` went into the container shell's history, gone with it.
    expect(lab.run('history 2').stdout).toBe('    2  docker exec -it box sh\n    3  history 2\n')
  })
})
