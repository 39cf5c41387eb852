// The app's frame: header, the diagram with the inspector beside it, the terminal below, a
// splitter between them setting the terminal's height.

import { GraphView, type GraphViewProps } from './components/GraphView/GraphView'
import { Header } from './components/Header/Header'
import { Inspector } from './components/Inspector/Inspector'
import { Splitter } from './components/Splitter/Splitter'
import { Terminal } from './components/Terminal/Terminal'
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

function Frame({ onAdapter }: Pick<AppProps, 'onAdapter'>) {
  const height = useLab((s) => s.terminalHeight)
  const resize = useLab((s) => s.resizeTerminal)
  return (
    <div className="app" style={{ gridTemplateRows: `auto minmax(0, 1fr) auto ${height}%` }}>
      <Header />
      <main className="app__main">
        <GraphView {...(onAdapter ? { onAdapter } : {})} />
        <Inspector />
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
