// A palette form's submit: ask Docker first (a dry run on a copy of the world), then run the
// lines in a terminal, keeping Docker's error to show when it refuses.

import { useState } from 'react'
import { useLab } from '../../store/context'
import { activeTab, HOST_PROMPT } from '../../store/lab-store'
import { applyCommands } from './palette-commands'

export type Create = {
  /** Docker's refusal (or an internal error), shown in the form until the next attempt. */
  readonly error: string | null
  readonly create: (lines: readonly string[]) => Promise<void>
}

/** `onBusy` brackets the run; `onDone` is called once every line has run. */
export function useCreate(onBusy: (busy: boolean) => void, onDone: () => void): Create {
  const query = useLab((s) => s.queryCommand)
  const run = useLab((s) => s.runAction)
  const [error, setError] = useState<string | null>(null)
  const create = async (lines: readonly string[]): Promise<void> => {
    setError(null)
    onBusy(true)
    let failure: string | null
    try {
      failure = await applyCommands(lines, { query, run })
    } catch (e) {
      failure = `docker-network-lab: internal error: ${e instanceof Error ? e.message : String(e)}`
    }
    onBusy(false)
    if (failure === null) onDone()
    else setError(failure)
  }
  return { error, create }
}

/** The prompt GUI actions run at (runAction): the active tab's if at the host, else another's. */
export function useHostPrompt(): string {
  return useLab((s) =>
    HOST_PROMPT.test(activeTab(s).prompt)
      ? activeTab(s).prompt
      : (s.terminals.find((t) => HOST_PROMPT.test(t.prompt))?.prompt ?? ''),
  )
}
