import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ThemeToggle } from '../../../src/ui/components/ThemeToggle/ThemeToggle'
import { initialTheme, THEME_KEY } from '../../../src/ui/components/ThemeToggle/theme-preference'
import { LabStoreContext } from '../../../src/ui/store/context'
import { createLabStore, type LabStore, type Theme } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import { loopbackTransport } from '../../helpers/loopback'

/** A system colour preference that a test can change, as `matchMedia` reports it. */
function fakeSystemTheme(initial: Theme): { change(theme: Theme): void } {
  let dark = initial === 'dark'
  const listeners = new Set<(e: { matches: boolean }) => void>()
  vi.stubGlobal('matchMedia', (query: string) => ({
    media: query,
    get matches() {
      return dark
    },
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.delete(l),
  }))
  return {
    change(theme) {
      dark = theme === 'dark'
      for (const l of listeners) l({ matches: dark })
    },
  }
}

function setup(theme: Theme = initialTheme()): LabStore {
  const store = createLabStore(createEngineClient({ seed: 1, connect: loopbackTransport }))
  store.getState().setTheme(theme)
  render(
    <LabStoreContext.Provider value={store}>
      <ThemeToggle />
    </LabStoreContext.Provider>,
  )
  return store
}

const toggle = (): HTMLElement => screen.getByRole('button', { name: 'Dark theme' })
const pageTheme = (): string | undefined => document.documentElement.dataset.theme

beforeEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('<ThemeToggle>', () => {
  it('shows the light theme on the page, then switches to dark and back on click', async () => {
    const store = setup('light')
    expect(toggle()).toHaveAttribute('aria-pressed', 'false')
    expect(pageTheme()).toBe('light')
    await userEvent.click(toggle())
    expect(toggle()).toHaveAttribute('aria-pressed', 'true')
    expect(store.getState().theme).toBe('dark')
    expect(pageTheme()).toBe('dark')
    await userEvent.click(toggle())
    expect(store.getState().theme).toBe('light')
    expect(pageTheme()).toBe('light')
  })

  it('remembers the choice, and the next page starts with it', async () => {
    setup('light')
    await userEvent.click(toggle())
    expect(localStorage.getItem(THEME_KEY)).toBe('dark')
    fakeSystemTheme('light')
    expect(initialTheme()).toBe('dark')
  })

  it('starts with the system preference when nothing was chosen', () => {
    fakeSystemTheme('dark')
    expect(initialTheme()).toBe('dark')
    fakeSystemTheme('light')
    expect(initialTheme()).toBe('light')
  })

  it('ignores a saved value that is not a theme', () => {
    localStorage.setItem(THEME_KEY, 'purple')
    fakeSystemTheme('dark')
    expect(initialTheme()).toBe('dark')
  })

  it('falls back to the system preference when storage is unavailable', () => {
    fakeSystemTheme('dark')
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    try {
      expect(initialTheme()).toBe('dark')
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('follows the system preference until the learner chooses', async () => {
    const system = fakeSystemTheme('light')
    const store = setup()
    act(() => system.change('dark'))
    expect(store.getState().theme).toBe('dark')
    expect(pageTheme()).toBe('dark')
    await userEvent.click(toggle())
    expect(store.getState().theme).toBe('light')
    act(() => system.change('dark'))
    expect(store.getState().theme).toBe('light')
  })
})
