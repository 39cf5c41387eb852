import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Inspector } from '../../../src/ui/components/Inspector/Inspector'
import { LabStoreContext } from '../../../src/ui/store/context'
import { createLabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function setup() {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Inspector />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  return store
}

describe('<Inspector>', () => {
  it('asks for a selection when nothing is selected', async () => {
    await setup()
    expect(screen.getByText('Click a node in the diagram to see its details.')).toBeTruthy()
  })

  it('shows the selected interface: kind, addresses, MAC, MTU, state, namespace', async () => {
    const store = await setup()
    act(() => store.getState().select('link:host1/l2'))
    const panel = screen.getByRole('complementary', { name: 'Inspector' })
    expect(within(panel).getByRole('heading', { name: 'docker0' })).toBeTruthy()
    expect(within(panel).getByText('Linux bridge')).toBeTruthy()
    const row = (label: string): string =>
      within(panel).getByText(label).nextElementSibling?.textContent ?? ''
    expect(row('Addresses')).toBe('172.17.0.1/16')
    expect(row('MAC')).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/)
    expect(row('MTU')).toBe('1500')
    expect(row('State')).toBe('DOWN')
    expect(row('Flags')).toBe('NO-CARRIER BROADCAST MULTICAST UP')
    expect(row('Namespace')).toBe('host network namespace')
    expect(row('Docker network')).toBe('bridge (bridge)')
  })

  it('follows a link to a related node', async () => {
    const store = await setup()
    act(() => store.getState().select('link:host1/l1'))
    await userEvent.click(screen.getByRole('button', { name: 'lan' }))
    expect(store.getState().selected).toBe('segment:lan')
    expect(screen.getByRole('heading', { name: 'LAN 10.10.0.0/24' })).toBeTruthy()
  })
})
