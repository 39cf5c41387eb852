// "New host" in the palette and "Remove host" in the diagram's menu: each runs the `lab` command
// it stands for in the terminal, over a real engine; the other tabs follow a removed host.

import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { HostRecord, Snapshot } from '../../../src/engine'
import { GraphMenu } from '../../../src/ui/components/GraphMenu/GraphMenu'
import { menuTarget } from '../../../src/ui/components/GraphMenu/menu-target'
import {
  hostCommand,
  lanChoices,
  nextHostName,
} from '../../../src/ui/components/Palette/host-commands'
import { Palette } from '../../../src/ui/components/Palette/Palette'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function lab(lines: readonly string[] = []): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  await act(() => client.ready)
  if (lines.length > 0) await act(() => store.getState().runLines(lines))
  return store
}

function renderPalette(store: LabStore): void {
  render(
    <LabStoreContext.Provider value={store}>
      <Palette />
    </LabStoreContext.Provider>,
  )
}

const hostnames = (store: LabStore): string[] =>
  Object.values(store.getState().snapshot?.records ?? {})
    .filter((r): r is HostRecord => r.kind === 'host')
    .sort((a, b) => a.index - b.index)
    .map((h) => h.hostname)

const commandsRun = (store: LabStore): string[] =>
  activeTab(store.getState()).entries.flatMap((e) => (e.kind === 'command' ? [e.line] : []))

const preview = (): string => screen.getByLabelText('Commands to run').textContent ?? ''

const snapshotOf = (store: LabStore): Snapshot => {
  const s = store.getState().snapshot
  if (!s) throw new Error('no snapshot')
  return s
}

describe('host-commands', () => {
  it('stands for lab host add, leaving the defaults out', () => {
    expect(hostCommand({ name: '', lan: '' }, 'lan')).toBe('lab host add')
    expect(hostCommand({ name: ' db ', lan: 'lan' }, 'lan')).toBe('lab host add db')
    expect(hostCommand({ name: 'db', lan: 'lan2' }, 'lan')).toBe('lab host add db --lan lan2')
    expect(hostCommand({ name: "a'b", lan: '' }, 'lan')).toBe(`lab host add 'a'\\''b'`)
  })

  it('knows the LANs and the next default name', async () => {
    const store = await lab(['lab host add'])
    const snapshot = snapshotOf(store)
    expect(lanChoices(snapshot).map((l) => [l.name, l.subnet])).toEqual([['lan', '10.10.0.0/24']])
    expect(nextHostName(snapshot)).toBe('host3')
    expect(nextHostName(null)).toBe('host1')
  })
})

describe('<Palette> new host', () => {
  it('shows the command it stands for, runs it in the terminal, and the host appears', async () => {
    const store = await lab()
    renderPalette(store)
    await userEvent.click(screen.getByRole('button', { name: 'New host' }))
    const dialog = screen.getByRole('dialog', { name: 'New host' })
    expect(screen.getByLabelText('Name')).toHaveFocus()
    expect(screen.getByLabelText('Name')).toHaveAttribute('placeholder', 'optional, default host2')
    expect(within(dialog).getByRole('combobox', { name: 'LAN' })).toHaveValue('lan')
    expect(preview()).toBe('root@host1:~# lab host add\n')
    await userEvent.type(screen.getByLabelText('Name'), 'db')
    expect(preview()).toBe('root@host1:~# lab host add db\n')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(commandsRun(store)).toEqual(['lab host add db'])
    expect(hostnames(store)).toEqual(['host1', 'db'])
    expect(screen.getByRole('button', { name: 'New host' })).toHaveFocus()
  })

  it('shows the lab’s refusal of a taken name and runs nothing', async () => {
    const store = await lab()
    renderPalette(store)
    await userEvent.click(screen.getByRole('button', { name: 'New host' }))
    await userEvent.type(screen.getByLabelText('Name'), 'host1')
    await userEvent.click(screen.getByRole('button', { name: 'Add' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('lab: a host named host1 exists')
    expect(commandsRun(store)).toEqual([])
    expect(hostnames(store)).toEqual(['host1'])
  })
})

describe('<GraphMenu> remove host', () => {
  it('offers Remove host on a host’s box only in a world of several hosts', async () => {
    const one = snapshotOf(await lab())
    expect(menuTarget(one, 'host:host1')).toEqual({ end: 'host', label: 'host' })
    const two = snapshotOf(await lab(['lab host add']))
    expect(menuTarget(two, 'host:host2')).toEqual({
      end: 'host',
      label: 'host2',
      machine: { hostname: 'host2' },
    })
    const docker0 = Object.values(two.records).find(
      (r) => r.kind === 'interface' && r.name === 'docker0',
    )
    expect(menuTarget(two, docker0?.id ?? '')).toEqual({ end: 'host', label: 'host' })
  })

  it('runs lab host rm in the terminal; the host leaves the world', async () => {
    const store = await lab(['lab host add'])
    const target = menuTarget(snapshotOf(store), 'host:host2')
    if (!target) throw new Error('no target')
    render(
      <LabStoreContext.Provider value={store}>
        <GraphMenu target={target} at={{ x: 10, y: 10 }} onClose={() => undefined} />
      </LabStoreContext.Provider>,
    )
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Trace from here',
      'Trace to here',
      'Remove host',
    ])
    await userEvent.click(screen.getByRole('menuitem', { name: 'Remove host' }))
    await waitFor(() => expect(hostnames(store)).toEqual(['host1']))
    expect(commandsRun(store).at(-1)).toBe('lab host rm host2')
  })
})

describe('terminal tabs and a removed host', () => {
  it('brings a tab logged in to the removed host back to its first host, saying why', async () => {
    const store = await lab(['lab host add'])
    const first = store.getState().activeTerminal
    await act(() => store.getState().openTerminal())
    const second = store.getState().activeTerminal
    await act(async () => {
      await store.getState().runCommand('ssh host2', second)
    })
    expect(activeTab(store.getState()).prompt).toBe('root@host2:~# ')
    await act(async () => {
      await store.getState().runCommand('lab host rm host2', first)
    })
    const tab = () => store.getState().terminals.find((t) => t.id === second)
    await waitFor(() => expect(tab()?.prompt).toBe('root@host1:~# '))
    expect(tab()?.entries.at(-1)).toMatchObject({
      kind: 'output',
      stdout: 'Connection to host2 closed by remote host.\nConnection to host2 closed.\n',
    })
    await act(async () => {
      await store.getState().runCommand('hostname', second)
    })
    expect(tab()?.entries.at(-1)).toMatchObject({ kind: 'output', stdout: 'host1\n' })
  })

  it('refuses to remove the host the active tab is logged in to', async () => {
    const store = await lab(['lab host add', 'ssh host2'])
    const reply = await act(() => store.getState().runAction('lab host rm host2'))
    expect(reply).toMatchObject({
      exitCode: 1,
      stderr: 'lab: you are logged in to host2: exit first\n',
    })
    expect(hostnames(store)).toEqual(['host1', 'host2'])
  })
})
