// The app's frame: header, the diagram with the inspector beside it, the terminal below.

import { GraphView, type GraphViewProps } from './components/GraphView/GraphView'
import { Header } from './components/Header/Header'
import { Inspector } from './components/Inspector/Inspector'
import { Terminal } from './components/Terminal/Terminal'
import { LabStoreContext } from './store/context'
import type { LabStore } from './store/lab-store'
import './App.css'

export type AppProps = {
  readonly store: LabStore
  readonly onAdapter?: GraphViewProps['onAdapter']
}

export function App({ store, onAdapter }: AppProps) {
  return (
    <LabStoreContext.Provider value={store}>
      <div className="app">
        <Header />
        <main className="app__main">
          <GraphView {...(onAdapter ? { onAdapter } : {})} />
          <Inspector />
        </main>
        <Terminal />
      </div>
    </LabStoreContext.Provider>
  )
}
