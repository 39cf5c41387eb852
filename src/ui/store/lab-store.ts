// The UI's one store (zustand vanilla), fed by the engine client outside React. It holds what
// the UI shows; networking semantics live in the engine, reached only through the client.

import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RecordId, Snapshot } from '../../engine'
import type { EngineClient } from '../../worker/client'
import type { CompletionReply, ExecReply } from '../../worker/protocol'

/** The terminal's height, in percent of the app's height: default, smallest and largest. */
export const TERMINAL_HEIGHT = { initial: 38, min: 12, max: 85 } as const

/** One block of the terminal's scrollback. */
export type TerminalEntry =
  | {
      readonly kind: 'command'
      readonly id: number
      readonly prompt: string
      readonly line: string
    }
  | {
      readonly kind: 'output'
      readonly id: number
      readonly stdout: string
      readonly stderr: string
    }
  | { readonly kind: 'notice'; readonly id: number; readonly text: string }

export type LabState = {
  readonly status: 'starting' | 'ready' | 'failed'
  readonly error: string | null
  readonly snapshot: Snapshot | null
  readonly selected: RecordId | null
  readonly prompt: string
  readonly entries: readonly TerminalEntry[]
  readonly history: readonly string[]
  readonly busy: boolean
  /** Percent of the app's height the terminal takes (the splitter sets it; not persisted). */
  readonly terminalHeight: number
}

export type LabActions = {
  readonly select: (record: RecordId | null) => void
  /** Runs a command line as if typed: echoed with its prompt, then its output. */
  readonly runCommand: (line: string) => Promise<ExecReply>
  /** Runs lines one after the other, each waiting for the previous reply (a pasted block). */
  readonly runLines: (lines: readonly string[]) => Promise<void>
  readonly clearTerminal: () => void
  /** Tab: asks the engine's shell to complete `line` at `cursor`. */
  readonly complete: (line: string, cursor: number) => Promise<CompletionReply>
  /** Double Tab: the line with its prompt, then the candidates (already laid out in columns). */
  readonly showCandidates: (line: string, listing: string) => void
  /** Ctrl-C: the abandoned line is left in the scrollback with `^C`, as bash leaves it. */
  readonly interruptLine: (line: string) => void
  /** Sets the terminal's height (percent), clamped to TERMINAL_HEIGHT's range. */
  readonly resizeTerminal: (percent: number) => void
}

export type LabStore = StoreApi<LabState & LabActions>

export function createLabStore(client: EngineClient): LabStore {
  let seq = 0
  const store = createStore<LabState & LabActions>()((set, get) => ({
    status: 'starting',
    error: null,
    snapshot: null,
    selected: null,
    prompt: '',
    entries: [],
    history: [],
    busy: false,
    terminalHeight: TERMINAL_HEIGHT.initial,
    select: (selected) => set({ selected }),
    clearTerminal: () => set({ entries: [] }),
    complete: (line, cursor) => client.complete(line, cursor),
    showCandidates: (line, listing) =>
      set((s) => ({
        entries: [
          ...s.entries,
          { kind: 'command', id: seq++, prompt: s.prompt, line },
          { kind: 'output', id: seq++, stdout: listing, stderr: '' },
        ],
      })),
    interruptLine: (line) =>
      set((s) => ({
        entries: [
          ...s.entries,
          { kind: 'command', id: seq++, prompt: s.prompt, line: `${line}^C` },
        ],
      })),
    resizeTerminal: (percent) =>
      set({
        terminalHeight: Math.min(TERMINAL_HEIGHT.max, Math.max(TERMINAL_HEIGHT.min, percent)),
      }),
    runLines: async (lines) => {
      for (const line of lines) await get().runCommand(line)
    },
    runCommand: async (line) => {
      const prompt = get().prompt
      const trimmed = line.trim()
      set((s) => ({
        entries: [...s.entries, { kind: 'command', id: seq++, prompt, line }],
        history: trimmed === '' ? s.history : [...s.history, line],
        busy: true,
      }))
      if (trimmed === 'clear') {
        set({ entries: [], busy: false })
        return { stdout: '', stderr: '', exitCode: 0, prompt }
      }
      try {
        const reply = await client.exec(line)
        set((s) => ({
          prompt: reply.prompt,
          busy: false,
          entries:
            reply.stdout === '' && reply.stderr === ''
              ? s.entries
              : [
                  ...s.entries,
                  { kind: 'output', id: seq++, stdout: reply.stdout, stderr: reply.stderr },
                ],
        }))
        return reply
      } catch (e) {
        const text = `docker-network-lab: internal error: ${e instanceof Error ? e.message : String(e)}`
        set((s) => ({ busy: false, entries: [...s.entries, { kind: 'notice', id: seq++, text }] }))
        return { stdout: '', stderr: `${text}\n`, exitCode: 70, prompt }
      }
    },
  }))
  client.subscribe((snapshot) => store.setState({ snapshot }))
  client.ready.then(
    (snapshot) => store.setState({ status: 'ready', snapshot, prompt: client.prompt() }),
    (e: unknown) =>
      store.setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) }),
  )
  return store
}
