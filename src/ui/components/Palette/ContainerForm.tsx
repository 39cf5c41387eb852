// "New container": `docker run -d` with an image, a name, networks, published ports, an address
// and a command, plus a `docker network connect` per further network.

import { useEffect, useRef, useState } from 'react'
import { useLab } from '../../store/context'
import { NetworkChoices } from './NetworkChoices'
import { PaletteDialog, TextField } from './PaletteDialog'
import {
  commandText,
  containerCommands,
  containerDraftError,
  hostNetworks,
  imageChoices,
  promptHostname,
  type ContainerDraft,
} from './palette-commands'
import { useCreate, useHostPrompt } from './useCreate'

export type ContainerFormProps = {
  readonly draft: ContainerDraft
  readonly onDraft: (draft: ContainerDraft) => void
  readonly busy: boolean
  readonly onBusy: (busy: boolean) => void
  readonly onClose: () => void
  /** Every command ran: the form resets and closes. */
  readonly onDone: () => void
}

type Focusable = 'image' | 'name' | 'networks' | 'command'

export function ContainerForm(props: ContainerFormProps) {
  const { draft, onDraft, busy } = props
  const snapshot = useLab((s) => s.snapshot)
  const hostname = promptHostname(useHostPrompt())
  const [attempted, setAttempted] = useState(false)
  const { error, create } = useCreate(props.onBusy, props.onDone)
  const imageRef = useRef<HTMLInputElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const networksRef = useRef<HTMLInputElement>(null)
  const commandRef = useRef<HTMLInputElement>(null)
  useEffect(() => imageRef.current?.focus(), [])

  const networks = hostNetworks(snapshot, hostname)
  // Networks removed since they were ticked drop out of the command.
  const chosen = snapshot
    ? draft.networks.filter((n) => networks.some((k) => k.name === n))
    : draft.networks
  const effective = { ...draft, networks: chosen }
  const invalid = containerDraftError(effective)
  const lines = containerCommands(effective)
  const errorOf = (field: Focusable): string | undefined =>
    attempted && invalid?.field === field ? invalid.message : undefined
  const edit = (patch: Partial<ContainerDraft>): void => onDraft({ ...draft, ...patch })
  const submit = (): void => {
    setAttempted(true)
    if (invalid) {
      const refs = { image: imageRef, name: nameRef, networks: networksRef, command: commandRef }
      refs[invalid.field].current?.focus()
    } else void create(lines)
  }

  return (
    <PaletteDialog
      id="palette-container"
      title="New container"
      submitLabel="Run"
      lines={lines}
      error={error}
      busy={busy}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextField
        id="palette-container-image"
        label="Image"
        value={draft.image}
        placeholder="e.g. nginx"
        list="palette-images"
        required
        error={errorOf('image')}
        inputRef={imageRef}
        onChange={(image) => edit({ image })}
      />
      <datalist id="palette-images">
        {imageChoices(snapshot).map((i) => (
          <option key={i} value={i} />
        ))}
      </datalist>
      <TextField
        id="palette-container-name"
        label="Name"
        value={draft.name}
        placeholder={chosen.length > 1 ? 'needed to connect more networks' : 'optional'}
        error={errorOf('name')}
        inputRef={nameRef}
        onChange={(name) => edit({ name })}
      />
      <NetworkChoices
        networks={networks}
        chosen={chosen}
        error={errorOf('networks')}
        firstRef={networksRef}
        onChange={(next) => edit({ networks: next })}
      />
      <TextField
        id="palette-container-ports"
        label="Ports"
        value={draft.ports}
        placeholder="optional, e.g. 8080:80, 127.0.0.1:5353:53/udp"
        mono
        onChange={(ports) => edit({ ports })}
      />
      <TextField
        id="palette-container-ip"
        label="IPv4 address"
        value={draft.ip}
        placeholder="optional, e.g. 172.30.0.10"
        hint={`On ${chosen[0] ?? 'the first network'}; Docker needs a subnet you chose.`}
        mono
        onChange={(ip) => edit({ ip })}
      />
      <TextField
        id="palette-container-command"
        label="Command"
        value={commandText(draft)}
        placeholder="the image's default"
        mono
        error={errorOf('command')}
        inputRef={commandRef}
        onChange={(command) => edit({ command })}
      />
    </PaletteDialog>
  )
}
