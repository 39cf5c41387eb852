// The app's title bar: product name, what it is for, undo/redo, the palette that creates
// containers and networks, the "Trace a packet" form's button and "Under the hood" (the exported
// script of a host's data plane) (forms open under them).

import { useRef } from 'react'
import { useLab } from '../../store/context'
import { ExportButton } from '../ExportDialog/ExportDialog'
import { HistoryButtons } from '../HistoryButtons/HistoryButtons'
import { Palette } from '../Palette/Palette'
import { ThemeToggle } from '../ThemeToggle/ThemeToggle'
import { TraceForm } from '../TraceForm/TraceForm'
import './Header.css'

export function Header() {
  const open = useLab((s) => s.traceForm.open)
  const openForm = useLab((s) => s.openTraceForm)
  const closeForm = useLab((s) => s.closeTraceForm)
  const toggle = useRef<HTMLButtonElement>(null)
  return (
    <header className="header">
      <h1 className="header__title">
        <span aria-hidden="true" className="header__logo">
          ⬡
        </span>
        Docker Network Lab
      </h1>
      <p className="header__tagline">
        See how Docker wires containers together: bridges, veth pairs, namespaces and iptables,
        live.
      </p>
      <div className="header__actions">
        <HistoryButtons />
        <Palette />
        <button
          ref={toggle}
          type="button"
          className="header__button header__trace"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? 'trace-form' : undefined}
          onClick={() => (open ? closeForm() : openForm())}
        >
          <span aria-hidden="true" className="header__trace-icon">
            ➜
          </span>
          Trace a packet
        </button>
        <ExportButton />
        <ThemeToggle />
      </div>
      {open && <TraceForm fallbackFocus={() => toggle.current?.focus()} />}
    </header>
  )
}
