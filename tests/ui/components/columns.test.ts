import { describe, expect, it } from 'vitest'
import { formatColumns } from '../../../src/ui/components/Terminal/columns'

const NETWORK = ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm']

describe('completion candidates in columns, as readline lists them', () => {
  it('fills columns top to bottom, each as wide as the longest word plus two', () => {
    expect(formatColumns(NETWORK, 80)).toBe(
      'connect     disconnect  ls          rm\ncreate      inspect     prune\n',
    )
  })

  it('uses one column per line when the terminal is narrow', () => {
    expect(formatColumns(['alpha', 'beta'], 6)).toBe('alpha\nbeta\n')
  })

  it('keeps one column free when the columns would fill the line exactly', () => {
    expect(formatColumns(['ab', 'cd', 'ef'], 12)).toBe('ab  ef\ncd\n')
  })

  it('prints nothing for no candidates', () => {
    expect(formatColumns([], 80)).toBe('')
  })
})
