// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac), anywhere on the page but where the
// user types: a text field keeps its own undo (the terminal's command line is an input).

import { useEffect } from 'react'
import { useLabStore } from '../../store/context'

const TEXT_FIELDS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

/** True when keys pressed at `target` go to something the user types in. */
export function isTextField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TEXT_FIELDS) !== null
}

/** Binds the history keys on the document while the calling component is mounted. */
export function useHistoryKeys(): void {
  const store = useLabStore()
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const key = e.key.toLowerCase()
      if (key !== 'z' && key !== 'y') return
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || isTextField(e.target))
        return
      e.preventDefault()
      const { undo, redo } = store.getState()
      void (key === 'y' || e.shiftKey ? redo() : undo())
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [store])
}
