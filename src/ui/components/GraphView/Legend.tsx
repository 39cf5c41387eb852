// The networks and their colours. A chip focuses its network (click again to clear) and is a
// drop target: a container dragged onto it is connected to that network.

import type { LegendEntry } from '../../../view/graph/types'
import { useLab } from '../../store/context'

export function Legend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  const focus = useLab((s) => s.focus)
  const setFocus = useLab((s) => s.setFocus)
  if (entries.length === 0) return null
  return (
    <section className="legend" aria-label="Networks">
      <h2 className="legend__title">Networks</h2>
      <ul className="legend__list">
        {entries.map((e) => {
          const on = focus?.network === e.network
          return (
            <li key={e.network}>
              <button
                type="button"
                className="legend__chip"
                data-network={e.network}
                aria-pressed={on}
                title={`${on ? 'Show all' : 'Focus on'} ${e.host !== undefined ? `${e.host}/` : ''}${e.name} — drop a container here to connect it`}
                onClick={() => setFocus(on ? null : { network: e.network })}
              >
                <span
                  className="legend__swatch"
                  style={{ background: e.color }}
                  aria-hidden="true"
                />
                <span className="legend__name">
                  {e.host !== undefined ? `${e.host}/` : ''}
                  {e.name}
                </span>
                <span className="legend__detail">
                  {e.driver}
                  {e.subnet ? ` · ${e.subnet}` : ''} · {e.containers}{' '}
                  {e.containers === 1 ? 'container' : 'containers'}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** The network of the legend chip under a page point, if any (the adapter's drop target test). */
export function legendNetworkAt(x: number, y: number): string | null {
  if (typeof document.elementsFromPoint !== 'function') return null
  for (const el of document.elementsFromPoint(x, y)) {
    const chip = el.closest('[data-network]')
    if (chip instanceof HTMLElement && chip.dataset.network) return chip.dataset.network
  }
  return null
}
