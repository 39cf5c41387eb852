// Runs a command on a throw-away copy of the world (the store's queryCommand) and keeps its
// answer: again when `version` changes, ignoring answers that arrive after a newer question.

import { useEffect, useState } from 'react'
import { useLab } from '../../store/context'
import type { ExecReply } from '../../../worker/protocol'

export type QueryState = {
  /** The answer to this line: to an earlier `version` while `loading` (kept, no flicker). */
  readonly reply?: ExecReply
  readonly loading: boolean
}

type Answer = { readonly line: string; readonly version: string; readonly reply: ExecReply }

const failure = (e: unknown): ExecReply => ({
  stdout: '',
  stderr: `${e instanceof Error ? e.message : String(e)}\n`,
  exitCode: -1,
  prompt: '',
})

/** The output of `line` (none when undefined), rerun whenever `version` changes. */
export function useQuery(line: string | undefined, version: string): QueryState {
  const query = useLab((s) => s.queryCommand)
  const [answer, setAnswer] = useState<Answer | null>(null)
  useEffect(() => {
    if (line === undefined) return
    let live = true
    const keep = (reply: ExecReply): void => {
      if (live) setAnswer({ line, version, reply })
    }
    query(line).then(keep, (e: unknown) => keep(failure(e)))
    return () => {
      live = false
    }
  }, [query, line, version])
  if (line === undefined) return { loading: false }
  const same = answer?.line === line
  return {
    ...(same ? { reply: answer.reply } : {}),
    loading: !same || answer.version !== version,
  }
}
