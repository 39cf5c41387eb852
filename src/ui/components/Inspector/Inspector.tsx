// The details of the selected node, as `docker inspect` and `ip addr` would show them, with
// links to related nodes. Built from the snapshot at once, completed by queries run on a
// throw-away copy of the world (nothing changes).

import { useMemo } from 'react'
import type { Snapshot, SnapshotRecord } from '../../../engine'
import { useLab } from '../../store/context'
import { CommandOutput, RawJson } from './CommandOutput'
import { describeRecord } from './describe'
import { firstLine } from './inspect-view'
import { queriesFor } from './queries'
import { SectionView } from './Section'
import { useQuery } from './useQuery'
import './Inspector.css'

export function Inspector() {
  const snapshot = useLab((s) => s.snapshot)
  const selected = useLab((s) => s.selected)
  const record = selected !== null ? snapshot?.records[selected] : undefined
  if (!snapshot || !record) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2 className="inspector__title">Inspector</h2>
        {selected !== null && snapshot && (
          <p className="inspector__note">That node is gone (removed, or never existed).</p>
        )}
        <p className="inspector__hint">Click a node in the diagram to see its details.</p>
        <ul className="inspector__tips" aria-label="What you can do in the diagram">
          <li>Drag a container onto a network (or its chip in the legend) to connect it.</li>
          <li>Drag an endpoint away from its network to disconnect it.</li>
          <li>Right-click a node to trace from or to it, open a shell, stop or remove it.</li>
          <li>Every change runs as a docker command in the terminal; Ctrl+Z undoes it.</li>
        </ul>
      </aside>
    )
  }
  // A new selection starts afresh: no answer meant for the previous node is ever shown.
  return <Details key={record.id} snapshot={snapshot} record={record} />
}

type DetailsProps = { readonly snapshot: Snapshot; readonly record: SnapshotRecord }

function Details({ snapshot, record }: DetailsProps) {
  const select = useLab((s) => s.select)
  const queries = queriesFor(snapshot, record)
  const version = JSON.stringify(queries.deps)
  const inspect = useQuery(queries.inspect, version)
  const ipAddr = useQuery(queries.ipAddr, version)
  const answered = inspect.reply?.exitCode === 0 ? inspect.reply.stdout : undefined
  const view = useMemo(
    () => describeRecord(snapshot, record, answered),
    [snapshot, record, answered],
  )
  const failed = inspect.reply !== undefined && inspect.reply.exitCode !== 0
  return (
    <aside className="inspector" aria-label="Inspector" aria-busy={inspect.loading}>
      <h2 className="inspector__title">{view.title}</h2>
      <p className="inspector__kind">{view.kind}</p>
      {failed && <p className="inspector__note">{firstLine(inspect.reply?.stderr ?? '')}</p>}
      {view.sections.map((section) => (
        <SectionView
          key={section.title}
          section={section}
          loading={inspect.loading}
          onSelect={select}
        />
      ))}
      {queries.ipAddr !== undefined && (
        <CommandOutput title="ip addr" command={queries.ipAddr} state={ipAddr} />
      )}
      {queries.inspect !== undefined && !failed && (
        <RawJson command={queries.inspect} state={inspect} />
      )}
    </aside>
  )
}
