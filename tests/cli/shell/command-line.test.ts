import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../../src/cli/shell/command-line'
import { createTestLab } from '../../helpers/lab'

describe('parseCommandLine', () => {
  it('splits lists and pipelines outside quotes', () => {
    expect(parseCommandLine(`a 'x|y' | b -v && c || d; e`)).toEqual({
      ok: true,
      value: [
        {
          join: ';',
          pipeline: [
            ['a', 'x|y'],
            ['b', '-v'],
          ],
        },
        { join: '&&', pipeline: [['c']] },
        { join: '||', pipeline: [['d']] },
        { join: ';', pipeline: [['e']] },
      ],
    })
  })

  it('reports a misplaced operator as bash does', () => {
    expect(parseCommandLine('| grep x')).toEqual({
      ok: false,
      error: "syntax error near unexpected token `|'",
    })
  })
})

describe('the shell runs pipelines and lists', () => {
  it('pipes output through grep, head and wc', () => {
    const lab = createTestLab()
    expect(lab.run('docker network ls | grep bridge').stdout).toMatch(
      /^[0-9a-f]{12} {3}bridge {4}bridge {4}local\n$/,
    )
    expect(lab.run('docker network ls | grep -v NAME | wc -l').stdout).toBe('3\n')
    expect(lab.run('docker network ls | head -n 1').stdout).toBe(
      'NETWORK ID     NAME      DRIVER    SCOPE\n',
    )
    expect(lab.run('docker network ls | grep nothing')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 1,
    })
  })

  it('runs && and || by exit status', () => {
    const lab = createTestLab()
    expect(lab.run('false && echo no || echo yes; echo end').stdout).toBe('yes\nend\n')
  })
})
