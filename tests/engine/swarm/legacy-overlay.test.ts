// Seed 002 as the article ran it: Docker 1.9 daemons sharing overlay networks through consul
// (`--cluster-store`), no swarm mode; /etc/hosts carries the names.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, hostId, type Engine } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'

function legacy(): Engine {
  const parsed = parseWorldFile(readFileSync('public/worlds/seed-002-legacy.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  return createEngine({ seed: 2, spec: parsed.spec })
}

function on(e: Engine, host: string) {
  const s = createSession(e, hostId(host))
  return (line: string): string => {
    const r = s.run(line)
    if (r.exitCode !== 0) throw new Error(`${host}: ${line}: ${r.stderr}`)
    return r.stdout
  }
}

describe("seed 002's overlay on three Docker 1.9 hosts", () => {
  it('is created on one host and seen by all; eth0/eth1 swap with the way a container joins', () => {
    const e = legacy()
    const d1 = on(e, 'docker01')
    const d2 = on(e, 'docker02')
    const d3 = on(e, 'docker03')
    d1('docker network create --driver=overlay --subnet=192.168.0.0/24 vnet')
    expect(d2('docker network ls --format "{{.Name}} {{.Driver}} {{.Scope}}"')).toContain(
      'vnet overlay global',
    )
    d1('docker run -itd --name=c01 --hostname=c01 busybox')
    d1('docker network connect vnet c01')
    d2('docker run -itd --name=c02 --hostname=c02 --net=vnet busybox')
    d3('docker run -itd --name=c03 --hostname=c03 --net=vnet busybox')
    // c01: eth0 on docker0, eth1 on the overlay; c02: eth0 on the overlay, eth1 on docker_gwbridge.
    expect(d1('docker exec c01 ip -4 -o addr show')).toMatch(
      /eth0\s+inet 172\.17\.0\.2\/16[\s\S]*eth1\s+inet 192\.168\.0\.2\/24/,
    )
    expect(d2('docker exec c02 ip -4 -o addr show')).toMatch(
      /eth0\s+inet 192\.168\.0\.3\/24[\s\S]*eth1\s+inet 172\.18\.0\.2\/16/,
    )
    // The names come through /etc/hosts, on every host, as containers join.
    const hosts = d1('docker exec c01 cat /etc/hosts')
    expect(hosts).toContain('192.168.0.3\tc02\n192.168.0.3\tc02.vnet\n')
    expect(hosts).toContain('192.168.0.4\tc03\n192.168.0.4\tc03.vnet\n')
    expect(d2('docker exec c02 ping -c 1 c01')).toContain('64 bytes from 192.168.0.2')
    expect(d3('docker exec c03 ping -c 1 c02.vnet')).toContain('64 bytes from 192.168.0.3')
    // docker stop removes the entries from the others' files.
    d3('docker stop c03')
    expect(d1('docker exec c01 cat /etc/hosts')).not.toContain('c03')
  })

  it('has no swarm mode', () => {
    const e = legacy()
    const r = createSession(e, hostId('docker01')).run('docker swarm init')
    expect(r.exitCode).not.toBe(0)
  })
})
