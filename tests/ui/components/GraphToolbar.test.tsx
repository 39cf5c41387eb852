// The diagram's toolbar (level of detail, rules overlay, focus) and legend, against a real
// engine: switching views makes the worker send another model.

import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { GraphToolbar } from '../../../src/ui/components/GraphView/GraphToolbar'
import { Legend } from '../../../src/ui/components/GraphView/Legend'
import { LabStoreContext, useLab } from '../../../src/ui/store/context'
import { createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function lab(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  await act(() => client.ready)
  await act(async () => {
    await store
      .getState()
      .runLines([
        'docker network create backend',
        'docker run -d --name db --network backend redis',
      ])
  })
  await waitFor(() => expect(store.getState().graph).not.toBeNull())
  return store
}

function Both() {
  return (
    <>
      <GraphToolbar adapter={null} />
      <LegendFromStore />
    </>
  )
}
function LegendFromStore() {
  const entries = useLab((s) => s.graph?.legend)
  return <Legend entries={entries ?? []} />
}

const mount = (store: LabStore) =>
  render(
    <LabStoreContext.Provider value={store}>
      <Both />
    </LabStoreContext.Provider>,
  )

describe('the diagram toolbar and legend', () => {
  it('switches between the kernel and the Docker view; the worker redraws the model', async () => {
    const store = await lab()
    mount(store)
    const kernel = screen.getByRole('radio', { name: 'Kernel view' })
    const docker = screen.getByRole('radio', { name: 'Docker view' })
    expect(kernel).toHaveAttribute('aria-checked', 'true')
    await userEvent.click(docker)
    expect(docker).toHaveAttribute('aria-checked', 'true')
    await waitFor(() => expect(store.getState().graph?.level).toBe('docker'))
    const kinds = Object.values(store.getState().graph?.elements ?? {}).map((e) => e.kind)
    expect(kinds).toContain('network')
    // The rules overlay is a kernel-view option.
    expect(screen.queryByRole('checkbox', { name: 'iptables rules' })).toBeNull()
    await userEvent.click(kernel)
    await userEvent.click(screen.getByRole('checkbox', { name: 'iptables rules' }))
    await waitFor(() => expect(store.getState().graph?.rules).toBe(true))
    const notes = Object.values(store.getState().graph?.elements ?? {}).filter(
      (e) => e.kind === 'rules',
    )
    expect(notes.length).toBeGreaterThan(0)
  })

  it('lists the networks with their colours; a chip focuses its network, again clears', async () => {
    const store = await lab()
    mount(store)
    const legend = screen.getByRole('region', { name: 'Networks' })
    expect(legend).toHaveTextContent('bridge')
    expect(legend).toHaveTextContent('backend')
    const chip = screen.getByRole('button', { name: /backend/ })
    await userEvent.click(chip)
    const backend = Object.values(store.getState().snapshot?.records ?? {}).find(
      (r) => r.kind === 'network' && r.name === 'backend',
    )
    expect(store.getState().focus).toEqual({ network: backend?.id })
    expect(chip).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(chip)
    expect(store.getState().focus).toBeNull()
  })

  it('focuses on a container from the select', async () => {
    const store = await lab()
    mount(store)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Focus on' }), 'db')
    const db = Object.values(store.getState().snapshot?.records ?? {}).find(
      (r) => r.kind === 'container' && r.name === 'db',
    )
    expect(store.getState().focus).toEqual({ container: db?.id })
  })
})
