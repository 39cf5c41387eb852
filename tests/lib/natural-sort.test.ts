import { describe, expect, it } from 'vitest'
import { naturalCompare } from '../../src/lib/natural-sort'

describe('naturalCompare', () => {
  it('orders digit runs by value, like the docker CLI', () => {
    expect(['net10', 'net2', 'bridge', 'net1', 'Net3', 'net02'].sort(naturalCompare)).toEqual([
      'Net3',
      'bridge',
      'net1',
      'net2',
      'net02',
      'net10',
    ])
  })
})
