// The packet-trace player, after Cisco Packet Tracer's simulation panel: the verdict, one row per
// step (the current one highlighted), Back / Play / Forward, and the packet at the current step.
// Controlled: the parent owns `step`; playing only calls `onStep` every PLAY_INTERVAL_MS.

import {
  Fragment,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import type { Trace } from '../../../engine'
import { verdictText, whereText, type NameOf } from './format'
import { PduDetails } from './PduDetails'
import './TracePlayer.css'

export type TracePlayerProps = {
  readonly trace: Trace
  /** What was traced, e.g. "ping c2 from c1". */
  readonly title: string
  /** The current step, 0-based; clamped to the trace. */
  readonly step: number
  readonly onStep: (step: number) => void
  readonly onClose: () => void
  /** Names a place (a step's `where`, or a device as `{ host, link }`); default: its ids. */
  readonly names?: NameOf
  /** Runs the docker command of a dropped trace's fix (in the terminal, echoed like typed). */
  readonly onRun?: (command: string) => void
  /** The first step of the answer coming back, when `trace` includes it. */
  readonly replyFrom?: number | undefined
}

export const PLAY_INTERVAL_MS = 700

/** Play speeds offered: steps per PLAY_INTERVAL_MS. */
const SPEEDS = [0.5, 1, 2, 4] as const

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

const KEYS: Record<string, (current: number, last: number) => number> = {
  ArrowLeft: (c) => c - 1,
  ArrowUp: (c) => c - 1,
  ArrowRight: (c) => c + 1,
  ArrowDown: (c) => c + 1,
  Home: () => 0,
  End: (_, last) => last,
}

export function TracePlayer({
  trace,
  title,
  step,
  onStep,
  onClose,
  names,
  onRun,
  replyFrom,
}: TracePlayerProps) {
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState(1)
  const rowsRef = useRef<HTMLOListElement>(null)
  const id = useId()
  const last = trace.steps.length - 1
  const current = Math.max(0, Math.min(step, last))
  const place = names ?? whereText
  /** A step chosen by hand (button, key, click) pauses playing, as in Packet Tracer. */
  const go = (n: number): void => {
    setPlaying(false)
    onStep(Math.max(0, Math.min(n, last)))
  }

  const tick = useEffectEvent(() => {
    if (current < last) onStep(current + 1)
    if (current + 1 >= last) setPlaying(false)
  })
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(tick, PLAY_INTERVAL_MS / speed)
    return () => clearInterval(timer)
  }, [playing, speed])

  useEffect(() => {
    const row = rowsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')
    if (row && typeof row.scrollIntoView === 'function')
      row.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' })
  }, [current])

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>): void => {
    const to = KEYS[e.key]
    if (!to) return
    e.preventDefault()
    go(to(current, last))
  }
  const togglePlay = (): void => {
    if (!playing && current >= last) onStep(0)
    setPlaying(!playing)
  }
  const currentStep = trace.steps[current]

  return (
    <section className="trace-player" aria-label={`Packet trace: ${title}`}>
      <header className="trace-player__bar">
        <h2 className="trace-player__title">{title}</h2>
        <span className="trace-player__count">
          {last < 0 ? 'no steps' : `step ${current + 1} of ${last + 1}`}
        </span>
        <button
          type="button"
          aria-label="Back"
          disabled={current <= 0}
          onClick={() => go(current - 1)}
        >
          ◀ Back
        </button>
        <button
          type="button"
          aria-label={playing ? 'Pause' : 'Play'}
          disabled={last < 1}
          onClick={togglePlay}
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          aria-label="Forward"
          disabled={current >= last}
          onClick={() => go(current + 1)}
        >
          Forward ▶
        </button>
        <label className="trace-player__speed">
          <span className="trace-player__sr">Speed</span>
          <select
            aria-label="Speed"
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-label="Close trace" onClick={onClose}>
          ✕
        </button>
      </header>
      {last > 0 && (
        <input
          className="trace-player__scrub"
          type="range"
          min={1}
          max={last + 1}
          value={current + 1}
          aria-label="Step"
          aria-valuetext={`step ${current + 1} of ${last + 1}`}
          onChange={(e) => go(Number(e.target.value) - 1)}
        />
      )}
      <p
        className={`trace-player__verdict trace-player__verdict--${trace.verdict}`}
        role="status"
        aria-label="Verdict"
      >
        {verdictText(trace)}
      </p>
      {trace.advice && (
        <div className="trace-player__advice" role="group" aria-label="Why it is dropped">
          <p>
            <strong>Why:</strong> {trace.advice.blocker}
          </p>
          <p>
            <strong>Fix:</strong> {trace.advice.fix}
            {trace.advice.command !== undefined && (
              <>
                {' '}
                <code>{trace.advice.command}</code>{' '}
                {onRun && (
                  <button type="button" onClick={() => onRun(trace.advice?.command ?? '')}>
                    Run it
                  </button>
                )}
              </>
            )}
          </p>
        </div>
      )}
      <div className="trace-player__body">
        <ol
          ref={rowsRef}
          className="trace-player__events"
          role="listbox"
          aria-label="Trace events"
          tabIndex={0}
          aria-activedescendant={last < 0 ? undefined : `${id}-${current}`}
          onKeyDown={onKeyDown}
        >
          {trace.steps.map((s, i) => (
            <Fragment key={i}>
              {/* A listbox may hold only options: the divider is drawn, its row says "reply". */}
              {i === replyFrom && (
                <li aria-hidden="true" className="trace-player__divider">
                  reply
                </li>
              )}
              <li
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === current}
                className={`trace-player__event trace-player__event--${s.kind}${replyFrom !== undefined && i >= replyFrom ? ' trace-player__event--reply' : ''}`}
                onClick={() => go(i)}
              >
                {i === replyFrom && <span className="trace-player__sr">The reply: </span>}
                <span className="trace-player__num">{i + 1}</span>
                <span className="trace-player__where">{place(s.where)}</span>
                <span className="trace-player__what">{s.what}</span>
              </li>
            </Fragment>
          ))}
        </ol>
        {/* Focusable: it scrolls, and keyboard users must be able to scroll it too. */}
        <aside className="trace-player__pdu" aria-label="PDU details" tabIndex={0}>
          <h3 className="trace-player__pdu-title">PDU details</h3>
          {currentStep && (
            <PduDetails
              step={currentStep}
              previous={current === replyFrom ? undefined : trace.steps[current - 1]}
              {...(names ? { names } : {})}
            />
          )}
        </aside>
      </div>
    </section>
  )
}
