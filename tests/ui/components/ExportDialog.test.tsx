// "Under the hood" in the header: a host's data plane as the script `export-commands` prints, run
// on a copy of the world over a real engine; the cleanup script, copy and download.

import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  exportCommand,
  exportHosts,
  scriptFileName,
} from '../../../src/ui/components/ExportDialog/export-command'
import { Header } from '../../../src/ui/components/Header/Header'
import { LabStoreContext } from '../../../src/ui/store/context'
import { activeTab, createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

/** The header over a lab with a second host and a container on host1. */
async function setup(): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Header />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  await act(() =>
    store.getState().runLines(['docker run -d --name web -p 8080:80 nginx', 'lab host add db']),
  )
  return store
}

const OPENER = { name: 'Under the hood' }

async function open(user = userEvent.setup()): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', OPENER))
  return screen.getByRole('dialog', { name: 'What Docker does under the hood' })
}

/** The script shown once its answer has come. */
async function shown(name = 'Script'): Promise<string> {
  const pre = screen.getByRole('region', { name })
  await waitFor(() => expect(pre).toHaveAttribute('aria-busy', 'false'))
  return pre.textContent ?? ''
}

const answer = async (store: LabStore, line: string): Promise<string> =>
  (await store.getState().queryCommand(line)).stdout

/** Sets URL.name to fn for this test. */
function stubUrl(name: 'createObjectURL' | 'revokeObjectURL', fn: unknown): void {
  const saved = Object.getOwnPropertyDescriptor(URL, name)
  Object.defineProperty(URL, name, { configurable: true, writable: true, value: fn })
  onTestFinished(() => {
    if (saved) Object.defineProperty(URL, name, saved)
    else Reflect.deleteProperty(URL, name)
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('export-command', () => {
  it('stands for export-commands, quoting the host, and names the download', () => {
    expect(exportCommand('host1', false)).toBe('export-commands host1')
    expect(exportCommand('host1', true)).toBe('export-commands --cleanup host1')
    expect(exportCommand("a b'c", false)).toBe(`export-commands 'a b'\\''c'`)
    expect(scriptFileName('host1', false)).toBe('dnl-host1.sh')
    expect(scriptFileName('host1', true)).toBe('dnl-host1-cleanup.sh')
    expect(exportHosts(null)).toEqual([])
  })
})

describe('<ExportDialog>', () => {
  it('opens with focus on the host, shows the first host’s script and the command it stands for', async () => {
    const store = await setup()
    const dialog = await open()
    const host = within(dialog).getByRole('combobox', { name: 'Host' })
    expect(host).toHaveFocus()
    expect([...(host as HTMLSelectElement).options].map((o) => o.value)).toEqual(['host1', 'db'])
    expect(host).toHaveValue('host1')
    const script = await shown()
    expect(script).toBe(await answer(store, 'export-commands host1'))
    expect(script.startsWith('#!/bin/sh\n')).toBe(true)
    expect(script).toContain('ip netns add')
    expect(script).toContain('# docker run')
    expect(dialog).toHaveTextContent('The same in the terminal: export-commands host1')
    // Nothing ran in the terminal, nothing changed.
    expect(activeTab(store.getState()).history).not.toContain('export-commands host1')
  })

  it('shows the chosen host’s script', async () => {
    const store = await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    await shown()
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Host' }), 'db')
    await waitFor(async () => expect(await shown()).toBe(await answer(store, 'export-commands db')))
    expect(await shown()).toContain('machine db')
    expect(dialog).toHaveTextContent('The same in the terminal: export-commands db')
  })

  it('fetches the cleanup script when the toggle is on, and the script again when off', async () => {
    const store = await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    const build = await shown()
    await user.click(within(dialog).getByRole('checkbox', { name: 'Cleanup script' }))
    const cleanup = await shown('Cleanup script')
    expect(cleanup).toBe(await answer(store, 'export-commands --cleanup host1'))
    expect(cleanup).toContain('ip netns del')
    expect(cleanup).not.toBe(build)
    expect(dialog).toHaveTextContent('The same in the terminal: export-commands --cleanup host1')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Cleanup script' }))
    expect(await shown()).toBe(build)
  })

  it('refreshes the script when the world changes', async () => {
    const store = await setup()
    await open()
    expect(await shown()).not.toContain('# docker run --name cache')
    await act(() => store.getState().runLines(['docker run -d --name cache redis']))
    await waitFor(async () => expect(await shown()).toContain('# docker run --name cache redis'))
  })

  it('copies the script to the clipboard and says so', async () => {
    await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    const script = await shown()
    const write = vi.spyOn(navigator.clipboard, 'writeText')
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }))
    expect(write).toHaveBeenCalledWith(script)
    expect(await navigator.clipboard.readText()).toBe(script)
    expect(within(dialog).getByRole('status')).toHaveTextContent('Copied')
  })

  it('says when the clipboard refuses', async () => {
    await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    await shown()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }))
    expect(within(dialog).getByRole('status')).toHaveTextContent(/Copy failed/)
  })

  it('downloads the script as dnl-HOST.sh through an object URL', async () => {
    await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    const script = await shown()
    const blobs: Blob[] = []
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob)
      return 'blob:export'
    })
    const revoke = vi.fn()
    // jsdom has no object URLs: these stand for the browser's.
    stubUrl('createObjectURL', create)
    stubUrl('revokeObjectURL', revoke)
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this)
    })
    await user.click(within(dialog).getByRole('button', { name: 'Download' }))
    expect(clicked).toHaveLength(1)
    expect(clicked[0]?.download).toBe('dnl-host1.sh')
    expect(clicked[0]?.getAttribute('href')).toBe('blob:export')
    expect(clicked[0]?.isConnected).toBe(false)
    expect(await blobs[0]?.text()).toBe(script)
    await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:export'))
  })

  it('shows the error when the command fails', async () => {
    const store = await setup()
    store.setState({
      queryCommand: (line) =>
        Promise.resolve({
          stdout: '',
          stderr: `export-commands: no host ${line.split(' ').at(-1) ?? ''} in this world\n`,
          exitCode: 1,
          prompt: '',
        }),
    })
    const dialog = await open()
    const alert = await within(dialog).findByRole('alert')
    expect(alert).toHaveTextContent('export-commands: no host host1 in this world')
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toBeDisabled()
    expect(within(dialog).getByRole('button', { name: 'Download' })).toBeDisabled()
  })

  it('closes on Escape and gives focus back to its button', async () => {
    await setup()
    const user = userEvent.setup()
    const dialog = await open(user)
    expect(screen.getByRole('button', OPENER)).toHaveAttribute('aria-expanded', 'true')
    await user.keyboard('{Escape}')
    expect(dialog).not.toBeInTheDocument()
    expect(screen.getByRole('button', OPENER)).toHaveFocus()
    expect(screen.getByRole('button', OPENER)).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByRole('button', OPENER)).toHaveAttribute('title', 'Show what Docker does')
    await open(user)
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', OPENER)).toHaveFocus()
  })
})
