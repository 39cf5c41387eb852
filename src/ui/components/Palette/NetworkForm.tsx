// "New network": the fields of `docker network create` a learner meets first (driver, name,
// subnet, gateway, IP range, internal), and the command they stand for.

import { useEffect, useRef, useState } from 'react'
import { PaletteDialog, TextField } from './PaletteDialog'
import { networkCommand, networkDraftError, type NetworkDraft } from './palette-commands'
import { useCreate } from './useCreate'

export type NetworkFormProps = {
  readonly draft: NetworkDraft
  readonly onDraft: (draft: NetworkDraft) => void
  readonly busy: boolean
  readonly onBusy: (busy: boolean) => void
  readonly onClose: () => void
  /** Every command ran: the form resets and closes. */
  readonly onDone: () => void
}

// Only the drivers the engine implements are offered.
const DRIVERS = ['bridge'] as const

export function NetworkForm({ draft, onDraft, busy, onBusy, onClose, onDone }: NetworkFormProps) {
  const [attempted, setAttempted] = useState(false)
  const { error, create } = useCreate(onBusy, onDone)
  const nameInput = useRef<HTMLInputElement>(null)
  useEffect(() => nameInput.current?.focus(), [])

  const invalid = networkDraftError(draft)
  const shown = attempted ? invalid : null
  const command = networkCommand(draft)
  const edit = (patch: Partial<NetworkDraft>): void => onDraft({ ...draft, ...patch })
  const submit = (): void => {
    setAttempted(true)
    if (invalid) nameInput.current?.focus()
    else void create([command])
  }
  const text = (key: 'subnet' | 'gateway' | 'ipRange', label: string, example: string) => (
    <TextField
      id={`palette-network-${key}`}
      label={label}
      value={draft[key]}
      placeholder={`optional, e.g. ${example}`}
      mono
      onChange={(v) => edit({ [key]: v })}
    />
  )

  return (
    <PaletteDialog
      id="palette-network"
      title="New network"
      submitLabel="Create"
      lines={[command]}
      error={error}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="palette-network-name"
        label="Name"
        value={draft.name}
        placeholder="e.g. backend"
        required
        error={shown?.message}
        inputRef={nameInput}
        onChange={(v) => edit({ name: v })}
      />
      <div className="palette-form__field">
        <label htmlFor="palette-network-driver">Driver</label>
        <select
          id="palette-network-driver"
          className="palette-form__input"
          value={draft.driver}
          onChange={(e) => edit({ driver: e.target.value as NetworkDraft['driver'] })}
        >
          {DRIVERS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      {text('subnet', 'Subnet', '172.30.0.0/16')}
      {text('gateway', 'Gateway', '172.30.0.1')}
      {text('ipRange', 'IP range', '172.30.5.0/24')}
      <label className="palette-form__check">
        <input
          type="checkbox"
          checked={draft.internal}
          onChange={(e) => edit({ internal: e.target.checked })}
        />
        Internal (no route out)
      </label>
    </PaletteDialog>
  )
}
