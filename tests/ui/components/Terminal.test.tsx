import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Terminal } from '../../../src/ui/components/Terminal/Terminal'
import { LabStoreContext } from '../../../src/ui/store/context'
import { createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

async function renderTerminal(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Terminal />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  return store
}

describe('<Terminal>', () => {
  it('shows the host prompt and runs a typed command', async () => {
    await renderTerminal()
    const input = screen.getByRole('textbox', { name: 'Command' })
    await waitFor(() => expect(input).toBeEnabled())
    expect(screen.getByText('root@host1:~#')).toBeTruthy()
    await userEvent.type(input, 'docker network ls{Enter}')
    const log = screen.getByRole('log', { name: 'Terminal output' })
    await waitFor(() =>
      expect(log.textContent).toContain('NETWORK ID     NAME      DRIVER    SCOPE'),
    )
    expect(log.textContent).toContain('root@host1:~# docker network ls')
    expect(input).toHaveValue('')
  })

  it('shows stderr of an unknown command and recalls history with the Up arrow', async () => {
    await renderTerminal()
    const input = screen.getByRole('textbox', { name: 'Command' })
    await waitFor(() => expect(input).toBeEnabled())
    await userEvent.type(input, 'foo{Enter}')
    await waitFor(() => expect(screen.getByText('bash: foo: command not found')).toBeTruthy())
    await userEvent.type(input, '{ArrowUp}')
    expect(input).toHaveValue('foo')
    await userEvent.type(input, '{ArrowDown}')
    expect(input).toHaveValue('')
  })

  it('clears the screen with Ctrl-L and with clear', async () => {
    await renderTerminal()
    const input = screen.getByRole('textbox', { name: 'Command' })
    await waitFor(() => expect(input).toBeEnabled())
    await userEvent.type(input, 'hostname{Enter}')
    await waitFor(() => expect(screen.getByText('host1')).toBeTruthy())
    await userEvent.type(input, '{Control>}l{/Control}')
    expect(screen.queryByText('host1')).toBeNull()
    await userEvent.type(input, 'hostname{Enter}')
    await waitFor(() => expect(screen.getByText('host1')).toBeTruthy())
    await userEvent.type(input, 'clear{Enter}')
    await waitFor(() => expect(screen.queryByText('host1')).toBeNull())
  })
})
