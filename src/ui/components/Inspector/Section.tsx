// One section of the inspector: a heading, rows as a description list, cards of rows; links
// are buttons that select the record they name.

import { useId } from 'react'
import type { RecordId } from '../../../engine'
import type { Card, Part, Row, Section } from './view'

type SelectProps = { readonly onSelect: (id: RecordId) => void }

export function Parts({ parts, onSelect }: { readonly parts: readonly Part[] } & SelectProps) {
  return parts.map((p, i) =>
    typeof p === 'string' ? (
      <span key={i}>{p}</span>
    ) : (
      <button key={i} type="button" className="inspector__link" onClick={() => onSelect(p.link)}>
        {p.text}
      </button>
    ),
  )
}

type RowsProps = SelectProps & {
  readonly rows: readonly Row[]
  readonly stacked?: boolean | undefined
  /** A query that fills the pending rows is under way. */
  readonly loading: boolean
}

export function Rows({ rows, stacked, loading, onSelect }: RowsProps) {
  return (
    <dl className={stacked ? 'inspector__rows inspector__rows--stacked' : 'inspector__rows'}>
      {rows.map((r, i) => (
        <div
          className={
            typeof r.label === 'string' ? 'inspector__row' : 'inspector__row inspector__row--list'
          }
          key={i}
        >
          <dt>
            <Parts parts={[r.label]} onSelect={onSelect} />
          </dt>
          {r.pending ? (
            <dd className="inspector__pending">{loading ? '…' : '—'}</dd>
          ) : (
            <dd>
              <Parts parts={r.value} onSelect={onSelect} />
            </dd>
          )}
        </div>
      ))}
    </dl>
  )
}

function CardView({
  card,
  loading,
  onSelect,
}: { readonly card: Card; readonly loading: boolean } & SelectProps) {
  return (
    <div className="inspector__card">
      <h4 className="inspector__card-title">
        <Parts parts={card.title} onSelect={onSelect} />
      </h4>
      <Rows rows={card.rows} loading={loading} onSelect={onSelect} />
    </div>
  )
}

type SectionProps = SelectProps & { readonly section: Section; readonly loading: boolean }

export function SectionView({ section, loading, onSelect }: SectionProps) {
  const id = useId()
  const cards = section.cards ?? []
  const empty = section.rows.length === 0 && cards.length === 0
  return (
    <section className="inspector__section" aria-labelledby={id}>
      <h3 className="inspector__heading" id={id}>
        {section.title}
      </h3>
      {section.rows.length > 0 && (
        <Rows rows={section.rows} stacked={section.stacked} loading={loading} onSelect={onSelect} />
      )}
      {cards.map((card, i) => (
        <CardView key={i} card={card} loading={loading} onSelect={onSelect} />
      ))}
      {empty && section.empty !== undefined && <p className="inspector__note">{section.empty}</p>}
    </section>
  )
}
