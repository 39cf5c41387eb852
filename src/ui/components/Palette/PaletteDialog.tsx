// The frame every palette form shares: a non-modal dialog with its heading and Close button,
// Docker's refusal when it has one, the command lines the form stands for, and Cancel / submit.

import type { FormEvent, KeyboardEvent, ReactNode, Ref } from 'react'
import { useLab } from '../../store/context'
import { useHostPrompt } from './useCreate'

export type PaletteDialogProps = {
  readonly id: string
  readonly title: string
  readonly submitLabel: string
  /** What the submit button says while the commands run (default `Creating…`). */
  readonly busyLabel?: string
  /** The lines submitting runs, one per terminal command. */
  readonly lines: readonly string[]
  /** Docker's error from the last attempt (its exact text). */
  readonly error: string | null
  /** True while the commands are checked and run: nothing else may be started or closed. */
  readonly busy: boolean
  readonly onSubmit: () => void
  readonly onClose: () => void
  readonly children: ReactNode
}

export function PaletteDialog(props: PaletteDialogProps) {
  const { id, title, lines, error, busy, onClose } = props
  const ready = useLab((s) => s.status === 'ready')
  const prompt = useHostPrompt().trimEnd() || '#'
  const close = (): void => {
    if (!busy) onClose()
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    close()
  }
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!busy && ready) props.onSubmit()
  }
  return (
    <section
      id={id}
      className="palette-form popover-card"
      role="dialog"
      aria-labelledby={`${id}-title`}
      aria-busy={busy}
      onKeyDown={onKeyDown}
    >
      <div className="palette-form__head popover-card__head">
        <h2 id={`${id}-title`} className="palette-form__title popover-card__title">
          {title}
        </h2>
        <button
          type="button"
          className="palette-form__close popover-card__close"
          aria-label="Close"
          disabled={busy}
          onClick={close}
        >
          ×
        </button>
      </div>
      <form className="palette-form__body popover-card__body" onSubmit={submit} noValidate>
        {props.children}
        {error !== null && (
          <pre className="palette-form__docker-error" role="alert">
            {error}
          </pre>
        )}
        <pre className="palette-form__preview" role="group" aria-label="Commands to run">
          {lines.map((line, i) => (
            <span key={i} className="palette-form__line">
              <span className="palette-form__prompt">{prompt}</span> {line}
              {'\n'}
            </span>
          ))}
        </pre>
        <div className="palette-form__actions popover-card__actions">
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="palette-form__submit popover-card__submit"
            disabled={busy || !ready}
          >
            {busy ? (props.busyLabel ?? 'Creating…') : props.submitLabel}
          </button>
        </div>
      </form>
    </section>
  )
}

export type TextFieldProps = {
  readonly id: string
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  /** A local refusal (an empty required field), shown under the field once submit was tried. */
  readonly error?: string | undefined
  readonly hint?: string | undefined
  readonly placeholder?: string | undefined
  /** Addresses, ports and commands read better in the terminal's font. */
  readonly mono?: boolean
  /** A datalist's id, for suggestions. */
  readonly list?: string
  readonly required?: boolean
  readonly inputRef?: Ref<HTMLInputElement>
}

/** A labelled text input with its hint and its error under it. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  inputRef,
  ...rest
}: TextFieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  return (
    <div className="palette-form__field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className={`palette-form__input${rest.mono ? ' palette-form__input--mono' : ''}`}
        value={value}
        placeholder={rest.placeholder}
        list={rest.list}
        required={rest.required}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="palette-form__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="palette-form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
