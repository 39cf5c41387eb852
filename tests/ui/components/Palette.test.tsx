import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Palette } from '../../../src/ui/components/Palette/Palette'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import type { ContainerRecord, NetworkRecord } from '../../../src/engine'
import { loopbackTransport } from '../../helpers/loopback'

/** The palette over a real engine (through a loopback worker transport), after `lines`. */
async function setup(lines: readonly string[] = []): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Palette />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  if (lines.length > 0) await act(() => store.getState().runLines(lines))
  return store
}

const commandsRun = (store: LabStore): string[] =>
  activeTab(store.getState()).entries.flatMap((e) => (e.kind === 'command' ? [e.line] : []))

const network = (store: LabStore, name: string): NetworkRecord | undefined =>
  Object.values(store.getState().snapshot?.records ?? {}).find(
    (r): r is NetworkRecord => r.kind === 'network' && r.name === name,
  )

const container = (store: LabStore, name: string): ContainerRecord | undefined =>
  Object.values(store.getState().snapshot?.records ?? {}).find(
    (r): r is ContainerRecord => r.kind === 'container' && r.name === name,
  )

async function open(label: 'New network' | 'New container'): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('button', { name: label }))
  return screen.getByRole('dialog', { name: label })
}

async function fill(label: string, text: string): Promise<void> {
  const input = screen.getByLabelText(label)
  await userEvent.clear(input)
  if (text !== '') await userEvent.type(input, text)
}

const preview = (): string => screen.getByLabelText('Commands to run').textContent ?? ''

describe('<Palette> new network', () => {
  it('opens a dialog under its button, focused on the name, showing the command live', async () => {
    await setup()
    const button = screen.getByRole('button', { name: 'New network' })
    expect(button).toHaveAttribute('aria-haspopup', 'dialog')
    expect(button).toHaveAttribute('aria-expanded', 'false')
    const dialog = await open('New network')
    expect(button).toHaveAttribute('aria-expanded', 'true')
    expect(button).toHaveAttribute('aria-controls', dialog.id)
    expect(screen.getByLabelText('Name')).toHaveFocus()
    expect(within(dialog).getByRole('combobox', { name: 'Driver' })).toHaveValue('bridge')
    await fill('Name', 'backend')
    await fill('Subnet', '172.30.0.0/16')
    await fill('Gateway', '172.30.0.1')
    await userEvent.click(screen.getByRole('checkbox', { name: 'Internal (no route out)' }))
    expect(preview()).toBe(
      'root@host1:~# docker network create --subnet 172.30.0.0/16 --gateway 172.30.0.1 --internal backend\n',
    )
  })

  it("shows Docker's error for an overlapping subnet and runs nothing", async () => {
    const store = await setup()
    const before = commandsRun(store)
    await open('New network')
    await fill('Name', 'clash')
    await fill('Subnet', '172.17.0.0/16')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space',
    )
    expect(network(store, 'clash')).toBeUndefined()
    expect(commandsRun(store)).toEqual(before)
    // The form stays open with what was typed.
    expect(screen.getByRole('dialog', { name: 'New network' })).toBeTruthy()
    expect(screen.getByLabelText('Subnet')).toHaveValue('172.17.0.0/16')
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled()
  })

  it('asks for a name before asking Docker', async () => {
    const store = await setup()
    await open('New network')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name for the network.')
    expect(screen.getByLabelText('Name')).toHaveFocus()
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true')
    expect(commandsRun(store)).toEqual([])
  })

  it('creates a valid network, echoes the command, closes and gives focus back', async () => {
    const store = await setup()
    await open('New network')
    await fill('Name', 'backend')
    await fill('Subnet', '172.30.0.0/16')
    await fill('IP range', '172.30.5.0/24')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const line = 'docker network create --subnet 172.30.0.0/16 --ip-range 172.30.5.0/24 backend'
    expect(commandsRun(store)).toEqual([line])
    expect(network(store, 'backend')).toMatchObject({ subnets: ['172.30.0.0/16'], internal: false })
    expect(screen.getByRole('button', { name: 'New network' })).toHaveFocus()
    // The next opening starts afresh.
    await open('New network')
    expect(screen.getByLabelText('Name')).toHaveValue('')
  })
})

