// The diagram's right-click menu: trace from or to the node; for a container inspect, open a
// shell, stop/start, remove, focus; for a network inspect, focus, remove; for a host of several,
// remove it. Each item runs the docker (or lab) command it stands for in the terminal (or opens
// the trace form, or focuses the diagram).
// A WAI-ARIA menu: arrow keys move, Enter picks, Escape or a click elsewhere closes.

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useLab } from '../../store/context'
import { shellCommand, type MenuTarget } from './menu-target'
import './GraphMenu.css'

export type GraphMenuProps = {
  readonly target: MenuTarget
  /** Where the click was, in pixels from the diagram's top-left corner. */
  readonly at: { readonly x: number; readonly y: number }
  readonly onClose: () => void
}

type Item = { readonly label: string; readonly pick: () => void }

export function GraphMenu({ target, at, onClose }: GraphMenuProps) {
  const openForm = useLab((s) => s.openTraceForm)
  const runAction = useLab((s) => s.runAction)
  // Commands go to the daemon of the node's host (by ssh when the terminal is elsewhere).
  const run = (line: string) => runAction(line, target.host)
  const setFocus = useLab((s) => s.setFocus)
  const menu = useRef<HTMLDivElement>(null)
  const [opener] = useState(() => document.activeElement)

  const items: Item[] = []
  const end = target.end
  if (end !== undefined)
    items.push(
      { label: 'Trace from here', pick: () => openForm({ from: end }) },
      { label: 'Trace to here', pick: () => openForm({ to: end }) },
    )
  const c = target.container
  if (c) {
    items.push({ label: 'Inspect', pick: () => void run(`docker inspect ${c.name}`) })
    if (c.running)
      items.push(
        { label: 'Open a shell', pick: () => void run(shellCommand(c.name, c.image)) },
        { label: 'Stop', pick: () => void run(`docker stop ${c.name}`) },
      )
    else items.push({ label: 'Start', pick: () => void run(`docker start ${c.name}`) })
    items.push(
      { label: 'Remove', pick: () => void run(`docker rm -f ${c.name}`) },
      { label: 'Focus on this container', pick: () => setFocus({ container: c.id }) },
    )
  }
  const n = target.network
  if (n) {
    items.push(
      { label: 'Inspect', pick: () => void run(`docker network inspect ${n.name}`) },
      { label: 'Focus on this network', pick: () => setFocus({ network: n.id }) },
    )
    if (!n.builtin)
      items.push({ label: 'Remove', pick: () => void run(`docker network rm ${n.name}`) })
  }

  const m = target.machine
  // `lab host rm` acts on the world: it runs at a host prompt (refused there if it is that host's).
  if (m)
    items.push({ label: 'Remove host', pick: () => void runAction(`lab host rm ${m.hostname}`) })

  const dismiss = (): void => {
    onClose()
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
  }

  // Stay inside the diagram: shift left or up near its right or bottom edge.
  useLayoutEffect(() => {
    const el = menu.current
    const area = el?.offsetParent
    if (!el || !(area instanceof HTMLElement)) return
    el.style.left = `${Math.max(0, Math.min(at.x, area.clientWidth - el.offsetWidth - 4))}px`
    el.style.top = `${Math.max(0, Math.min(at.y, area.clientHeight - el.offsetHeight - 4))}px`
  }, [at])

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [])

  useEffect(() => {
    const outside = (e: PointerEvent): void => {
      if (!(e.target instanceof Node) || !menu.current?.contains(e.target)) onClose()
    }
    document.addEventListener('pointerdown', outside, true)
    return () => document.removeEventListener('pointerdown', outside, true)
  }, [onClose])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const now = buttons.indexOf(document.activeElement as HTMLElement)
    const move: Record<string, number> = {
      ArrowDown: (now + 1) % buttons.length,
      ArrowUp: (now - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1,
    }
    if (e.key in move) {
      e.preventDefault()
      buttons[move[e.key] ?? 0]?.focus()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      dismiss()
    } else if (e.key === 'Tab') {
      e.preventDefault()
      dismiss()
    }
  }

  return (
    <div
      ref={menu}
      className="graph-menu"
      role="menu"
      aria-label={`Actions for ${target.label}`}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      <div className="graph-menu__title" aria-hidden="true">
        {target.label}
      </div>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="graph-menu__item"
          onClick={() => {
            onClose()
            item.pick()
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  )
}
