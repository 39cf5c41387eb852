// Entry point: starts the engine worker, creates the store and mounts the app. `?world=NAME`
// opens public/worlds/NAME.json instead of the default host (a problem with it is told in the
// terminal, and the default host opens).

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
import { parseWorldFile } from './scenarios/world-file'
import type { WorldSpec } from './engine'

type Chosen = { readonly world?: WorldSpec; readonly problem?: string }

async function chosenWorld(): Promise<Chosen> {
  const name = new URLSearchParams(location.search).get('world')
  if (name === null || name === '') return {}
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    return { problem: `world "${name}": a world's name has letters, digits and dashes` }
  const file = `worlds/${name}.json`
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}${file}`)
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json'))
      return { problem: `world "${name}": there is no ${file}` }
    const parsed = parseWorldFile(await res.text(), file)
    return parsed.ok ? { world: parsed.spec } : { problem: parsed.error }
  } catch (e) {
    return { problem: `world "${name}": ${e instanceof Error ? e.message : String(e)}` }
  }
}

async function start(): Promise<void> {
  const { world, problem } = await chosenWorld()
  const client = createEngineClient({
    seed: DEFAULT_SEED,
    ...(world ? { world } : {}),
    connect: () =>
      workerTransport(
        new Worker(new URL('./worker/engine.worker.ts', import.meta.url), { type: 'module' }),
      ),
  })
  const store = createLabStore(client)
  store.getState().setTheme(initialTheme())
  if (problem)
    store.getState().addNotice(`docker-network-lab: ${problem}; the default host opened instead`)
  let adapter: GraphAdapter | null = null
  window.dockerNetworkLab = createPageApi(store, () => adapter)

  const root = document.getElementById('root')
  if (!root) throw new Error('#root missing from index.html')
  createRoot(root).render(
    <StrictMode>
      <App store={store} onAdapter={(a) => (adapter = a)} />
    </StrictMode>,
  )
}

void start()
