// The networks a new container joins: one checkbox per network of the host. The first ticked is
// joined by `docker run` (`--network`, implicit for the default bridge), the others afterwards
// with `docker network connect`; a tag on each ticked network says which.

import type { Ref } from 'react'

export type NetworkChoicesProps = {
  readonly networks: readonly { readonly name: string; readonly detail: string }[]
  /** Ticked networks, in the order they were ticked. */
  readonly chosen: readonly string[]
  readonly error?: string | undefined
  /** The first checkbox, focused when no network is chosen on submit. */
  readonly firstRef?: Ref<HTMLInputElement>
  readonly onChange: (chosen: string[]) => void
}

export function NetworkChoices({
  networks,
  chosen,
  error,
  firstRef,
  onChange,
}: NetworkChoicesProps) {
  const toggle = (name: string): void =>
    onChange(chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name])
  return (
    <fieldset
      className="palette-form__networks"
      aria-describedby={error ? 'palette-networks-error' : undefined}
    >
      <legend>Networks</legend>
      <ul className="palette-form__network-list">
        {networks.map((n, i) => {
          const at = chosen.indexOf(n.name)
          const id = `palette-network-choice-${i}`
          return (
            <li key={n.name} className="palette-form__network">
              <input
                ref={i === 0 ? firstRef : undefined}
                id={id}
                type="checkbox"
                checked={at >= 0}
                aria-describedby={`${id}-detail`}
                onChange={() => toggle(n.name)}
              />
              <label htmlFor={id}>{n.name}</label>
              <span id={`${id}-detail`} className="palette-form__network-detail">
                {n.detail}
                {at >= 0 && (
                  <span className="palette-form__network-role">
                    {at === 0 ? 'docker run' : 'connect'}
                  </span>
                )}
              </span>
            </li>
          )
        })}
      </ul>
      {error && (
        <p id="palette-networks-error" className="palette-form__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
