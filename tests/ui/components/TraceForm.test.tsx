import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Header } from '../../../src/ui/components/Header/Header'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

/** The header (with its "Trace a packet" button) over a lab with two running containers. */
async function setup(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Header />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  await act(async () => {
    await store
      .getState()
      .runLines([
        'docker network create front',
        'docker run -d --name c1 --network front busybox sleep 1000',
        'docker run -d --name c2 --network front nginx',
        'docker run -d --name stopped busybox true',
      ])
  })
  return store
}

const lastLine = (store: LabStore): string | undefined => activeTab(store.getState()).history.at(-1)

async function openForm(): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('button', { name: 'Trace a packet' }))
  return screen.getByRole('dialog', { name: 'Trace a packet' })
}

async function trace(store: LabStore): Promise<void> {
  await userEvent.click(screen.getByRole('button', { name: 'Trace' }))
  await waitFor(() => expect(activeTab(store.getState()).busy).toBe(false))
}

describe('<TraceForm>', () => {
  it('offers running containers, host, lan and internet, and focuses From', async () => {
    await setup()
    await openForm()
    const from = screen.getByRole('combobox', { name: 'From' })
    expect(from).toHaveFocus()
    const values = [...(from as HTMLSelectElement).options].map((o) => o.value)
    expect(values).toEqual(['c1', 'c2', 'host', 'lan', 'internet'])
    expect(within(from).getByRole('option', { name: 'c2 (nginx)' })).toBeTruthy()
  })

  it('traces between the first two containers over ICMP by default, without a port', async () => {
    const store = await setup()
    await openForm()
    expect(screen.getByRole('textbox', { name: 'Port' })).toBeDisabled()
    expect(screen.getByLabelText('Command to run')).toHaveTextContent(
      'root@host1:~# trace c1 c2 --proto icmp',
    )
    await trace(store)
    expect(lastLine(store)).toBe('trace c1 c2 --proto icmp')
    expect(store.getState().trace?.title).toBe('trace c1 c2 --proto icmp')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Trace a packet' })).toHaveFocus()
  })

  it('runs the chosen ends, protocol and port', async () => {
    const store = await setup()
    await openForm()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'c1')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'To' }), 'c2')
    await userEvent.click(screen.getByRole('radio', { name: 'TCP' }))
    expect(screen.getByRole('textbox', { name: 'Port' })).toHaveValue('80')
    await trace(store)
    expect(lastLine(store)).toBe('trace c1 c2 --proto tcp --port 80')

    await openForm()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'host')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'To' }), 'internet')
    await userEvent.click(screen.getByRole('radio', { name: 'UDP' }))
    const port = screen.getByRole('textbox', { name: 'Port' })
    await userEvent.clear(port)
    await userEvent.type(port, '53')
    await trace(store)
    expect(lastLine(store)).toBe('trace host internet --proto udp --port 53')

    await openForm()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'lan')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'To' }), 'c2')
    await userEvent.click(screen.getByRole('radio', { name: 'ICMP' }))
    await trace(store)
    expect(lastLine(store)).toBe('trace lan c2 --proto icmp')
  })

  it.each([
    ['70000', true],
    ['0', true],
    ['8o', true],
    ['', false],
  ])('refuses port %j with an inline error and runs nothing', async (text, live) => {
    const store = await setup()
    await openForm()
    await userEvent.click(screen.getByRole('radio', { name: 'TCP' }))
    const port = screen.getByRole('textbox', { name: 'Port' })
    await userEvent.clear(port)
    if (text !== '') await userEvent.type(port, text)
    // A wrong number shows at once; an empty field only when Trace is pressed.
    expect(screen.queryByRole('alert') !== null).toBe(live)
    const before = activeTab(store.getState()).history.length
    await userEvent.click(screen.getByRole('button', { name: 'Trace' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a port from 1 to 65535.')
    expect(port).toHaveAttribute('aria-invalid', 'true')
    expect(port).toHaveFocus()
    expect(activeTab(store.getState()).history).toHaveLength(before)
    expect(screen.getByRole('dialog', { name: 'Trace a packet' })).toBeTruthy()
  })

  it('accepts the ends of the port range', async () => {
    const store = await setup()
    await openForm()
    await userEvent.click(screen.getByRole('radio', { name: 'UDP' }))
    const port = screen.getByRole('textbox', { name: 'Port' })
    await userEvent.clear(port)
    await userEvent.type(port, '65535')
    expect(screen.queryByRole('alert')).toBeNull()
    await trace(store)
    expect(lastLine(store)).toBe('trace c1 c2 --proto udp --port 65535')
  })

  it('closes on Escape, giving focus back, and keeps its choices', async () => {
    await setup()
    await openForm()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'To' }), 'lan')
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    const toggle = screen.getByRole('button', { name: 'Trace a packet' })
    expect(toggle).toHaveFocus()
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await openForm()
    expect(screen.getByRole('combobox', { name: 'To' })).toHaveValue('lan')
  })

  it('opens with one end chosen from elsewhere (Trace to here), the other kept', async () => {
    const store = await setup()
    await openForm()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'c2')
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    act(() => store.getState().openTraceForm({ to: 'internet' }))
    expect(screen.getByRole('combobox', { name: 'From' })).toHaveValue('c2')
    expect(screen.getByRole('combobox', { name: 'To' })).toHaveValue('internet')
    await trace(store)
    expect(lastLine(store)).toBe('trace c2 internet --proto icmp')
  })
})
