import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { ContainerRecord } from '../../../src/engine'
import { HistoryButtons } from '../../../src/ui/components/HistoryButtons/HistoryButtons'
import { Terminal } from '../../../src/ui/components/Terminal/Terminal'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

/** The buttons beside a terminal, on a lab that ran `lines`. */
async function setup(lines: readonly string[] = []): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <HistoryButtons />
      <Terminal />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  await act(() => store.getState().runLines(lines))
  return store
}

const BUILD = [
  'docker network create net1',
  'docker run -d --name web nginx',
  'docker network connect net1 web',
]

const undoButton = (): HTMLElement => screen.getByRole('button', { name: 'Undo' })
const redoButton = (): HTMLElement => screen.getByRole('button', { name: 'Redo' })

function networksOf(store: LabStore, name: string): readonly string[] | undefined {
  const records = Object.values(store.getState().snapshot?.records ?? {})
  return records.find((r): r is ContainerRecord => r.kind === 'container' && r.name === name)
    ?.networks
}

const notices = (store: LabStore): string[] =>
  activeTab(store.getState()).entries.flatMap((e) => (e.kind === 'notice' ? [e.text] : []))

describe('<HistoryButtons>', () => {
  it('is disabled until a command changes the world', async () => {
    const store = await setup(['docker ps'])
    expect(undoButton()).toBeDisabled()
    expect(redoButton()).toBeDisabled()
    await act(() => store.getState().runCommand('docker network create net1'))
    expect(undoButton()).toBeEnabled()
    expect(undoButton()).toHaveAttribute('title', 'Undo docker network create net1 (Ctrl+Z)')
    expect(redoButton()).toBeDisabled()
  })

  it('undoes and redoes on click, with a notice in the terminal', async () => {
    const store = await setup([
      ...BUILD,
      'docker run -d --name c1 --network net1 busybox sleep 1000',
    ])
    await act(() => store.getState().runCommand('trace c1 web'))
    expect(store.getState().trace).not.toBeNull()
    expect(undoButton()).toHaveAttribute(
      'title',
      'Undo docker run -d --name c1 --network net1 busybox sleep 1000 (Ctrl+Z)',
    )
    await userEvent.click(undoButton())
    await waitFor(() =>
      expect(notices(store)).toEqual([
        'Undone: docker run -d --name c1 --network net1 busybox sleep 1000',
      ]),
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Undone: docker run')
    expect(store.getState()).toMatchObject({ trace: null, traceChoices: [], traceStep: 0 })

    await userEvent.click(undoButton())
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge']))
    expect(notices(store).at(-1)).toBe('Undone: docker network connect net1 web')
    expect(store.getState().history).toEqual({
      canUndo: true,
      canRedo: true,
      undoLabel: 'docker run -d --name web nginx',
      redoLabel: 'docker network connect net1 web',
    })
    expect(redoButton()).toHaveAttribute(
      'title',
      'Redo docker network connect net1 web (Ctrl+Shift+Z)',
    )

    await userEvent.click(redoButton())
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge', 'net1']))
    expect(notices(store).at(-1)).toBe('Redone: docker network connect net1 web')
    expect(activeTab(store.getState())).toMatchObject({ prompt: 'root@host1:~# ', busy: false })
  })

  it('undoes with Ctrl+Z on the page, but not in the command line', async () => {
    const store = await setup(BUILD)
    const input = screen.getByRole('textbox', { name: 'Command' })
    await userEvent.click(input)
    expect(input).toHaveFocus()
    const undo = vi.fn(store.getState().undo)
    store.setState({ undo })
    await userEvent.keyboard('{Control>}z{/Control}')
    expect(undo).not.toHaveBeenCalled()

    input.blur()
    await userEvent.keyboard('{Control>}z{/Control}')
    expect(undo).toHaveBeenCalledOnce()
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge']))
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}')
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge', 'net1']))
    await userEvent.keyboard('{Control>}z{/Control}')
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge']))
    await userEvent.keyboard('{Control>}y{/Control}')
    await waitFor(() => expect(networksOf(store, 'web')).toEqual(['bridge', 'net1']))
    expect(notices(store)).toEqual([
      'Undone: docker network connect net1 web',
      'Redone: docker network connect net1 web',
      'Undone: docker network connect net1 web',
      'Redone: docker network connect net1 web',
    ])
  })

  it('puts away a tab opened after the undone change and brings it back on redo', async () => {
    const store = await setup(['docker run -dit --name c1 busybox', 'docker exec -it c1 sh'])
    const s = () => store.getState()
    await act(() => s().openTerminal())
    await act(() => s().runCommand('docker network create net1'))
    await act(() => s().openTerminal())
    const third = s().activeTerminal
    await act(() => s().runCommand('hostname'))
    await userEvent.click(undoButton())
    await waitFor(() => expect(s().terminals.map((t) => t.id)).toEqual([1, 2]))
    // The active tab went away: the first one shows the notice, still inside c1.
    expect(s().activeTerminal).toBe(1)
    expect(activeTab(s()).prompt).toBe('/ # ')
    expect(notices(store)).toEqual(['Undone: docker network create net1'])

    await userEvent.click(redoButton())
    await waitFor(() => expect(s().terminals.map((t) => t.id)).toEqual([1, 2, third]))
    const back = s().terminals.find((t) => t.id === third)
    expect(back).toMatchObject({ prompt: 'root@host1:~# ', history: ['hostname'], busy: false })
    expect(notices(store).at(-1)).toBe('Redone: docker network create net1')
  })
})
