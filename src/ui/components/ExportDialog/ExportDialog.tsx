// "Under the hood" (Show what Docker does): a host's data plane as the real ip, bridge and
// iptables-restore commands that rebuild it in namespaces, or the script that removes them. It
// shows `export-commands [--cleanup] HOST` run on a copy of the world (nothing changes), again
// whenever the world does; the script can be copied or downloaded. A non-modal dialog: Escape
// closes it and focus goes back to its button.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useLab } from '../../store/context'
import { useQuery } from '../Inspector/useQuery'
import { exportCommand, exportHosts, scriptFileName } from './export-command'
import '../PopoverCard/popover-card.css'
import './ExportDialog.css'

const DIALOG_ID = 'export-dialog'
/** How long "Copied" stays. */
const COPIED_MS = 2500

export function ExportButton() {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        className="header__button export-button"
        title="Show what Docker does"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? DIALOG_ID : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) close()
        }}
      >
        <span aria-hidden="true" className="export-button__icon">
          $_
        </span>
        {/* Hidden on narrower windows (the icon stays): still the button's name. */}
        <span className="export-button__label">Under the hood</span>
      </button>
      {open && <ExportDialog onClose={close} />}
    </>
  )
}

type CopyState = { readonly text: string; readonly ok: boolean }

export type ExportDialogProps = {
  /** Closes the dialog (the opener takes focus back). */
  readonly onClose: () => void
}

export function ExportDialog({ onClose }: ExportDialogProps) {
  const snapshot = useLab((s) => s.snapshot)
  const hosts = exportHosts(snapshot)
  const [chosen, setChosen] = useState('')
  const [cleanup, setCleanup] = useState(false)
  const [copy, setCopy] = useState<CopyState | null>(null)
  const first = useRef<HTMLSelectElement>(null)
  useEffect(() => first.current?.focus(), [])

  // A host gone from the world (removed, another scenario loaded) falls back to the first.
  const host = hosts.includes(chosen) ? chosen : (hosts[0] ?? '')
  const line = host === '' ? undefined : exportCommand(host, cleanup)
  const { reply, loading } = useQuery(line, String(snapshot?.rev ?? -1))
  const failed = reply !== undefined && reply.exitCode !== 0
  const script = reply !== undefined && !failed ? reply.stdout : undefined
  const copied = copy !== null && copy.text === script ? copy : null

  useEffect(() => {
    if (copy === null) return
    const timer = setTimeout(() => setCopy(null), COPIED_MS)
    return () => clearTimeout(timer)
  }, [copy])

  const onCopy = async (): Promise<void> => {
    if (script === undefined) return
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(script)
      setCopy({ text: script, ok: true })
    } catch {
      setCopy({ text: script, ok: false })
    }
  }
  const onDownload = (): void => {
    if (script === undefined) return
    const url = URL.createObjectURL(new Blob([script], { type: 'text/x-sh' }))
    const a = document.createElement('a')
    a.href = url
    a.download = scriptFileName(host, cleanup)
    a.hidden = true
    document.body.append(a)
    a.click()
    a.remove()
    // After the click's download has started.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    onClose()
  }

  return (
    <section
      id={DIALOG_ID}
      className="export-dialog popover-card"
      role="dialog"
      aria-labelledby="export-dialog-title"
      aria-describedby="export-dialog-intro"
      onKeyDown={onKeyDown}
    >
      <div className="popover-card__head">
        <h2 id="export-dialog-title" className="popover-card__title">
          What Docker does under the hood
        </h2>
        <button type="button" className="popover-card__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="export-dialog__body popover-card__body">
        <p id="export-dialog-intro" className="export-dialog__intro">
          {cleanup
            ? `The commands that remove every namespace ${host}’s script makes, run them after it.`
            : `The real ip, bridge and iptables-restore commands that rebuild ${host}’s network in namespaces, each block under the Docker action it stands for.`}
        </p>
        <div className="export-dialog__controls">
          <label className="export-dialog__host">
            <span>Host</span>
            <select
              ref={first}
              value={host}
              disabled={hosts.length === 0}
              onChange={(e) => setChosen(e.target.value)}
            >
              {hosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
          <label className="export-dialog__cleanup">
            <input
              type="checkbox"
              checked={cleanup}
              onChange={(e) => setCleanup(e.target.checked)}
            />
            Cleanup script
          </label>
        </div>
        {failed ? (
          <pre className="export-dialog__error" role="alert">
            {reply.stderr.trimEnd() || `export-commands exited with status ${reply.exitCode}`}
          </pre>
        ) : (
          <pre
            className="export-dialog__script"
            role="region"
            aria-label={cleanup ? 'Cleanup script' : 'Script'}
            aria-busy={loading}
            // Scrollable: reachable with the keyboard.
            tabIndex={0}
          >
            {script ?? (loading ? 'Loading…' : '')}
          </pre>
        )}
        {line !== undefined && (
          <p className="export-dialog__terminal">
            The same in the terminal: <code>{line}</code>
          </p>
        )}
        <div className="export-dialog__actions popover-card__actions">
          <p
            className={`export-dialog__status${copied?.ok === false ? ' export-dialog__status--failed' : ''}`}
            role="status"
          >
            {copied === null
              ? ''
              : copied.ok
                ? 'Copied'
                : 'Copy failed: select the script and press Ctrl+C'}
          </p>
          <button type="button" disabled={script === undefined} onClick={() => void onCopy()}>
            Copy
          </button>
          <button
            type="button"
            className="popover-card__submit"
            disabled={script === undefined}
            onClick={onDownload}
          >
            Download
          </button>
        </div>
      </div>
    </section>
  )
}
