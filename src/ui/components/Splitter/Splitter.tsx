// The horizontal bar between the diagram and the terminal: drag it, or focus it and use the
// arrow keys (Page Up/Down for big steps, Home/End for the limits), to give the terminal more or
// less of the window. A WAI-ARIA window splitter: its value is the lower pane's share, in %.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import './Splitter.css'

export type SplitterProps = {
  /** What it resizes, for assistive technology: "Resize terminal". */
  readonly label: string
  /** The id of the pane below it, whose height it sets. */
  readonly controls: string
  /** The lower pane's height, in percent of the splitter's parent. */
  readonly value: number
  readonly min: number
  readonly max: number
  readonly onChange: (value: number) => void
}

const STEP = 2
const PAGE = 10

export function Splitter({ label, controls, value, min, max, onChange }: SplitterProps) {
  const dragging = useRef(false)

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const next: Record<string, number> = {
      ArrowUp: value + STEP,
      ArrowDown: value - STEP,
      PageUp: value + PAGE,
      PageDown: value - PAGE,
      Home: min,
      End: max,
    }
    const to = next[e.key]
    if (to === undefined) return
    e.preventDefault()
    onChange(to)
  }

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    dragging.current = true
    e.currentTarget.setPointerCapture(e.pointerId)
    e.preventDefault()
  }

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const parent = e.currentTarget.parentElement
    if (!dragging.current || !parent) return
    const box = parent.getBoundingClientRect()
    if (box.height > 0) onChange(((box.bottom - e.clientY) / box.height) * 100)
  }

  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    dragging.current = false
    e.currentTarget.releasePointerCapture(e.pointerId)
  }

  return (
    <div
      className="splitter"
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation="horizontal"
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${Math.round(value)}%`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  )
}
