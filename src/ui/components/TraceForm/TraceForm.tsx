// "Trace a packet": pick where a packet starts and where it goes, its protocol and port, and
// run the `trace` command they stand for in the terminal (the trace player then shows it). A
// non-modal dialog: it keeps its choices in the store between openings; Escape closes it.

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react'
import { useLab } from '../../store/context'
import { activeTab, HOST_PROMPT, type TraceProto } from '../../store/lab-store'
import { containerEnds, PLACES, portError, traceCommand, type TraceEnd } from './trace-command'
import '../PopoverCard/popover-card.css'
import './TraceForm.css'

const PROTOS: readonly { readonly value: TraceProto; readonly label: string }[] = [
  { value: 'icmp', label: 'ICMP' },
  { value: 'tcp', label: 'TCP' },
  { value: 'udp', label: 'UDP' },
]

export type TraceFormProps = {
  /** Where focus goes when the form closes if what had it before is gone (the opener). */
  readonly fallbackFocus?: () => void
}

export function TraceForm({ fallbackFocus }: TraceFormProps) {
  const form = useLab((s) => s.traceForm)
  const snapshot = useLab((s) => s.snapshot)
  const ready = useLab((s) => s.status === 'ready')
  // Actions run at a host prompt (runAction): the active tab's if it is one, else another's.
  const prompt = useLab((s) =>
    HOST_PROMPT.test(activeTab(s).prompt)
      ? activeTab(s).prompt
      : (s.terminals.find((t) => HOST_PROMPT.test(t.prompt))?.prompt ?? '#'),
  )
  const edit = useLab((s) => s.editTraceForm)
  const closeForm = useLab((s) => s.closeTraceForm)
  const run = useLab((s) => s.runAction)
  const [attempted, setAttempted] = useState(false)
  // The element focused when the form opened, to give focus back when it closes.
  const [opener] = useState(() => document.activeElement)
  const first = useRef<HTMLSelectElement>(null)
  const portInput = useRef<HTMLInputElement>(null)
  useEffect(() => first.current?.focus(), [])

  const containers = containerEnds(snapshot)
  const known = (v: string): boolean => [...containers, ...PLACES].some((e) => e.value === v)
  const from = known(form.from) ? form.from : (containers[0]?.value ?? 'host')
  const to = known(form.to)
    ? form.to
    : (containers.find((c) => c.value !== from)?.value ?? 'internet')
  const error = portError(form.proto, form.port)
  const showError = error !== null && (attempted || form.port.trim() !== '')
  const command = traceCommand(from, to, form.proto, form.port)

  const close = (): void => {
    closeForm()
    if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body)
      opener.focus()
    else fallbackFocus?.()
  }
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    setAttempted(true)
    if (error !== null) {
      portInput.current?.focus()
      return
    }
    edit({ from, to })
    close()
    void run(command)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    close()
  }

  return (
    <section
      id="trace-form"
      className="trace-form popover-card"
      role="dialog"
      aria-labelledby="trace-form-title"
      onKeyDown={onKeyDown}
    >
      <div className="trace-form__head popover-card__head">
        <h2 id="trace-form-title" className="trace-form__title popover-card__title">
          Trace a packet
        </h2>
        <button
          type="button"
          className="trace-form__close popover-card__close"
          aria-label="Close"
          onClick={close}
        >
          ×
        </button>
      </div>
      <form className="trace-form__body popover-card__body" onSubmit={submit} noValidate>
        <EndSelect
          label="From"
          value={from}
          containers={containers}
          onChange={(v) => edit({ from: v })}
          selectRef={first}
        />
        <EndSelect
          label="To"
          value={to}
          containers={containers}
          onChange={(v) => edit({ to: v })}
        />
        <fieldset className="trace-form__protos">
          <legend>Protocol</legend>
          {PROTOS.map((p) => (
            <label key={p.value} className="trace-form__proto">
              <input
                type="radio"
                name="trace-proto"
                value={p.value}
                checked={form.proto === p.value}
                onChange={() => edit({ proto: p.value })}
              />
              {p.label}
            </label>
          ))}
        </fieldset>
        <label className="trace-form__field">
          <span>Port</span>
          <input
            ref={portInput}
            className="trace-form__port"
            inputMode="numeric"
            value={form.proto === 'icmp' ? '' : form.port}
            placeholder={form.proto === 'icmp' ? 'none for ICMP' : '1–65535'}
            disabled={form.proto === 'icmp'}
            aria-invalid={showError}
            aria-describedby={showError ? 'trace-form-port-error' : undefined}
            onChange={(e) => edit({ port: e.target.value })}
          />
        </label>
        {showError && (
          <p id="trace-form-port-error" className="trace-form__error" role="alert">
            {error}
          </p>
        )}
        <p className="trace-form__preview" role="group" aria-label="Command to run">
          <span className="trace-form__prompt">{prompt.trimEnd() || '#'}</span> {command}
        </p>
        <div className="trace-form__actions popover-card__actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="trace-form__run popover-card__submit" disabled={!ready}>
            Trace
          </button>
        </div>
      </form>
    </section>
  )
}

type EndSelectProps = {
  readonly label: string
  readonly value: string
  readonly containers: readonly TraceEnd[]
  readonly onChange: (value: string) => void
  readonly selectRef?: Ref<HTMLSelectElement>
}

function EndSelect({ label, value, containers, onChange, selectRef }: EndSelectProps) {
  return (
    <label className="trace-form__field">
      <span>{label}</span>
      <select ref={selectRef} value={value} onChange={(e) => onChange(e.target.value)}>
        {containers.length > 0 && (
          <optgroup label="Running containers">
            {containers.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Outside containers">
          {PLACES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  )
}
