// "New host": another machine on the underlay (`lab host add`), with an optional name and LAN;
// it gets the LAN's next free address and dockerd, as the default world's host has them.

import { useEffect, useRef } from 'react'
import { useLab } from '../../store/context'
import { hostCommand, lanChoices, nextHostName, type HostDraft } from './host-commands'
import { PaletteDialog, TextField } from './PaletteDialog'
import { useCreate } from './useCreate'

export type HostFormProps = {
  readonly draft: HostDraft
  readonly onDraft: (draft: HostDraft) => void
  readonly busy: boolean
  readonly onBusy: (busy: boolean) => void
  readonly onClose: () => void
  /** The command ran: the form resets and closes. */
  readonly onDone: () => void
}

export function HostForm({ draft, onDraft, busy, onBusy, onClose, onDone }: HostFormProps) {
  const snapshot = useLab((s) => s.snapshot)
  const { error, create } = useCreate(onBusy, onDone)
  const nameInput = useRef<HTMLInputElement>(null)
  useEffect(() => nameInput.current?.focus(), [])

  const lans = lanChoices(snapshot)
  const first = lans[0]?.name
  // A LAN gone from the world (another scenario loaded) falls back to the first.
  const lan = lans.some((l) => l.name === draft.lan) ? draft.lan : (first ?? '')
  const command = hostCommand({ ...draft, lan }, first)
  const edit = (patch: Partial<HostDraft>): void => onDraft({ ...draft, ...patch })

  return (
    <PaletteDialog
      id="palette-host"
      title="New host"
      submitLabel="Add"
      busyLabel="Adding…"
      lines={[command]}
      error={error}
      busy={busy}
      onSubmit={() => void create([command])}
      onClose={onClose}
    >
      <TextField
        id="palette-host-name"
        label="Name"
        value={draft.name}
        placeholder={`optional, default ${nextHostName(snapshot)}`}
        inputRef={nameInput}
        onChange={(name) => edit({ name })}
      />
      <div className="palette-form__field">
        <label htmlFor="palette-host-lan">LAN</label>
        <select
          id="palette-host-lan"
          className="palette-form__input"
          value={lan}
          aria-describedby="palette-host-lan-hint"
          onChange={(e) => edit({ lan: e.target.value })}
        >
          {lans.map((l) => (
            <option key={l.id} value={l.name}>
              {`${l.name} (${l.subnet})`}
            </option>
          ))}
        </select>
        <p id="palette-host-lan-hint" className="palette-form__hint">
          Its eth0 takes the LAN&apos;s next free address from .11 up; dockerd runs on it.
        </p>
      </div>
    </PaletteDialog>
  )
}
