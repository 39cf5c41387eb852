// Undo and redo in the engine client: a fresh engine replays the command log up to the last
// change; redo runs the undone part again, and the engine's determinism gives back the same world.

import { describe, expect, it } from 'vitest'
import type { ContainerRecord, Snapshot } from '../../src/engine'
import { createEngineClient, type EngineClient } from '../../src/worker/client'
import { FIRST_SESSION } from '../../src/worker/protocol'
import { loopbackTransport, type LoopbackTransport } from '../helpers/loopback'

type Lab = { readonly client: EngineClient; readonly transports: LoopbackTransport[] }

async function lab(lines: readonly string[] = []): Promise<Lab> {
  const transports: LoopbackTransport[] = []
  const client = createEngineClient({
    seed: 1,
    connect: () => {
      const t = loopbackTransport()
      transports.push(t)
      return t
    },
  })
  await client.ready
  for (const line of lines) await client.exec(line)
  return { client, transports }
}

function container(client: EngineClient, name: string): ContainerRecord | undefined {
  const records = Object.values(client.snapshot()?.records ?? {})
  return records.find((r): r is ContainerRecord => r.kind === 'container' && r.name === name)
}

const BUILD = [
  'docker network create net1',
  'docker run -d --name web nginx',
  'docker network connect net1 web',
]

