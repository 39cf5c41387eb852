// The UI's one store (zustand vanilla), fed by the engine client outside React. It holds what
// the UI shows; networking semantics live in the engine, reached only through the client.

import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RecordId, Snapshot } from '../../engine'
import { exchangesOf, type PlayerTrace } from '../trace/exchange'
import type { EngineClient, HistoryState, HistoryStep } from '../../worker/client'
import type { GraphDiff, GraphModel, ViewOptions } from '../../view/graph/types'
import {
  FIRST_SESSION,
  type CompletionReply,
  type ExecReply,
  type SessionId,
} from '../../worker/protocol'

/** The diagram first shows the kernel view (namespaces, veths, bridges), without rule notes. */
export const DEFAULT_VIEW: ViewOptions = { level: 'kernel', rules: false }

/** The terminal's height, in percent of the app's height: default, smallest and largest. */
export const TERMINAL_HEIGHT = { initial: 32, min: 12, max: 85 } as const

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

/**
 * One terminal tab: a root shell on the host (an engine session) with its own scrollback,
 * prompt and history. While a program holds it (`nc -l`), the prompt is empty and typed lines
 * are that program's input.
 */
export type TerminalTab = {
  readonly id: SessionId
  readonly title: string
  readonly prompt: string
  readonly entries: readonly TerminalEntry[]
  readonly history: readonly string[]
  readonly busy: boolean
}

/** The protocols the `trace` command probes with. */
export type TraceProto = 'icmp' | 'tcp' | 'udp'

/**
 * The "Trace a packet" form: open or not, and what it holds (kept while it is closed, so it
 * reopens with the last choices). `from`/`to` are `trace` words (a container's name, `host`,
 * `lan`, `internet`), empty until chosen; `port` is the text typed, validated by the form.
 */
export type TraceFormState = {
  readonly open: boolean
  readonly from: string
  readonly to: string
  readonly proto: TraceProto
  readonly port: string
}

export type LabState = {
  readonly status: 'starting' | 'ready' | 'failed'
  readonly error: string | null
  readonly snapshot: Snapshot | null
  readonly selected: RecordId | null
  readonly terminals: readonly TerminalTab[]
  readonly activeTerminal: SessionId
  /** The last packet trace a command produced (ping, nc, curl, trace…), open in the player. */
  readonly trace: (PlayerTrace & { readonly title: string }) | null
  /** The step of `trace` shown (0-based). */
  readonly traceStep: number
  /** Every exchange the command made (its DNS query, then its packet…); `trace` is one of them. */
  readonly traceChoices: readonly PlayerTrace[]
  /** Percent of the app's height the terminal takes (the splitter sets it; not persisted). */
  readonly terminalHeight: number
  readonly traceForm: TraceFormState
  /** What the diagram shows (Docker or kernel view, rules overlay). */
  readonly view: ViewOptions
  /** The diagram's model for `view`, computed by the engine worker. */
  readonly graph: GraphModel | null
  /** The diff that made `graph` from the previous one (null: compare instead). */
  readonly graphDiff: GraphDiff | null
  /** The network or container the diagram is focused on (the rest dimmed), if any. */
  readonly focus: GraphFocus | null
  readonly theme: Theme
  /** Whether undo and redo can run, and the command line each would take back or run again. */
  readonly history: HistoryState
}

/** Focus on one network or one container (record ids). */
export type GraphFocus = { readonly network?: RecordId; readonly container?: RecordId }
export type Theme = 'light' | 'dark'

