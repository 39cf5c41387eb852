// The app's frame: header, the diagram with the inspector beside it, the terminal below, a
// splitter between them setting the terminal's height.

import { GraphView, type GraphViewProps } from './components/GraphView/GraphView'
import { Header } from './components/Header/Header'
import { Inspector } from './components/Inspector/Inspector'
import { Splitter } from './components/Splitter/Splitter'
import { Terminal } from './components/Terminal/Terminal'
import { TracePlayer } from './components/TracePlayer/TracePlayer'
import { placeNames } from './trace/place-names'
import { exchangeLabel } from './trace/exchange'
import { useMemo } from 'react'
import { LabStoreContext, useLab } from './store/context'
import { TERMINAL_HEIGHT, type LabStore } from './store/lab-store'
import './App.css'

export type AppProps = {
  readonly store: LabStore
  readonly onAdapter?: GraphViewProps['onAdapter']
}

export function App({ store, onAdapter }: AppProps) {
  return (
    <LabStoreContext.Provider value={store}>
      <Frame {...(onAdapter ? { onAdapter } : {})} />
    </LabStoreContext.Provider>
  )
}

/** The last traced packet (ping, nc, curl, trace…), stepped below the graph. */
function TraceDock() {
  const open = useLab((s) => s.trace !== null)
  // Only an open player reads the snapshot (place names): none of its work runs per command.
  return open ? <OpenTraceDock /> : null
}

function OpenTraceDock() {
  const trace = useLab((s) => s.trace)
  const step = useLab((s) => s.traceStep)
  const snapshot = useLab((s) => s.snapshot)
  const showStep = useLab((s) => s.showTraceStep)
  const close = useLab((s) => s.closeTrace)
  const run = useLab((s) => s.runAction)
  const choices = useLab((s) => s.traceChoices)
  const choose = useLab((s) => s.chooseTrace)
  const names = useMemo(() => placeNames(snapshot), [snapshot])
  if (!trace) return null
  return (
    <div className="app__trace">
      {choices.length > 1 && (
        <div className="app__trace-choices" role="tablist" aria-label="Packets of this command">
          {choices.map((c, i) => (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={c.trace.steps[0] === trace.trace.steps[0]}
              onClick={() => choose(i)}
            >
              {i + 1}. {exchangeLabel(c)}
            </button>
          ))}
        </div>
      )}
      <TracePlayer
        key={`${trace.title}-${trace.trace.steps.length}-${String(trace.trace.steps[0]?.what)}`}
        trace={trace.trace}
        title={trace.title}
        step={step}
        onStep={showStep}
        onClose={close}
        names={names}
        replyFrom={trace.replyFrom}
        onRun={(command) => void run(command)}
      />
    </div>
  )
}

function Frame({ onAdapter }: Pick<AppProps, 'onAdapter'>) {
  const height = useLab((s) => s.terminalHeight)
  const resize = useLab((s) => s.resizeTerminal)
  return (
    <div className="app" style={{ gridTemplateRows: `auto minmax(0, 1fr) auto ${height}%` }}>
      <Header />
      <main className="app__main">
        <GraphView {...(onAdapter ? { onAdapter } : {})} />
        <Inspector />
        <TraceDock />
      </main>
      <Splitter
        label="Resize terminal"
        controls="terminal"
        value={height}
        min={TERMINAL_HEIGHT.min}
        max={TERMINAL_HEIGHT.max}
        onChange={resize}
      />
      <Terminal />
    </div>
  )
}
