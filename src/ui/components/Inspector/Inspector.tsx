// The details of the selected node, with links to related nodes.

import { useLab } from '../../store/context'
import { describeRecord } from './describe'
import './Inspector.css'

export function Inspector() {
  const snapshot = useLab((s) => s.snapshot)
  const selected = useLab((s) => s.selected)
  const select = useLab((s) => s.select)
  const record = selected !== null ? snapshot?.records[selected] : undefined

  if (!snapshot || !record) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2 className="inspector__title">Inspector</h2>
        <p className="inspector__hint">Click a node in the diagram to see its details.</p>
      </aside>
    )
  }
  const view = describeRecord(snapshot, record)
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="inspector__title">{view.title}</h2>
      <p className="inspector__kind">{view.kind}</p>
      <dl className="inspector__rows">
        {view.rows.map((row, i) => (
          <div className="inspector__row" key={`${row.label}-${i}`}>
            <dt>{row.label}</dt>
            <dd>
              {row.link !== undefined ? (
                <button
                  type="button"
                  className="inspector__link"
                  onClick={() => select(row.link ?? null)}
                >
                  {row.value}
                </button>
              ) : (
                row.value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  )
}
