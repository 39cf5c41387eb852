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

describe('<Terminal> line editing', () => {
  async function ready(): Promise<{ store: LabStore; input: HTMLElement; log: HTMLElement }> {
    const store = await renderTerminal()
    const input = screen.getByRole('textbox', { name: 'Command' })
    await waitFor(() => expect(input).toBeEnabled())
    return { store, input, log: screen.getByRole('log', { name: 'Terminal output' }) }
  }

  it('completes docker net to docker network on Tab', async () => {
    const { input } = await ready()
    await userEvent.type(input, 'docker net{Tab}')
    await waitFor(() => expect(input).toHaveValue('docker network '))
    expect(input).toHaveFocus()
    await userEvent.type(input, '{Tab}')
    await act(() => new Promise((r) => setTimeout(r, 20)))
    // The first Tab changed the line, so this one is a first Tab: nothing is listed yet.
    expect(screen.getByRole('log').querySelector('pre')).toBeNull()
    await userEvent.type(input, 'l{Tab}')
    await waitFor(() => expect(input).toHaveValue('docker network ls '))
  })

  it('lists the candidates on a second Tab, then shows the prompt and the line again', async () => {
    const { input, log } = await ready()
    await userEvent.type(input, 'docker network {Tab}')
    await act(() => new Promise((r) => setTimeout(r, 20)))
    expect(log.textContent).not.toContain('connect')
    await userEvent.type(input, '{Tab}')
    // readline's layout at 80 columns: words padded to the longest + 2, filled top to bottom.
    await waitFor(() => expect(log.querySelector('pre')).toBeTruthy())
    expect(log.querySelector('pre')?.textContent).toBe(
      'connect     disconnect  ls          rm\ncreate      inspect     prune\n',
    )
    expect(log.querySelector('.terminal__line')?.textContent).toBe('root@host1:~# docker network ')
    expect(input).toHaveValue('docker network ')
  })

  it('completes in the middle of the line and puts the caret after the word', async () => {
    const { input } = await ready()
    await userEvent.type(input, 'docker netw ls{ArrowLeft}{ArrowLeft}{ArrowLeft}{Tab}')
    await waitFor(() => expect(input).toHaveValue('docker network ls'))
    expect((input as HTMLInputElement).selectionStart).toBe('docker network'.length)
  })

  it('abandons the line with ^C on Ctrl-C and gives a fresh prompt', async () => {
    const { input, log } = await ready()
    await userEvent.type(input, 'docker ps{Control>}c{/Control}')
    expect(input).toHaveValue('')
    expect(log.textContent).toContain('root@host1:~# docker ps^C')
    await userEvent.type(input, '{Control>}c{/Control}')
    expect(log.textContent).toContain('root@host1:~# ^C')
    expect(log.querySelectorAll('pre')).toHaveLength(0) // nothing ran
  })

  it('kills to the start with Ctrl-U and moves with Ctrl-A and Ctrl-E', async () => {
    const { input } = await ready()
    const el = input as HTMLInputElement
    await userEvent.type(input, 'network ls{Control>}a{/Control}')
    expect(el.selectionStart).toBe(0)
    await userEvent.type(input, 'docker ', { initialSelectionStart: 0, initialSelectionEnd: 0 })
    expect(input).toHaveValue('docker network ls')
    await userEvent.type(input, '{Control>}e{/Control}', {
      initialSelectionStart: 0,
      initialSelectionEnd: 0,
    })
    expect(el.selectionStart).toBe('docker network ls'.length)
    el.setSelectionRange(7, 7)
    await userEvent.type(input, '{Control>}u{/Control}', {
      initialSelectionStart: 7,
      initialSelectionEnd: 7,
    })
    expect(input).toHaveValue('network ls')
    await userEvent.type(input, '{Control>}e{/Control}{Control>}u{/Control}')
    expect(input).toHaveValue('')
  })

  it('runs a pasted block line by line and keeps a trailing partial line', async () => {
    const { input, log } = await ready()
    await userEvent.click(input)
    await userEvent.paste('hostname\ndocker network create appnet\ndocker netw')
    await waitFor(() => expect(log.textContent).toMatch(/appnet/))
    await waitFor(() => expect(log.querySelectorAll('pre')).toHaveLength(2))
    const lines = [...log.querySelectorAll('.terminal__line, pre')].map((e) => e.textContent)
    expect(lines.slice(0, 4)).toEqual([
      'root@host1:~# hostname',
      'host1\n',
      'root@host1:~# docker network create appnet',
      expect.stringMatching(/^[0-9a-f]{64}\n$/),
    ])
    expect(input).toHaveValue('docker netw')
  })

  it('focuses the command line on a click, but not when text is selected', async () => {
    const { input, log } = await ready()
    await userEvent.type(input, 'hostname{Enter}')
    await waitFor(() => expect(screen.getByText('host1')).toBeTruthy())
    input.blur()
    const range = document.createRange()
    range.selectNodeContents(screen.getByText('host1'))
    window.getSelection()?.addRange(range)
    log.click()
    expect(input).not.toHaveFocus()
    expect(window.getSelection()?.toString()).toBe('host1\n')
    window.getSelection()?.removeAllRanges()
    log.click()
    expect(input).toHaveFocus()
  })
})
