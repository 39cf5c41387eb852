// Entry point: starts the engine worker, creates the store and mounts the app.

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './ui/App'
import type { GraphAdapter } from './ui/graph/graph-adapter'
import { createPageApi } from './ui/page-api'
import { initialTheme } from './ui/components/ThemeToggle/theme-preference'
import { createLabStore } from './ui/store/lab-store'
import { createEngineClient } from './worker/client'
import { workerTransport } from './worker/transport'
import { DEFAULT_SEED } from './scenarios/default-world'

const client = createEngineClient({
  seed: DEFAULT_SEED,
  connect: () =>
    workerTransport(
      new Worker(new URL('./worker/engine.worker.ts', import.meta.url), { type: 'module' }),
    ),
})
const store = createLabStore(client)
store.getState().setTheme(initialTheme())
let adapter: GraphAdapter | null = null
window.dockerNetworkLab = createPageApi(store, () => adapter)

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')
createRoot(root).render(
  <StrictMode>
    <App store={store} onAdapter={(a) => (adapter = a)} />
  </StrictMode>,
)
