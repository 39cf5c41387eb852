// The theme the learner chose, kept in localStorage; without a choice, the system's
// (prefers-color-scheme). The page shows it as <html data-theme>, which App.css themes by.

import type { Theme } from '../../store/lab-store'

export const THEME_KEY = 'dnl-theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

/** The saved choice, or null (none yet, or storage unavailable: private mode, sandboxed frame). */
export function savedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    return null
  }
}

export function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme)
  } catch {
    // Not persisted: the choice still holds for this page.
  }
}

/** The system's preference (light where matchMedia is missing). */
export function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light'
}

/** The theme to start with, before the first paint: the saved choice, else the system's. */
export function initialTheme(): Theme {
  return savedTheme() ?? systemTheme()
}

/** Shows `theme` on the page: App.css's tokens switch on `:root[data-theme]`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}

/** Calls `onChange` when the system's preference changes; returns the unsubscribe. */
export function watchSystemTheme(onChange: (theme: Theme) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {}
  const query = matchMedia(DARK_QUERY)
  const listener = (e: MediaQueryListEvent): void => onChange(e.matches ? 'dark' : 'light')
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}
