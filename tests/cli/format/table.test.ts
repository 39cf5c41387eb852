import { describe, expect, it } from 'vitest'
import { formatTable } from '../../../src/cli/format/table'

describe('formatTable (tabwriter minwidth 10, padding 3)', () => {
  it('pads each column to its widest cell + 3, at least 10, and leaves the last unpadded', () => {
    expect(
      formatTable([
        ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
        ['0123456789ab', 'a-very-long-name', 'bridge', 'local'],
      ]),
    ).toBe(
      'NETWORK ID     NAME               DRIVER    SCOPE\n' +
        '0123456789ab   a-very-long-name   bridge    local\n',
    )
  })
})