describe('<Palette> new container', () => {
  it('runs a container on two networks with a published port', async () => {
    const store = await setup(['docker network create front', 'docker network create back'])
    const before = commandsRun(store)
    await open('New container')
    expect(screen.getByLabelText('Image')).toHaveFocus()
    expect(screen.getByLabelText('Image')).toHaveValue('nginx')
    expect(screen.getByRole('checkbox', { name: 'bridge' })).toBeChecked()
    await fill('Name', 'web')
    await userEvent.click(screen.getByRole('checkbox', { name: 'bridge' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'front' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'back' }))
    await fill('Ports', '8080:80')
    const lines = [
      'docker run -d --name web --network front -p 8080:80 nginx',
      'docker network connect back web',
    ]
    expect(preview()).toBe(lines.map((l) => `root@host1:~# ${l}\n`).join(''))
    await userEvent.click(screen.getByRole('button', { name: 'Run' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(commandsRun(store)).toEqual([...before, ...lines])
    const web = container(store, 'web')
    expect(web?.status).toMatch(/^running/)
    expect([...(web?.networks ?? [])].sort()).toEqual(['back', 'front'])
    expect(web?.ports).toContain('0.0.0.0:8080->80/tcp')
    expect(screen.getByRole('button', { name: 'New container' })).toHaveFocus()
  })

  it('proposes sleep infinity for busybox, which would exit otherwise', async () => {
    const store = await setup()
    await open('New container')
    await fill('Image', 'busybox')
    expect(screen.getByLabelText('Command')).toHaveValue('sleep infinity')
    await fill('Name', 'b1')
    expect(preview()).toBe('root@host1:~# docker run -d --name b1 busybox sleep infinity\n')
    await userEvent.click(screen.getByRole('button', { name: 'Run' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(container(store, 'b1')?.status).toMatch(/^running/)
  })

  it("shows Docker's error for --ip on the default bridge, running nothing", async () => {
    const store = await setup()
    await open('New container')
    await fill('IPv4 address', '172.17.0.50')
    await userEvent.click(screen.getByRole('button', { name: 'Run' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'user specified IP address is supported on user defined networks only',
    )
    expect(commandsRun(store)).toEqual([])
    expect(Object.values(store.getState().snapshot?.records ?? {})).not.toContainEqual(
      expect.objectContaining({ kind: 'container' }),
    )
  })

  it('dry-runs the connect too: a refused second network creates no container', async () => {
    const store = await setup(['docker network create front'])
    const before = commandsRun(store)
    await open('New container')
    await fill('Name', 'h1x')
    await userEvent.click(screen.getByRole('checkbox', { name: 'bridge' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'host' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'front' }))
    await userEvent.click(screen.getByRole('button', { name: 'Run' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network',
    )
    expect(container(store, 'h1x')).toBeUndefined()
    expect(commandsRun(store)).toEqual(before)
  })

  it('needs a name to connect more networks, and a network', async () => {
    await setup(['docker network create front'])
    await open('New container')
    await userEvent.click(screen.getByRole('checkbox', { name: 'front' }))
    await userEvent.click(screen.getByRole('button', { name: 'Run' }))
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Name the container: docker network connect needs its name for the other networks.',
    )
    expect(screen.getByLabelText('Name')).toHaveFocus()
    await userEvent.click(screen.getByRole('checkbox', { name: 'bridge' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'front' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one network')
  })
})

describe('<Palette> keyboard and closing', () => {
  it('closes on Escape, giving focus back to its button, and keeps what was typed', async () => {
    await setup()
    await open('New network')
    await fill('Name', 'draft')
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    const button = screen.getByRole('button', { name: 'New network' })
    expect(button).toHaveFocus()
    expect(button).toHaveAttribute('aria-expanded', 'false')
    await open('New network')
    expect(screen.getByLabelText('Name')).toHaveValue('draft')
  })

  it('closes with its Close button, Cancel, or its button clicked again', async () => {
    await setup()
    await open('New container')
    await userEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'New container' })).toHaveFocus()
    await open('New container')
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    await open('New container')
    await userEvent.click(screen.getByRole('button', { name: 'New container' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('disables its buttons and ignores Escape while Docker is asked', async () => {
    const store = await setup()
    const query = store.getState().queryCommand
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    store.setState({ queryCommand: (line) => held.then(() => query(line)) })
    await open('New network')
    await fill('Name', 'slow')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(screen.getByRole('button', { name: 'Creating…' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled()
    await userEvent.keyboard('{Escape}')
    expect(screen.getByRole('dialog', { name: 'New network' })).toBeTruthy()
    await act(() => {
      release()
      return held
    })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(network(store, 'slow')).toBeDefined()
  })

  it('switches from one form to the other', async () => {
    await setup()
    await open('New container')
    await open('New network')
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    expect(screen.getByLabelText('Name')).toHaveFocus()
  })
})