export type LabActions = {
  readonly select: (record: RecordId | null) => void
  /**
   * Runs a command line as if typed in a terminal (default: the active one): echoed with its
   * prompt, then its output.
   */
  readonly runCommand: (line: string, terminal?: SessionId) => Promise<ExecReply>
  /**
   * Runs the docker (or trace) command a GUI action stands for, in a terminal at the host's
   * prompt: the active one if it is there, else another tab that is, else a new tab — never as
   * input to a program or inside a container's shell. With `host` (the host the diagram's
   * element is on), a tab at that host's prompt; if none is, the line goes there by
   * `ssh HOST LINE` from another host's prompt, as one would type it.
   */
  readonly runAction: (line: string, host?: string) => Promise<ExecReply>
  /** Runs lines one after the other, each waiting for the previous reply (a pasted block). */
  readonly runLines: (lines: readonly string[]) => Promise<void>
  readonly clearTerminal: () => void
  /** Tab: asks the engine's shell to complete `line` at `cursor`. */
  readonly complete: (line: string, cursor: number) => Promise<CompletionReply>
  /** Double Tab: the line with its prompt, then the candidates (already laid out in columns). */
  readonly showCandidates: (line: string, listing: string) => void
  /**
   * Ctrl-C: the abandoned line is left in the scrollback with `^C`, as bash leaves it; a
   * program holding the terminal is stopped.
   */
  readonly interruptLine: (line: string) => Promise<void>
  /** Opens another terminal tab (a new root shell on the host) and shows it. */
  readonly openTerminal: () => Promise<void>
  /** Closes a tab (not the first): what runs in it is stopped. */
  readonly closeTerminal: (id: SessionId) => void
  readonly showTerminal: (id: SessionId) => void
  /** Sets the terminal's height (percent), clamped to TERMINAL_HEIGHT's range. */
  readonly resizeTerminal: (percent: number) => void
  readonly showTraceStep: (step: number) => void
  /** Shows another exchange of the last command in the player. */
  readonly chooseTrace: (index: number) => void
  readonly closeTrace: () => void
  /** Opens the trace form, optionally choosing one end (the other keeps its last choice). */
  readonly openTraceForm: (ends?: Partial<Pick<TraceFormState, 'from' | 'to'>>) => void
  readonly editTraceForm: (patch: Partial<Omit<TraceFormState, 'open'>>) => void
  readonly closeTraceForm: () => void
  /** Changes what the diagram shows (the selection is kept). */
  readonly setView: (patch: Partial<ViewOptions>) => void
  /**
   * What a command would print, run on a throw-away copy of the world at the host's prompt:
   * nothing changes, nothing is echoed (forms show Docker's error with it before acting).
   */
  readonly queryCommand: (line: string) => Promise<ExecReply>
  readonly setFocus: (focus: GraphFocus | null) => void
  /** A message from the app itself in the active terminal (not a command's output). */
  readonly addNotice: (text: string) => void
  readonly setTheme: (theme: Theme) => void
  /**
   * Takes back the last command that changed the world (after the running ones end), with a
   * notice in the active tab. Tabs follow the sessions: one opened after that command is put
   * away (a redo brings it back with its scrollback), one closed after it comes back.
   */
  readonly undo: () => Promise<void>
  /** Runs the last undone command (and what followed it) again. */
  readonly redo: () => Promise<void>
}

export type LabStore = StoreApi<LabState & LabActions>

/** A root shell on a host (`root@host1:~# `), not a container's (`/ # `, `root@1a2b…:/# `). */
export const HOST_PROMPT = /^root@[^:]+:~# $/

/** The tab shown (the first one if the active id went away). */
export function activeTab(s: LabState): TerminalTab {
  return (
    s.terminals.find((t) => t.id === s.activeTerminal) ??
    s.terminals[0] ?? {
      id: FIRST_SESSION,
      title: '',
      prompt: '',
      entries: [],
      history: [],
      busy: false,
    }
  )
}

