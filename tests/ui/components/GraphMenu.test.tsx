import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Snapshot, SnapshotRecord } from '../../../src/engine'
import { GraphMenu } from '../../../src/ui/components/GraphMenu/GraphMenu'
import {
  menuTarget,
  shellCommand,
  type MenuTarget,
} from '../../../src/ui/components/GraphMenu/menu-target'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function lab(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  await client.ready
  await store
    .getState()
    .runLines(['docker run -d --name c1 busybox sleep 1000', 'docker run -d --name web nginx'])
  return store
}

function find(snapshot: Snapshot, test: (r: SnapshotRecord) => boolean): SnapshotRecord {
  const found = Object.values(snapshot.records).find(test)
  if (!found) throw new Error('no such record')
  return found
}

function renderMenu(store: LabStore, target: MenuTarget, onClose = vi.fn()) {
  render(
    <LabStoreContext.Provider value={store}>
      <GraphMenu target={target} at={{ x: 40, y: 30 }} onClose={onClose} />
    </LabStoreContext.Provider>,
  )
  return onClose
}

describe('menuTarget', () => {
  it('maps a container, its namespace and its interfaces to its name; the host side to host', async () => {
    const snapshot = (await lab()).getState().snapshot
    if (!snapshot) throw new Error('no snapshot')
    const c1 = find(snapshot, (r) => r.kind === 'container' && r.name === 'c1')
    if (c1.kind !== 'container' || c1.netns === undefined) throw new Error('c1 not running')
    const eth0 = find(snapshot, (r) => r.kind === 'interface' && r.netns === c1.netns)
    const docker0 = find(snapshot, (r) => r.kind === 'interface' && r.name === 'docker0')
    const c1Target = {
      end: 'c1',
      label: 'c1 (busybox)',
      container: { id: c1.id, name: 'c1', image: 'busybox', running: true },
    }
    expect(menuTarget(snapshot, c1.id)).toEqual(c1Target)
    expect(menuTarget(snapshot, c1.netns)).toEqual(c1Target)
    expect(menuTarget(snapshot, eth0.id)).toEqual(c1Target)
    expect(menuTarget(snapshot, docker0.id)).toEqual({ end: 'host', label: 'host' })
    expect(menuTarget(snapshot, 'host:host1')).toEqual({ end: 'host', label: 'host' })
    expect(menuTarget(snapshot, 'nothing')).toBeNull()
  })

  it('offers a stopped container without trace ends, and networks', async () => {
    const store = await lab()
    await act(async () => {
      await store.getState().runCommand('docker stop c1')
    })
    const snapshot = store.getState().snapshot
    if (!snapshot) throw new Error('no snapshot')
    const c1 = find(snapshot, (r) => r.kind === 'container' && r.name === 'c1')
    expect(menuTarget(snapshot, c1.id)).toEqual({
      label: 'c1 (busybox)',
      container: { id: c1.id, name: 'c1', image: 'busybox', running: false },
    })
    const bridge = find(snapshot, (r) => r.kind === 'network' && r.name === 'bridge')
    expect(menuTarget(snapshot, bridge.id)).toEqual({
      label: 'network bridge',
      network: { id: bridge.id, name: 'bridge', builtin: true },
    })
  })

  it('opens sh in busybox and alpine images, bash in the others', () => {
    expect(shellCommand('c1', 'busybox')).toBe('docker exec -it c1 sh')
    expect(shellCommand('a', 'docker.io/library/alpine:3.20')).toBe('docker exec -it a sh')
    expect(shellCommand('web', 'nginx:1.27')).toBe('docker exec -it web bash')
  })
})

describe('<GraphMenu>', () => {
  const c1: MenuTarget = {
    end: 'c1',
    label: 'c1 (busybox)',
    container: { id: 'container:host1/c1', name: 'c1', image: 'busybox', running: true },
  }

  it('is a keyboard menu: first item focused, arrows move, Escape closes', async () => {
    const store = await lab()
    const onClose = renderMenu(store, c1)
    expect(screen.getByRole('menu', { name: 'Actions for c1 (busybox)' })).toBeTruthy()
    const items = screen.getAllByRole('menuitem').map((i) => i.textContent)
    expect(items).toEqual([
      'Trace from here',
      'Trace to here',
      'Inspect',
      'Open a shell',
      'Stop',
      'Remove',
      'Focus on this container',
    ])
    expect(screen.getByRole('menuitem', { name: 'Trace from here' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('menuitem', { name: 'Trace to here' })).toHaveFocus()
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    expect(screen.getByRole('menuitem', { name: 'Focus on this container' })).toHaveFocus()
    await userEvent.keyboard('{Home}')
    expect(screen.getByRole('menuitem', { name: 'Trace from here' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalled()
  })

  it('offers only tracing for the host', async () => {
    const store = await lab()
    renderMenu(store, { end: 'host', label: 'host' })
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Trace from here',
      'Trace to here',
    ])
  })

  it('prefills the trace form: from here, keeping the other end', async () => {
    const store = await lab()
    act(() => store.getState().editTraceForm({ to: 'web' }))
    const onClose = renderMenu(store, c1)
    await userEvent.click(screen.getByRole('menuitem', { name: 'Trace from here' }))
    expect(onClose).toHaveBeenCalled()
    expect(store.getState().traceForm).toMatchObject({ open: true, from: 'c1', to: 'web' })
  })

  it('stops, starts and removes through docker commands; focuses the diagram', async () => {
    const store = await lab()
    renderMenu(store, c1)
    await userEvent.click(screen.getByRole('menuitem', { name: 'Stop' }))
    await waitFor(() => expect(activeTab(store.getState()).busy).toBe(false))
    expect(activeTab(store.getState()).history.at(-1)).toBe('docker stop c1')
    cleanup()
    renderMenu(store, c1)
    await userEvent.click(screen.getByRole('menuitem', { name: 'Focus on this container' }))
    expect(store.getState().focus).toEqual({ container: 'container:host1/c1' })
  })

  it('runs docker inspect and docker exec as commands in the terminal', async () => {
    const store = await lab()
    renderMenu(store, c1)
    await userEvent.click(screen.getByRole('menuitem', { name: 'Inspect' }))
    await waitFor(() => expect(activeTab(store.getState()).busy).toBe(false))
    expect(activeTab(store.getState()).history.at(-1)).toBe('docker inspect c1')
  })

  it('opens the shell the image has', async () => {
    const store = await lab()
    renderMenu(store, {
      end: 'web',
      label: 'web (nginx)',
      container: { id: 'container:host1/web', name: 'web', image: 'nginx', running: true },
    })
    await userEvent.click(screen.getByRole('menuitem', { name: 'Open a shell' }))
    await waitFor(() => expect(activeTab(store.getState()).busy).toBe(false))
    expect(activeTab(store.getState()).history.at(-1)).toBe('docker exec -it web bash')
  })
})
