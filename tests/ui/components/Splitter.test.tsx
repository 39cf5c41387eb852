import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Splitter } from '../../../src/ui/components/Splitter/Splitter'
import { LabStoreContext, useLab } from '../../../src/ui/store/context'
import { createLabStore, TERMINAL_HEIGHT } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

function TerminalSplitter() {
  const height = useLab((s) => s.terminalHeight)
  const resize = useLab((s) => s.resizeTerminal)
  return (
    <Splitter
      label="Resize terminal"
      controls="terminal"
      value={height}
      min={TERMINAL_HEIGHT.min}
      max={TERMINAL_HEIGHT.max}
      onChange={resize}
    />
  )
}

describe('<Splitter> between the diagram and the terminal', () => {
  it('resizes the terminal from the keyboard and keeps the height in the store', async () => {
    const store = createLabStore(createEngineClient({ seed: 1, connect: loopbackTransport }))
    render(
      <LabStoreContext.Provider value={store}>
        <TerminalSplitter />
      </LabStoreContext.Provider>,
    )
    const splitter = screen.getByRole('separator', { name: 'Resize terminal' })
    expect(splitter).toHaveAttribute('aria-valuenow', '32')
    expect(splitter).toHaveAttribute('aria-valuemin', String(TERMINAL_HEIGHT.min))
    expect(splitter).toHaveAttribute('aria-valuemax', String(TERMINAL_HEIGHT.max))
    expect(splitter).toHaveAttribute('aria-controls', 'terminal')
    await userEvent.tab()
    expect(splitter).toHaveFocus()
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    expect(splitter).toHaveAttribute('aria-valuenow', '36')
    expect(store.getState().terminalHeight).toBe(36)
    await userEvent.keyboard('{ArrowDown}{PageDown}')
    expect(store.getState().terminalHeight).toBe(24)
    await userEvent.keyboard('{End}')
    expect(splitter).toHaveAttribute('aria-valuenow', String(TERMINAL_HEIGHT.max))
    await userEvent.keyboard('{PageUp}')
    expect(store.getState().terminalHeight).toBe(TERMINAL_HEIGHT.max)
    await userEvent.keyboard('{Home}')
    expect(splitter).toHaveAttribute('aria-valuenow', String(TERMINAL_HEIGHT.min))
  })
})
