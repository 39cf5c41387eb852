// GUI actions in a world of several hosts go to the daemon of the element's host: at a tab
// already on that host, else by `ssh HOST LINE` from the host prompt the terminal is at.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dropCommand } from '../../../src/ui/components/GraphView/drop-command'
import { activeTab, createLabStore } from '../../../src/ui/store/lab-store'
import { parseWorldFile } from '../../../src/scenarios/world-file'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function twoHostLab() {
  const parsed = parseWorldFile(readFileSync('public/worlds/two-hosts.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const client = createEngineClient({ seed: 1, world: parsed.spec, connect: loopbackTransport })
  const store = createLabStore(client)
  await client.ready
  return store
}

const commands = (store: Awaited<ReturnType<typeof twoHostLab>>) =>
  activeTab(store.getState()).entries.flatMap((e) => (e.kind === 'command' ? [e.line] : []))

describe('GUI actions across hosts', () => {
  it('runs on the element’s host by ssh when the terminal is on another host', async () => {
    const store = await twoHostLab()
    const reply = await store.getState().runAction('docker network create back', 'host2')
    expect(reply.exitCode).toBe(0)
    expect(commands(store)).toEqual(['ssh host2 docker network create back'])
    const names = Object.values(store.getState().snapshot?.records ?? {}).flatMap((r) =>
      r.kind === 'network' && r.name === 'back' ? [r.host] : [],
    )
    expect(names).toEqual(['host:host2'])
  })

  it('uses a tab already at that host’s prompt as is', async () => {
    const store = await twoHostLab()
    await store.getState().runCommand('ssh host2')
    await store.getState().runAction('docker network create back', 'host2')
    expect(commands(store)).toEqual(['ssh host2', 'docker network create back'])
  })

  it('builds drop commands for the container’s host, never across daemons', async () => {
    const store = await twoHostLab()
    await store.getState().runAction('docker run -d --name db busybox sleep 1d', 'host2')
    await store.getState().runCommand('docker network create front')
    const records = Object.values(store.getState().snapshot?.records ?? {})
    const db = records.find((r) => r.kind === 'container' && r.name === 'db')
    const front = records.find((r) => r.kind === 'network' && r.name === 'front')
    const bridge2 = records.find(
      (r) => r.kind === 'network' && r.name === 'bridge' && r.host === 'host:host2',
    )
    if (!db || !front || !bridge2) throw new Error('world not built')
    const snapshot = store.getState().snapshot
    expect(
      dropCommand(snapshot, { kind: 'connect', container: db.id, network: front.id }),
    ).toBeNull()
    expect(
      dropCommand(snapshot, { kind: 'disconnect', container: db.id, network: bridge2.id }),
    ).toEqual({
      line: 'docker network disconnect bridge db',
      host: 'host2',
    })
  })

  it('connects a container to an overlay drawn on another host, on its own daemon', async () => {
    const store = await twoHostLab()
    await store.getState().runCommand('docker swarm init')
    await store.getState().runCommand('docker network create -d overlay --attachable ov')
    await store.getState().runAction('docker run -d --name web busybox sleep 1d', 'host2')
    const records = Object.values(store.getState().snapshot?.records ?? {})
    const web = records.find((r) => r.kind === 'container' && r.name === 'web')
    const ov = records.find((r) => r.kind === 'network' && r.name === 'ov')
    if (web?.kind !== 'container' || ov?.kind !== 'network') throw new Error('world not built')
    expect(ov.host).toBe('host:host1')
    const snapshot = store.getState().snapshot
    expect(dropCommand(snapshot, { kind: 'connect', container: web.id, network: ov.id })).toEqual({
      line: 'docker network connect ov web',
      host: 'host2',
    })
  })
})
