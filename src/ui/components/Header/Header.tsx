// The app's title bar: product name, what it is for, and the "Trace a packet" form's button
// (the form opens under it, over the diagram).

import { useRef } from 'react'
import { useLab } from '../../store/context'
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
      <button
        ref={toggle}
        type="button"
        className="header__trace"
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
      {open && <TraceForm fallbackFocus={() => toggle.current?.focus()} />}
    </header>
  )
}
