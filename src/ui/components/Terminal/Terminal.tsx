// The host's root shell: scrollback (a live log region for screen readers) and a command line
// with history (Up/Down), Ctrl-C to abandon a line and Ctrl-L to clear the screen.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useLab } from '../../store/context'
import './Terminal.css'

export function Terminal() {
  const entries = useLab((s) => s.entries)
  const prompt = useLab((s) => s.prompt)
  const history = useLab((s) => s.history)
  const busy = useLab((s) => s.busy)
  const status = useLab((s) => s.status)
  const runCommand = useLab((s) => s.runCommand)
  const clearTerminal = useLab((s) => s.clearTerminal)
  const [line, setLine] = useState('')
  const [cursor, setCursor] = useState<number | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const log = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight
  }, [entries])

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault()
      setLine('')
      setCursor(null)
      void runCommand(line)
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault()
      if (history.length === 0) return
      const up = e.key === 'ArrowUp'
      const at = cursor ?? history.length
      const next = Math.min(Math.max(at + (up ? -1 : 1), 0), history.length)
      setCursor(next === history.length ? null : next)
      setLine(next === history.length ? '' : (history[next] ?? ''))
    } else if (e.ctrlKey && e.key.toLowerCase() === 'l') {
      e.preventDefault()
      clearTerminal()
    } else if (
      e.ctrlKey &&
      e.key.toLowerCase() === 'c' &&
      input.current?.selectionStart === input.current?.selectionEnd
    ) {
      e.preventDefault()
      setLine('')
      setCursor(null)
    }
  }

  return (
    <section className="terminal" aria-label="Terminal" onClick={() => input.current?.focus()}>
      <div
        ref={log}
        className="terminal__log"
        role="log"
        aria-live="polite"
        aria-label="Terminal output"
      >
        {entries.map((entry) => {
          switch (entry.kind) {
            case 'command':
              return (
                <div key={entry.id} className="terminal__line">
                  <span className="terminal__prompt">{entry.prompt}</span>
                  {entry.line}
                </div>
              )
            case 'output':
              return (
                <pre key={entry.id} className="terminal__output">
                  {entry.stdout}
                  {entry.stderr !== '' && <span className="terminal__stderr">{entry.stderr}</span>}
                </pre>
              )
            case 'notice':
              return (
                <div key={entry.id} className="terminal__notice" role="alert">
                  {entry.text}
                </div>
              )
          }
        })}
        <div className="terminal__line terminal__input-line">
          <label className="terminal__prompt" htmlFor="terminal-input">
            {status === 'ready'
              ? prompt
              : status === 'failed'
                ? 'engine failed to start'
                : 'starting…'}
          </label>
          <input
            id="terminal-input"
            ref={input}
            className="terminal__input"
            aria-label="Command"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            disabled={status !== 'ready'}
            aria-busy={busy}
            value={line}
            onChange={(e) => setLine(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
      </div>
    </section>
  )
}
