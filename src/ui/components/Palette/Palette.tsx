// The palette: "New container", "New network" and "New host" buttons, each opening its form
// under them.
// The forms keep what was typed while closed (cleared once their commands ran); focus moves
// into a form when it opens and back to its button when it closes.

import { useRef, useState } from 'react'
import { ContainerForm } from './ContainerForm'
import { EMPTY_HOST } from './host-commands'
import { HostForm } from './HostForm'
import { NetworkForm } from './NetworkForm'
import { EMPTY_CONTAINER, EMPTY_NETWORK } from './palette-commands'
import '../PopoverCard/popover-card.css'
import './Palette.css'

type FormKind = 'container' | 'network' | 'host'

const FORMS: readonly { readonly kind: FormKind; readonly label: string; readonly id: string }[] = [
  { kind: 'container', label: 'New container', id: 'palette-container' },
  { kind: 'network', label: 'New network', id: 'palette-network' },
  { kind: 'host', label: 'New host', id: 'palette-host' },
]

export function Palette() {
  const [open, setOpen] = useState<FormKind | null>(null)
  const [busy, setBusy] = useState(false)
  const [container, setContainer] = useState(EMPTY_CONTAINER)
  const [network, setNetwork] = useState(EMPTY_NETWORK)
  const [host, setHost] = useState(EMPTY_HOST)
  const buttons = useRef<Partial<Record<FormKind, HTMLButtonElement | null>>>({})

  const close = (): void => {
    if (open === null) return
    setOpen(null)
    buttons.current[open]?.focus()
  }
  const done = (): void => {
    if (open === 'container') setContainer(EMPTY_CONTAINER)
    if (open === 'network') setNetwork(EMPTY_NETWORK)
    if (open === 'host') setHost(EMPTY_HOST)
    close()
  }
  const toggle = (kind: FormKind): void => {
    if (busy) return
    if (open === kind) close()
    else setOpen(kind)
  }
  const formProps = { busy, onBusy: setBusy, onClose: close, onDone: done }

  return (
    // Escape from the buttons too, not only from inside a form (the dialogs are not modal).
    <div
      className="palette"
      role="group"
      aria-label="Create"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open !== null && !busy) close()
      }}
    >
      {FORMS.map((f) => (
        <button
          key={f.kind}
          ref={(el) => {
            buttons.current[f.kind] = el
          }}
          type="button"
          className="palette__button"
          aria-haspopup="dialog"
          aria-expanded={open === f.kind}
          aria-controls={open === f.kind ? f.id : undefined}
          onClick={() => toggle(f.kind)}
        >
          <span aria-hidden="true" className="palette__plus">
            +
          </span>
          {f.label}
        </button>
      ))}
      {open === 'container' && (
        <ContainerForm draft={container} onDraft={setContainer} {...formProps} />
      )}
      {open === 'network' && <NetworkForm draft={network} onDraft={setNetwork} {...formProps} />}
      {open === 'host' && <HostForm draft={host} onDraft={setHost} {...formProps} />}
    </div>
  )
}
