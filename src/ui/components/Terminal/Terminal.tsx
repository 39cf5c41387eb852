// Root shells on the host, one per tab (a second tab for the other end of an `nc`, as the
// tutorials open a second terminal): scrollback (a live log region for screen readers,
// selectable for copy) and a command line edited as in bash (see useLineEditor.ts: history, Tab
// completion, Ctrl-C, Ctrl-U, Ctrl-A/E, Ctrl-L, pasted blocks run line by line).

import { memo, useEffect, useRef } from 'react'
import { useLab } from '../../store/context'
import { activeTab, type TerminalEntry } from '../../store/lab-store'
import { useLineEditor } from './useLineEditor'
import './Terminal.css'

/** Characters per line when the width cannot be measured (jsdom, a hidden panel). */
const FALLBACK_COLUMNS = 80

/**
 * Blocks of scrollback drawn (a terminal's scrollback is finite too; xterm keeps 1,024 lines by
 * default): older blocks stay in the store, but are not laid out on every command.
 */
const SCROLLBACK = 1500

/** Entries never change once written: each is rendered once (React.memo on identity). */
const Entry = memo(function Entry({ entry }: { readonly entry: TerminalEntry }) {
  switch (entry.kind) {
    case 'command':
      return (
        <div className="terminal__line">
          <span className="terminal__prompt">{entry.prompt}</span>
          {entry.line}
        </div>
      )
    case 'output':
      return (
        <pre className="terminal__output">
          {entry.stdout}
          {entry.stderr !== '' && <span className="terminal__stderr">{entry.stderr}</span>}
        </pre>
      )
    case 'notice':
      return (
        <div className="terminal__notice" role="alert">
          {entry.text}
        </div>
      )
  }
})

function Tabs() {
  const terminals = useLab((s) => s.terminals)
  const active = useLab((s) => s.activeTerminal)
  const show = useLab((s) => s.showTerminal)
  const open = useLab((s) => s.openTerminal)
  const close = useLab((s) => s.closeTerminal)
  const ready = useLab((s) => s.status === 'ready')
  // Only tabs may sit in a tablist: the close buttons are its siblings, put back beside their
  // tab by `order` (the tablist's box is `display: contents`).
  return (
    <div className="terminal__tabs">
      <div className="terminal__tablist" role="tablist" aria-label="Terminals">
        {terminals.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`terminal-tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls="terminal-log"
            className="terminal__tab"
            style={{ order: 2 * i }}
            onClick={() => show(t.id)}
          >
            {t.title}
            {t.prompt === '' && ready ? ' •' : ''}
          </button>
        ))}
      </div>
      {terminals.map(
        (t, i) =>
          i > 0 && (
            <button
              key={t.id}
              type="button"
              className="terminal__tab-close"
              aria-label={`Close ${t.title}`}
              style={{ order: 2 * i + 1 }}
              onClick={() => close(t.id)}
            >
              ×
            </button>
          ),
      )}
      <button
        type="button"
        className="terminal__tab-new"
        aria-label="New terminal"
        title="New terminal (another shell on the host)"
        style={{ order: 2 * terminals.length }}
        disabled={!ready}
        onClick={() => void open()}
      >
        +
      </button>
    </div>
  )
}

export function Terminal() {
  const tab = useLab(activeTab)
  const { entries, prompt, busy } = tab
  const status = useLab((s) => s.status)
  const log = useRef<HTMLDivElement>(null)
  const probe = useRef<HTMLSpanElement>(null)

  const columns = (): number => {
    const char = (probe.current?.getBoundingClientRect().width ?? 0) / 10
    const el = log.current
    if (!el || char <= 0) return FALLBACK_COLUMNS
    const style = getComputedStyle(el)
    const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    return Math.max(1, Math.floor(inner / char))
  }
  const { line, input, onChange, onKeyDown, onPaste } = useLineEditor(columns)

  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight
  }, [entries])

  // A new or newly shown tab takes the keyboard.
  useEffect(() => {
    input.current?.focus({ preventScroll: true })
  }, [tab.id, input])

  // A click focuses the command line, unless it ended a selection the user is about to copy.
  const onClick = (): void => {
    if ((window.getSelection()?.toString() ?? '') === '')
      input.current?.focus({ preventScroll: true })
  }

  return (
    <section id="terminal" className="terminal" aria-label="Terminal" onClick={onClick}>
      <span ref={probe} className="terminal__probe" aria-hidden="true">
        0000000000
      </span>
      <Tabs />
      <div
        ref={log}
        id="terminal-log"
        className="terminal__log"
        role="log"
        aria-live="polite"
        aria-label="Terminal output"
      >
        {(entries.length > SCROLLBACK ? entries.slice(-SCROLLBACK) : entries).map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
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
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
        </div>
      </div>
    </section>
  )
}