describe('engine client history', () => {
  it('undoes a connect and redoes it with the same ids, MACs and addresses', async () => {
    const { client } = await lab(BUILD)
    const connected = client.snapshot() as Snapshot
    expect(container(client, 'web')?.networks).toEqual(['bridge', 'net1'])
    expect(client.history()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'docker network connect net1 web',
    })

    const undone = await client.undo()
    expect(undone?.label).toBe('docker network connect net1 web')
    expect(container(client, 'web')?.networks).toEqual(['bridge'])
    expect(container(client, 'web')?.endpoints.map((e) => e.network)).not.toContain('net1')
    expect(client.history()).toMatchObject({
      undoLabel: 'docker run -d --name web nginx',
      redoLabel: 'docker network connect net1 web',
    })
    expect(
      (await client.exec('docker inspect -f "{{len .NetworkSettings.Networks}}" web')).stdout,
    ).toBe('1\n')

    const redone = await client.redo()
    expect(redone?.label).toBe('docker network connect net1 web')
    expect(client.snapshot()?.records).toEqual(connected.records)
    expect(container(client, 'web')?.endpoints).toEqual(
      (connected.records[container(client, 'web')?.id ?? ''] as ContainerRecord).endpoints,
    )
    expect(client.history()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'docker network connect net1 web',
    })
  })

  it('shows listeners the world once, with unchanged records kept, and the same as a fresh run', async () => {
    const { client } = await lab()
    client.setView({ level: 'docker', rules: false })
    for (const line of BUILD) await client.exec(line)
    const before = client.snapshot() as Snapshot
    const seen: Array<Snapshot> = []
    const graphs: number[] = []
    client.subscribe((s) => seen.push(s))
    client.onGraph(() => graphs.push(1))
    await client.undo()
    expect(seen).toHaveLength(1)
    expect(graphs).toHaveLength(1)
    expect(seen[0]?.records['host:host1']).toBe(before.records['host:host1'])

    const fresh = await lab(BUILD.slice(0, 2))
    fresh.client.setView({ level: 'docker', rules: false })
    await fresh.client.exec('true')
    expect(client.snapshot()?.records).toEqual(fresh.client.snapshot()?.records)
    expect(client.graph()?.elements).toEqual(fresh.client.graph()?.elements)
    // Patches after the undo apply on the replayed world's revision.
    await client.exec('docker network create net2')
    await fresh.client.exec('docker network create net2')
    expect(client.snapshot()?.records).toEqual(fresh.client.snapshot()?.records)
  })

  it('takes no step for commands that change nothing', async () => {
    const { client } = await lab([
      'docker network create net1',
      'docker ps',
      'docker network create net1',
      'docker network ls',
    ])
    expect(client.history().undoLabel).toBe('docker network create net1')
    const step = await client.undo()
    expect(step?.label).toBe('docker network create net1')
    expect(client.history()).toEqual({
      canUndo: false,
      canRedo: true,
      redoLabel: 'docker network create net1',
    })
    expect(await client.undo()).toBeNull()
    expect((await client.exec('docker network ls --format "{{.Name}}"')).stdout).toBe(
      'bridge\nhost\nnone\n',
    )
  })

  it('forgets what was undone when a new change is made', async () => {
    const { client } = await lab(['docker network create a', 'docker network create b'])
    await client.undo()
    expect(client.history().canRedo).toBe(true)
    const histories: boolean[] = []
    client.onHistory((h) => histories.push(h.canRedo))
    await client.exec('docker ps')
    expect(client.history().canRedo).toBe(true)
    await client.exec('docker network create c')
    expect(histories).toEqual([false])
    expect(client.history()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'docker network create c',
    })
    expect(await client.redo()).toBeNull()
    await client.undo()
    const ls = await client.exec('docker network ls --format "{{.Name}}"')
    expect(ls.stdout).toBe('a\nbridge\nhost\nnone\n')
  })

  it('forgets what was undone when a line moves a shell elsewhere', async () => {
    const { client } = await lab(['docker run -dit --name c1 busybox', 'docker network create a'])
    await client.undo()
    await client.exec('docker ps')
    expect(client.history().canRedo).toBe(true)
    // Redone now, `docker network create a` would run in c1's shell.
    await client.exec('docker exec -it c1 sh')
    expect(client.history().canRedo).toBe(false)
  })

  it('replays the undone log after a crash', async () => {
    const { client, transports } = await lab(BUILD)
    await client.undo()
    transports[0]?.crash('worker died')
    const reply = await client.exec('docker inspect -f "{{len .NetworkSettings.Networks}}" web')
    expect(reply.stdout).toBe('1\n')
    expect(transports).toHaveLength(2)
    // The new engine ran the two commands left, then the one just sent.
    expect(transports[1]?.received.filter((m) => m.type === 'reply')).toHaveLength(3)
    const step = await client.redo()
    expect(step?.label).toBe('docker network connect net1 web')
    expect(container(client, 'web')?.networks).toEqual(['bridge', 'net1'])
  })

  it('gives each session the prompt it had, and drops sessions opened after the change', async () => {
    const { client } = await lab(['docker run -dit --name c1 busybox', 'docker exec -it c1 sh'])
    expect(client.prompt()).toBe('/ # ')
    const second = await client.openSession()
    await client.exec('docker network create net1', second.session)
    const third = await client.openSession()
    await client.exec('hostname', FIRST_SESSION)

    const undone = await client.undo()
    expect(undone?.label).toBe('docker network create net1')
    expect(undone?.prompts).toEqual(
      new Map([
        [FIRST_SESSION, '/ # '],
        [second.session, 'root@host1:~# '],
      ]),
    )
    expect(undone?.prompts.has(third.session)).toBe(false)
    expect(client.prompt()).toBe('/ # ')
    // The first session's shell is still inside c1.
    expect((await client.exec('hostname')).stdout).toBe(
      `${container(client, 'c1')?.containerId.slice(0, 12)}\n`,
    )

    const redone = await client.redo()
    expect([...(redone?.prompts.keys() ?? [])]).toEqual([
      FIRST_SESSION,
      second.session,
      third.session,
    ])
  })

  it('brings back a session closed after the undone change', async () => {
    const { client } = await lab()
    const second = await client.openSession()
    await client.exec('docker network create net1')
    client.closeSession(second.session)
    await client.exec('docker network ls')
    expect(client.history().undoLabel).toBe('docker network create net1')
    const undone = await client.undo()
    expect([...(undone?.prompts.keys() ?? [])]).toEqual([FIRST_SESSION, second.session])
  })

  it('does not take the change a closing session makes for the next command’s', async () => {
    const { client } = await lab()
    const second = await client.openSession()
    // Its UTS namespace's shell ends with the terminal: closing the tab changes the world.
    await client.exec('unshare -u bash', second.session)
    client.closeSession(second.session)
    await client.exec('docker ps')
    expect(client.history().undoLabel).toBe('unshare -u bash')
  })

  it('waits for a pending command before undoing', async () => {
    const { client } = await lab(['docker network create a'])
    const running = client.exec('docker network create b')
    const undone = client.undo()
    expect((await running).exitCode).toBe(0)
    expect((await undone)?.label).toBe('docker network create b')
  })
})
