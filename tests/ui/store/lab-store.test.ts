// The store's terminal tabs and GUI actions, on a real engine through the loopback transport.

import { describe, expect, it } from 'vitest'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function lab(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  await client.ready
  return store
}

describe('lab store', () => {
  it('runs GUI actions at a host prompt, not in a container shell or as a program’s input', async () => {
    const store = await lab()
    const s = () => store.getState()
    await s().runCommand('docker run -dit --name c1 busybox')
    await s().runCommand('docker exec -it c1 sh')
    expect(activeTab(s()).prompt).toBe('/ # ')
    // No tab is at the host's prompt: the action opens one and runs there.
    await s().runAction('docker ps --format "{{.Names}}"')
    expect(s().terminals).toHaveLength(2)
    const second = activeTab(s())
    expect(second.prompt).toBe('root@host1:~# ')
    expect(second.entries.map((e) => (e.kind === 'command' ? e.line : ''))).toContain(
      'docker ps --format "{{.Names}}"',
    )
    // Back in the first tab (still in c1), the action goes to the second tab again.
    s().showTerminal(1)
    await s().runAction('docker network ls -q')
    expect(s().terminals).toHaveLength(2)
    expect(s().activeTerminal).toBe(second.id)
  })

  it('opens the trace of a command that sent packets in the player', async () => {
    const store = await lab()
    const s = () => store.getState()
    await s().runCommand('docker network create net1')
    await s().runCommand('docker run -d --name c1 --network net1 busybox sleep 1000')
    await s().runCommand('docker run -d --name c2 --network net1 busybox sleep 1000')
    expect(s().trace).toBeNull()
    await s().runCommand('docker exec c1 ping -c 1 c2')
    expect(s().trace?.title).toBe('docker exec c1 ping -c 1 c2')
    expect(s().trace?.trace.verdict).toBe('delivered')
    s().showTraceStep(99)
    expect(s().traceStep).toBe((s().trace?.trace.steps.length ?? 0) - 1)
    s().closeTrace()
    expect(s().trace).toBeNull()
  })
})
