import { describe, expect, it } from 'vitest'
import { createEngineClient } from '../../src/worker/client'
import { loopbackTransport, type LoopbackTransport } from '../helpers/loopback'

describe('engine client', () => {
  it('resolves ready with the snapshot and exec with the command output', async () => {
    const client = createEngineClient({ seed: 1, connect: loopbackTransport })
    const snapshot = await client.ready
    expect(snapshot.records['host:host1']).toMatchObject({ kind: 'host', hostname: 'host1' })
    const reply = await client.exec('docker network ls -q')
    expect(reply.stdout).toMatch(/^([0-9a-f]{12}\n){3}$/)
    expect(reply.prompt).toBe('root@host1:~# ')
    expect(client.prompt()).toBe('root@host1:~# ')
  })

  it('completes a line in the engine and leaves the command log alone', async () => {
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
    await client.exec('docker run -d --name web nginx')
    expect(await client.complete('docker stop w', 13)).toEqual({
      replacement: 'docker stop web ',
      candidates: ['web'],
    })
    expect(await client.complete('docker network  ls', 15)).toEqual({
      replacement: 'docker network  ls',
      candidates: ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'],
    })
    // After a crash the new engine replays commands only, then answers completions again.
    transports[0]?.crash('worker died')
    expect((await client.complete('docker stop w', 13)).replacement).toBe('docker stop web ')
    const replayed = transports[1]?.received.filter((m) => m.type === 'reply') ?? []
    expect(replayed).toHaveLength(1)
  })

  it('starts a new engine after a crash and answers pending requests there', async () => {
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
    const before = (await client.exec('docker network ls')).stdout
    transports[0]?.crash('worker died')
    const after = await client.exec('docker network ls')
    expect(transports).toHaveLength(2)
    expect(after.stdout).toBe(before)
  })
})
