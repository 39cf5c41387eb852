// The header's theme switch: one toggle button, "Dark theme", pressed when the page is dark. It
// shows the store's theme on <html data-theme> and saves a click's choice; until the learner
// chooses, the page follows the system's preference.

import { useEffect, useLayoutEffect } from 'react'
import { useLab } from '../../store/context'
import { applyTheme, saveTheme, savedTheme, watchSystemTheme } from './theme-preference'
import './ThemeToggle.css'

export function ThemeToggle() {
  const theme = useLab((s) => s.theme)
  const setTheme = useLab((s) => s.setTheme)
  const dark = theme === 'dark'
  // Before paint, so a switch never shows one frame of mixed colours.
  useLayoutEffect(() => applyTheme(theme), [theme])
  useEffect(
    () =>
      watchSystemTheme((system) => {
        if (savedTheme() === null) setTheme(system)
      }),
    [setTheme],
  )

  const toggle = (): void => {
    const next = dark ? 'light' : 'dark'
    saveTheme(next)
    setTheme(next)
  }
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={dark}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={toggle}
    >
      <span aria-hidden="true" className="theme-toggle__icon">
        {dark ? '☾' : '☀'}
      </span>
      <span className="theme-toggle__label">Dark theme</span>
    </button>
  )
}
