// What a command prints, as the terminal would show it: the command line, then its output in a
// <pre>, or its error as a short note. Keeps the last output while a newer one is on its way.

import { useId } from 'react'
import type { QueryState } from './useQuery'
import { firstLine } from './inspect-view'

type Props = {
  readonly title: string
  readonly command: string
  readonly state: QueryState
}

function Output({ state }: { readonly state: QueryState }) {
  const { reply } = state
  if (!reply) return <pre className="inspector__pre inspector__pre--loading">…</pre>
  if (reply.exitCode !== 0)
    return <p className="inspector__note">{firstLine(reply.stderr) || 'No output'}</p>
  return <pre className="inspector__pre">{reply.stdout}</pre>
}

/** A section showing one command's output. */
export function CommandOutput({ title, command, state }: Props) {
  const id = useId()
  return (
    <section className="inspector__section" aria-labelledby={id} aria-busy={state.loading}>
      <h3 className="inspector__heading" id={id}>
        {title}
      </h3>
      <p className="inspector__command">
        <code>{command}</code>
      </p>
      <Output state={state} />
    </section>
  )
}

/** The full JSON of an inspect command, folded away. */
export function RawJson({ command, state }: Omit<Props, 'title'>) {
  return (
    <details className="inspector__raw">
      <summary>
        Raw JSON <code>{command}</code>
      </summary>
      <Output state={state} />
    </details>
  )
}
