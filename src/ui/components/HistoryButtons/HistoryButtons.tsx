// Undo and Redo, for the header: each takes back (or runs again) one command that changed the
// world, by replaying the command log in the engine. The keys work on the whole page too.

import { useLab } from '../../store/context'
import { useHistoryKeys } from './useHistoryKeys'
import './HistoryButtons.css'

const titleOf = (verb: string, label: string | undefined, keys: string): string =>
  label === undefined ? `${verb} (${keys})` : `${verb} ${label} (${keys})`

export function HistoryButtons() {
  const history = useLab((s) => s.history)
  const undo = useLab((s) => s.undo)
  const redo = useLab((s) => s.redo)
  useHistoryKeys()
  return (
    <div className="history-buttons" role="group" aria-label="History">
      <button
        type="button"
        className="history-buttons__button"
        title={titleOf('Undo', history.undoLabel, 'Ctrl+Z')}
        disabled={!history.canUndo}
        onClick={() => void undo()}
      >
        <span aria-hidden="true" className="history-buttons__icon">
          ↶
        </span>
        Undo
      </button>
      <button
        type="button"
        className="history-buttons__button"
        title={titleOf('Redo', history.redoLabel, 'Ctrl+Shift+Z')}
        disabled={!history.canRedo}
        onClick={() => void redo()}
      >
        <span aria-hidden="true" className="history-buttons__icon">
          ↷
        </span>
        Redo
      </button>
    </div>
  )
}
