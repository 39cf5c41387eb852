// The command line's editing keys, as readline binds them in bash: Enter runs, Up/Down recall
// history, Tab completes (a second Tab lists the candidates), Ctrl-C abandons the line with ^C,
// Ctrl-U kills back to the start, Ctrl-A/Ctrl-E go to the start/end, Ctrl-L clears the screen.
// A pasted block runs line by line; its last, unfinished line stays on the command line.

import {
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react'
import type { CompletionReply } from '../../../worker/protocol'
import { flushSync } from 'react-dom'
import { useLab } from '../../store/context'
import { activeTab } from '../../store/lab-store'
import { formatColumns } from './columns'

export type LineEditor = {
  readonly line: string
  readonly input: RefObject<HTMLInputElement | null>
  readonly onChange: (value: string) => void
  readonly onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void
  readonly onPaste: (e: ClipboardEvent<HTMLInputElement>) => void
}

/** `columns()`: how many characters fit on a line of the scrollback (for the candidate list). */
export function useLineEditor(columns: () => number): LineEditor {
  const history = useLab((s) => activeTab(s).history)
  const runCommand = useLab((s) => s.runCommand)
  const runLines = useLab((s) => s.runLines)
  const clearTerminal = useLab((s) => s.clearTerminal)
  const complete = useLab((s) => s.complete)
  const showCandidates = useLab((s) => s.showCandidates)
  const interruptLine = useLab((s) => s.interruptLine)
  const [line, setLine] = useState('')
  const [recall, setRecall] = useState<number | null>(null)
  const input = useRef<HTMLInputElement>(null)
  // Where the caret goes once React has put a new value in the input.
  const caret = useRef<number | null>(null)
  // The line a Tab left unchanged: another Tab on it, right after, is a double Tab.
  const afterTab = useRef<string | null>(null)
  const tabs = useRef<Promise<void>>(Promise.resolve())

  useLayoutEffect(() => {
    if (caret.current === null) return
    input.current?.setSelectionRange(caret.current, caret.current)
    caret.current = null
  }, [line])

  const setLineAt = (text: string, at: number): void => {
    if (text === input.current?.value) input.current.setSelectionRange(at, at)
    else caret.current = at
    setLine(text)
  }

  const tab = async (): Promise<void> => {
    const el = input.current
    if (!el) return
    const sent = el.value
    const at = el.selectionStart ?? sent.length
    const double = afterTab.current === sent
    let reply: CompletionReply
    try {
      reply = await complete(sent, at)
    } catch {
      return // no completion, as when nothing matches: the line stays as typed
    }
    const { replacement, candidates } = reply
    // The user kept typing while the engine answered: that wins.
    if (el.value !== sent) return
    // As readline: a Tab that changed the line is a first Tab again (rl_complete).
    afterTab.current = replacement === sent ? sent : null
    // Committed at once, so a Tab queued behind this one reads the completed line.
    if (replacement !== sent)
      flushSync(() => setLineAt(replacement, replacement.length - (sent.length - at)))
    else if (double && candidates.length > 1)
      showCandidates(sent, formatColumns(candidates, columns()))
  }

  const interrupt = (e: KeyboardEvent<HTMLInputElement>): void => {
    const el = e.currentTarget
    // A selection (in the line or the scrollback) is being copied: Ctrl-C is the browser's.
    if (el.selectionStart !== el.selectionEnd) return
    if ((window.getSelection()?.toString() ?? '') !== '') return
    e.preventDefault()
    void interruptLine(line)
    setLine('')
    setRecall(null)
  }

  const recallHistory = (up: boolean): void => {
    if (history.length === 0) return
    const at = recall ?? history.length
    const next = Math.min(Math.max(at + (up ? -1 : 1), 0), history.length)
    setRecall(next === history.length ? null : next)
    setLine(next === history.length ? '' : (history[next] ?? ''))
  }

  const control = (e: KeyboardEvent<HTMLInputElement>): void => {
    const el = e.currentTarget
    const at = el.selectionStart ?? line.length
    switch (e.key.toLowerCase()) {
      case 'c':
        return interrupt(e)
      case 'l':
        e.preventDefault()
        return clearTerminal()
      case 'u':
        e.preventDefault()
        return setLineAt(line.slice(at), 0)
      case 'a':
        e.preventDefault()
        return el.setSelectionRange(0, 0)
      case 'e':
        e.preventDefault()
        return el.setSelectionRange(line.length, line.length)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault()
      // Tabs are answered in order, each on the line the previous one left, as keys in a tty.
      tabs.current = tabs.current.then(tab)
      return
    }
    if (e.key !== 'Shift') afterTab.current = null
    if (e.key === 'Enter') {
      e.preventDefault()
      setLine('')
      setRecall(null)
      void runCommand(line)
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault()
      recallHistory(e.key === 'ArrowUp')
    } else if (e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey) control(e)
  }

  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const text = e.clipboardData.getData('text/plain')
    if (!/[\r\n]/.test(text)) return
    e.preventDefault()
    afterTab.current = null
    const el = e.currentTarget
    const start = el.selectionStart ?? line.length
    const tail = line.slice(el.selectionEnd ?? start)
    const lines = `${line.slice(0, start)}${text}${tail}`.split(/\r\n|\r|\n/)
    const rest = lines.pop() ?? ''
    setRecall(null)
    setLineAt(rest, rest.length - tail.length)
    void runLines(lines)
  }

  const onChange = (value: string): void => {
    afterTab.current = null
    setLine(value)
  }

  return { line, input, onChange, onKeyDown, onPaste }
}
