import { describe, expect, it } from 'vitest'
import { hostId, type LinkId, type NetnsId, type SegmentId } from '../../../src/engine'
import { recordIdsOf } from '../../../src/ui/graph/trace-overlay'

const host = hostId('host1')

describe('recordIdsOf', () => {
  it('tries the device, then its namespace, then the host', () => {
    expect(recordIdsOf({ host, netns: 'ns1' as NetnsId, link: 'l7' as LinkId })).toEqual([
      'link:host1/l7',
      'netns:host1/ns1',
      'host:host1',
    ])
  })

  it('places a namespace step on the namespace', () => {
    expect(recordIdsOf({ host, netns: 'ns0' as NetnsId })).toEqual([
      'netns:host1/ns0',
      'host:host1',
    ])
  })

  it('places a LAN step on its segment', () => {
    expect(recordIdsOf({ segment: 'lan' as SegmentId })).toEqual(['segment:lan'])
    expect(recordIdsOf({ host, segment: 'lan' as SegmentId })).toEqual([
      'segment:lan',
      'host:host1',
    ])
  })
})
