// A router joining two LANs (seed 002's layout: two hosts on one subnet, a third behind a
// router): it forwards between the LANs that name it, both ways; LANs of different routers, or
// none, stay apart.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, hostId } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'

function seed002(edit: (w: Record<string, unknown>) => void = () => undefined) {
  const json = JSON.parse(readFileSync('public/worlds/seed-002.json', 'utf8')) as Record<
    string,
    unknown
  >
  edit(json)
  const parsed = parseWorldFile(JSON.stringify(json))
  if (!parsed.ok) throw new Error(parsed.error)
  return createSession(createEngine({ seed: 1, spec: parsed.spec }), hostId('docker01'))
}

describe('a router joining two LANs', () => {
  it('forwards a ping from docker01 (lan) to docker03 (lan2) and the reply back', () => {
    const s = seed002()
    const ping = s.run('ping -c 1 docker03')
    expect(ping.stdout).toContain('1 packets transmitted, 1 received')
    const [request, reply] = ping.traces ?? []
    expect(request?.verdict).toBe('delivered')
    expect(reply?.verdict).toBe('delivered')
    const routed = (request?.steps ?? []).filter((st) => st.what.startsWith('the router router1'))
    expect(routed.map((st) => st.what)).toEqual([
      'the router router1 forwards to 10.20.0.13 on the LAN lan2 (10.20.0.0/24), from its address 10.20.0.1',
    ])
    expect(request?.steps.at(-1)?.where.host).toBe('docker03')
    expect(
      (reply?.steps ?? []).some((st) => st.what.includes('on the LAN lan (10.10.0.0/24)')),
    ).toBe(true)
  })

  it('reaches a container port published on docker03 from docker01', () => {
    const s = seed002()
    s.run('ssh docker03 docker run -d --name web -p 8080:80 nginx')
    const curl = s.run('curl -s -o /dev/null -w "%{http_code}\\n" http://docker03:8080/')
    expect(curl.stdout).toBe('200\n')
  })

  it('keeps LANs without a shared router apart (a private address is not routed)', () => {
    const s = seed002((w) => {
      const segments = w.segments as Array<Record<string, unknown>>
      if (segments[1]) delete segments[1].router
    })
    const ping = s.run('ping -c 1 -W 1 docker03')
    expect(ping.stdout).toContain('0 received')
  })

  it('takes lan2 to the Internet through the router it shares with lan (the one with the uplink)', () => {
    const s = seed002()
    s.run('ssh docker03 docker run -d --name out3 alpine sleep 1d')
    const t = s.run('trace out3 internet')
    expect(t.stdout).toContain(
      'leaves on the LAN lan2 through the router 10.20.0.1 to the Internet',
    )
    expect(t.stdout).toContain('reply verdict: delivered')
  })
})
