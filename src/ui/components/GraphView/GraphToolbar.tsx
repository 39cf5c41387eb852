// Above the diagram: the level of detail (Docker or kernel view), the rules overlay, focus,
// zoom and fit, and export. Every control has an accessible name.

import { useMemo } from 'react'
import type { GraphAdapter } from '../../graph/graph-adapter'
import { useLab } from '../../store/context'

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

type Action = {
  readonly name: string
  readonly title: string
  readonly text: string
  readonly run: () => void
}

/** The view buttons (zoom, fit, centre) and the export buttons, as two groups. */
function actionGroups(adapter: GraphAdapter | null): readonly (readonly Action[])[] {
  const svg = (): void => {
    const text = adapter?.exportSvg()
    if (text) download('docker-network-lab.svg', new Blob([text], { type: 'image/svg+xml' }))
  }
  return [
    [
      { name: 'Zoom in', title: 'Zoom in (+)', text: '+', run: () => adapter?.zoomBy(1.25) },
      { name: 'Zoom out', title: 'Zoom out (-)', text: '−', run: () => adapter?.zoomBy(0.8) },
      {
        name: 'Fit to view',
        title: 'Fit the whole diagram (F)',
        text: 'Fit',
        run: () => adapter?.fit(),
      },
      {
        name: 'Center on selection',
        title: 'Centre on the selected node (C)',
        text: 'Center',
        run: () => adapter?.centerOnSelection(),
      },
    ],
    [
      {
        name: 'Export PNG',
        title: 'Download the diagram as a PNG image',
        text: 'PNG',
        run: () => void adapter?.exportPng().then((b) => download('docker-network-lab.png', b)),
      },
      {
        name: 'Export SVG',
        title: 'Download the diagram as an SVG drawing',
        text: 'SVG',
        run: svg,
      },
    ],
  ]
}

/** Containers listed in the Focus select (above, focus one from its right-click menu). */
const FOCUS_LIST_MAX = 100

export function GraphToolbar({ adapter }: { readonly adapter: GraphAdapter | null }) {
  const view = useLab((s) => s.view)
  const setView = useLab((s) => s.setView)
  const focus = useLab((s) => s.focus)
  const setFocus = useLab((s) => s.setFocus)
  const snapshot = useLab((s) => s.snapshot)
  const light = useLab((s) => s.graph?.light ?? false)
  const { networks, containers } = useMemo(() => {
    const records = snapshot ? Object.values(snapshot.records) : []
    const containers = records.flatMap((r) => (r.kind === 'container' ? [r] : []))
    return {
      networks: records.flatMap((r) => (r.kind === 'network' ? [r] : [])),
      // A list a person can read: large worlds focus a container from its menu instead.
      containers:
        containers.length > FOCUS_LIST_MAX
          ? []
          : containers.sort((a, b) => (a.name < b.name ? -1 : 1)),
    }
  }, [snapshot])
  const focusValue = focus?.network ?? focus?.container ?? ''
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Diagram">
      <div className="graph-toolbar__group" role="radiogroup" aria-label="Level of detail">
        {(
          [
            ['docker', 'Docker view', 'Containers and the networks they are on'],
            ['kernel', 'Kernel view', 'Namespaces, veth pairs, bridges and NICs'],
          ] as const
        ).map(([level, label, title]) => (
          <button
            key={level}
            type="button"
            role="radio"
            aria-checked={view.level === level}
            title={title}
            className="graph-toolbar__seg"
            onClick={() => setView({ level })}
          >
            {label}
          </button>
        ))}
      </div>
      {view.level === 'kernel' && (
        <label
          className="graph-toolbar__check"
          title="Show the NAT and filter rules at each bridge"
        >
          <input
            type="checkbox"
            checked={view.rules}
            onChange={(e) => setView({ rules: e.target.checked })}
          />
          iptables rules
        </label>
      )}
      <label className="graph-toolbar__focus">
        <span className="visually-hidden">Focus on</span>
        <select
          aria-label="Focus on"
          value={focusValue}
          onChange={(e) => {
            const v = e.target.value
            setFocus(v === '' ? null : v.startsWith('network:') ? { network: v } : { container: v })
          }}
        >
          <option value="">Everything</option>
          <optgroup label="Networks">
            {networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </optgroup>
          {containers.length > 0 && (
            <optgroup label="Containers">
              {containers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {actionGroups(adapter).map((group, g) => (
        <div className="graph-toolbar__group" key={g}>
          {group.map((a) => (
            <button key={a.name} type="button" aria-label={a.name} title={a.title} onClick={a.run}>
              {a.text}
            </button>
          ))}
        </div>
      ))}
      {light && (
        <span
          className="graph-toolbar__note"
          title="Large worlds are drawn without labelled namespace boxes, to stay fast"
        >
          compact drawing
        </span>
      )}
    </div>
  )
}