export function createLabStore(client: EngineClient): LabStore {
  let seq = 0
  const timers = new Map<SessionId, ReturnType<typeof setInterval>>()
  let keepTime: (id: SessionId, ticking: boolean) => void = () => undefined
  const store = createStore<LabState & LabActions>()((set, get) => {
    /** Updates one tab (by id; the active one by default). */
    const patchTab = (fn: (t: TerminalTab) => Partial<TerminalTab>, id?: SessionId): void =>
      set((s) => {
        const target = id ?? s.activeTerminal
        return {
          terminals: s.terminals.map((t) => (t.id === target ? { ...t, ...fn(t) } : t)),
        }
      })
    const output = (stdout: string, stderr: string): TerminalEntry[] =>
      stdout === '' && stderr === '' ? [] : [{ kind: 'output', id: seq++, stdout, stderr }]
    // A program that keeps time (`ping` without -c) gets a tick a second while it runs.
    const tick = async (id: SessionId): Promise<void> => {
      const reply = await client.tick(id)
      patchTab(
        (t) => ({
          prompt: reply.prompt,
          entries: [...t.entries, ...output(reply.stdout, reply.stderr)],
        }),
        id,
      )
      keepTime(id, reply.ticking ?? false)
    }
    // Tabs an undo put away, by session: a redo brings them back as they were.
    const putAway = new Map<SessionId, TerminalTab>()
    /** After an undo or redo: tabs follow the sessions, with their prompts, and a notice. */
    const moved = (step: HistoryStep, verb: string): void => {
      for (const t of get().terminals) if (!step.prompts.has(t.id)) keepTime(t.id, false)
      for (const id of step.prompts.keys()) keepTime(id, step.ticking.has(id))
      set((s) => {
        for (const t of s.terminals) if (!step.prompts.has(t.id)) putAway.set(t.id, t)
        const tabs = [...step.prompts].map(([id, prompt]): TerminalTab => {
          const tab = s.terminals.find((t) => t.id === id)
          if (tab) return { ...tab, prompt }
          const back = putAway.get(id)
          putAway.delete(id)
          const title = `Terminal ${id}`
          return { title, entries: [], history: [], ...back, id, prompt, busy: false }
        })
        const active = tabs.some((t) => t.id === s.activeTerminal)
          ? s.activeTerminal
          : FIRST_SESSION
        const notice: TerminalEntry = { kind: 'notice', id: seq++, text: `${verb}: ${step.label}` }
        return {
          terminals: tabs.map((t) =>
            t.id === active ? { ...t, entries: [...t.entries, notice] } : t,
          ),
          activeTerminal: active,
          // The trace player showed a world that is gone.
          trace: null,
          traceChoices: [],
          traceStep: 0,
        }
      })
    }
    const move = async (
      fn: () => Promise<HistoryStep | null>,
      verb: 'Undone' | 'Redone',
    ): Promise<void> => {
      try {
        const step = await fn()
        if (step) moved(step, verb)
      } catch (e) {
        const text = `docker-network-lab: internal error: ${e instanceof Error ? e.message : String(e)}`
        patchTab((t) => ({ entries: [...t.entries, { kind: 'notice', id: seq++, text }] }))
      }
    }
    keepTime = (id, ticking) => {
      const timer = timers.get(id)
      if (ticking && timer === undefined)
        timers.set(
          id,
          setInterval(() => void tick(id), 1000),
        )
      if (!ticking && timer !== undefined) {
        clearInterval(timer)
        timers.delete(id)
      }
    }

    return {
      status: 'starting',
      error: null,
      snapshot: null,
      selected: null,
      terminals: [
        {
          id: FIRST_SESSION,
          title: 'Terminal 1',
          prompt: '',
          entries: [],
          history: [],
          busy: false,
        },
      ],
      activeTerminal: FIRST_SESSION,
      trace: null,
      traceStep: 0,
      traceChoices: [],
      terminalHeight: TERMINAL_HEIGHT.initial,
      traceForm: { open: false, from: '', to: '', proto: 'icmp', port: '80' },
      view: DEFAULT_VIEW,
      graph: null,
      graphDiff: null,
      focus: null,
      theme: 'light',
      setFocus: (focus) => set({ focus }),
      addNotice: (text) =>
        patchTab((t) => ({ entries: [...t.entries, { kind: 'notice', id: seq++, text }] })),
      setTheme: (theme) => set({ theme }),
      history: client.history(),
      undo: () => move(() => client.undo(), 'Undone'),
      redo: () => move(() => client.redo(), 'Redone'),
      setView: (patch) => {
        const view = { ...get().view, ...patch }
        set({ view })
        client.setView(view)
      },
      queryCommand: (line) => client.query(line),
      select: (selected) => set({ selected }),
      clearTerminal: () => patchTab(() => ({ entries: [] })),
      complete: (line, cursor) => client.complete(line, cursor, get().activeTerminal),
      showCandidates: (line, listing) =>
        patchTab((t) => ({
          entries: [
            ...t.entries,
            { kind: 'command', id: seq++, prompt: t.prompt, line },
            { kind: 'output', id: seq++, stdout: listing, stderr: '' },
          ],
        })),
      interruptLine: async (line) => {
        const tab = activeTab(get())
        patchTab((t) => ({
          entries: [
            ...t.entries,
            { kind: 'command', id: seq++, prompt: t.prompt, line: `${line}^C` },
          ],
        }))
        // An empty prompt: a program holds the terminal; Ctrl-C is for it.
        if (tab.prompt !== '' || get().status !== 'ready') return
        const reply = await client.interrupt(tab.id)
        keepTime(tab.id, reply.ticking ?? false)
        patchTab(
          (t) => ({
            prompt: reply.prompt,
            entries: [...t.entries, ...output(reply.stdout, reply.stderr)],
          }),
          tab.id,
        )
      },
      openTerminal: async () => {
        const { session, prompt } = await client.openSession()
        set((s) => ({
          terminals: [
            ...s.terminals,
            {
              id: session,
              title: `Terminal ${session}`,
              prompt,
              entries: [],
              history: [],
              busy: false,
            },
          ],
          activeTerminal: session,
        }))
      },
      closeTerminal: (id) => {
        if (id === FIRST_SESSION) return
        keepTime(id, false)
        client.closeSession(id)
        set((s) => {
          const at = s.terminals.findIndex((t) => t.id === id)
          const terminals = s.terminals.filter((t) => t.id !== id)
          const next = terminals[Math.max(0, at - 1)]?.id ?? FIRST_SESSION
          return { terminals, activeTerminal: s.activeTerminal === id ? next : s.activeTerminal }
        })
      },
      showTerminal: (id) => set({ activeTerminal: id }),
      showTraceStep: (step) =>
        set((s) => ({
          traceStep: Math.max(0, Math.min(step, (s.trace?.trace.steps.length ?? 1) - 1)),
        })),
      closeTrace: () => set({ trace: null, traceStep: 0, traceChoices: [] }),
      chooseTrace: (index) =>
        set((s) => {
          const chosen = s.traceChoices[index]
          return chosen && s.trace
            ? { trace: { ...chosen, title: s.trace.title }, traceStep: 0 }
            : {}
        }),
      openTraceForm: (ends) => set((s) => ({ traceForm: { ...s.traceForm, ...ends, open: true } })),
      editTraceForm: (patch) => set((s) => ({ traceForm: { ...s.traceForm, ...patch } })),
      closeTraceForm: () => set((s) => ({ traceForm: { ...s.traceForm, open: false } })),
      resizeTerminal: (percent) =>
        set({
          terminalHeight: Math.min(TERMINAL_HEIGHT.max, Math.max(TERMINAL_HEIGHT.min, percent)),
        }),
      runAction: async (line, host) => {
        const s = get()
        const atHost = (t: TerminalTab): boolean => HOST_PROMPT.test(t.prompt) && !t.busy
        const atThat = (t: TerminalTab): boolean =>
          atHost(t) && (host === undefined || t.prompt === `root@${host}:~# `)
        const active = activeTab(s)
        let target = atThat(active) ? active : s.terminals.find(atThat)
        let command = line
        if (!target) {
          target = atHost(active) ? active : s.terminals.find(atHost)
          if (!target) {
            await get().openTerminal()
            target = activeTab(get())
          }
          if (host !== undefined && target.prompt !== `root@${host}:~# `)
            command = `ssh ${host} ${line}`
        }
        if (target.id !== get().activeTerminal) set({ activeTerminal: target.id })
        return get().runCommand(command, target.id)
      },
      runLines: async (lines) => {
        for (const line of lines) await get().runCommand(line)
      },
      runCommand: async (line, terminal) => {
        const id = terminal ?? get().activeTerminal
        const tab = get().terminals.find((t) => t.id === id) ?? activeTab(get())
        const prompt = tab.prompt
        const trimmed = line.trim()
        // Lines typed to a program (no prompt) are its input, not shell history.
        const remember = trimmed !== '' && prompt !== ''
        patchTab(
          (t) => ({
            entries: [...t.entries, { kind: 'command', id: seq++, prompt, line }],
            history: remember ? [...t.history, line] : t.history,
            busy: true,
          }),
          tab.id,
        )
        if (trimmed === 'clear' && prompt !== '') {
          patchTab(() => ({ entries: [], busy: false }), tab.id)
          return { stdout: '', stderr: '', exitCode: 0, prompt }
        }
        try {
          const reply = await client.exec(line, tab.id)
          keepTime(tab.id, reply.ticking ?? false)
          const choices = exchangesOf(reply.traces ?? [])
          const traced = choices[choices.length - 1]
          if (traced)
            set({ trace: { ...traced, title: line.trim() }, traceStep: 0, traceChoices: choices })
          patchTab(
            (t) => ({
              prompt: reply.prompt,
              busy: false,
              entries: [...t.entries, ...output(reply.stdout, reply.stderr)],
            }),
            tab.id,
          )
          return reply
        } catch (e) {
          const text = `docker-network-lab: internal error: ${e instanceof Error ? e.message : String(e)}`
          patchTab(
            (t) => ({ busy: false, entries: [...t.entries, { kind: 'notice', id: seq++, text }] }),
            tab.id,
          )
          return { stdout: '', stderr: `${text}\n`, exitCode: 70, prompt }
        }
      },
    }
  })
  client.subscribe((snapshot) => store.setState({ snapshot }))
  client.onGraph((graph, graphDiff) => store.setState({ graph, graphDiff }))
  client.onHistory((history) => store.setState({ history }))
  client.setView(store.getState().view)
  // A program in one tab printed because of something done in another (nc).
  client.onOutput((o) => {
    keepTime(o.session, o.ticking)
    store.setState((s) => ({
      terminals: s.terminals.map((t) =>
        t.id === o.session
          ? {
              ...t,
              prompt: o.prompt,
              entries:
                o.stdout === '' && o.stderr === ''
                  ? t.entries
                  : [
                      ...t.entries,
                      { kind: 'output', id: seq++, stdout: o.stdout, stderr: o.stderr },
                    ],
            }
          : t,
      ),
    }))
  })
  client.ready.then(
    (snapshot) =>
      store.setState((s) => ({
        status: 'ready',
        snapshot,
        terminals: s.terminals.map((t) =>
          t.id === FIRST_SESSION ? { ...t, prompt: client.prompt() } : t,
        ),
      })),
    (e: unknown) =>
      store.setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) }),
  )
  return store
}
