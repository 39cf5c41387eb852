// Helpers that run inside the page (the app or the naive Cytoscape page): installed once per
// document as `window.__bench` by `installBenchHelpers`, which must stay self-contained because
// Playwright sends its source text to the browser.

import type { Core } from 'cytoscape'
import type { DockerNetworkLabApi } from '../../../src/ui/page-api'

export type FrameMotion = 'none' | 'pan-zoom'

export type FrameOptions = {
  /** Measured time after the warm-up. */
  readonly durationMs: number
  /** Frames that start in the first `warmupMs` are dropped (and always the first frame). */
  readonly warmupMs: number
  /** Keep sampling past `durationMs` until this many frames are measured… */
  readonly minFrames: number
  /** …but never longer than this in all. */
  readonly maxMs: number
  /** `pan-zoom`: pan by a few pixels and zoom a little on every frame. */
  readonly motion: FrameMotion
}

export type FrameSample = {
  /** rAF-to-rAF intervals in ms, warm-up excluded. */
  readonly deltas: number[]
  /** Cytoscape `render` events while measuring (0 when no graph is on the page). */
  readonly renders: number
}

export type CommandTiming = {
  /** `run()` resolved (the terminal printed the reply). */
  readonly reply: number
  /** The container's element is in `elements()` and two frames were produced after it. */
  readonly painted: number
}

export type GraphInfo = {
  readonly nodes: number
  readonly parents: number
  readonly edges: number
  /** Cytoscape's WebGL mode is on (the `webgl` renderer option). */
  readonly webgl: boolean
  readonly width: number
  readonly height: number
  readonly zoom: number
  readonly pan: { x: number; y: number }
}

export interface BenchHelpers {
  cy(): Core | null
  frames(options: FrameOptions): Promise<FrameSample>
  /** Runs each line; `name` is the container it creates, looked for in the elements' labels. */
  commandToGraph(runs: readonly { name: string; line: string }[]): Promise<CommandTiming[]>
  frame(count: number): Promise<void>
  /** `echo` lines until their output is painted (run() resolved, then two frames), ms each. */
  echoToPainted(count: number): Promise<number[]>
  /** Runs `count` `echo` lines back to back; ms each. */
  echoFill(count: number): Promise<number[]>
  /** Blocks in the active terminal's scrollback (children of its log element). */
  scrollback(): number
  graphInfo(): GraphInfo | null
  webglRenderer(): string
  /** ms per frame to fill 3,000 circles on a 2D canvas (CPU raster reference). */
  canvasWorkload(): number
  /** ms to stringify and parse a 3,000-record object (JS reference). */
  jsonWorkload(): number
}

declare global {
  interface Window {
    __bench?: BenchHelpers
  }
}

type CyHost = HTMLElement & { _cyreg?: { cy?: Core } }

export function installBenchHelpers(): void {
  const raf = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve))
  const lab = (): DockerNetworkLabApi => {
    const api = window.dockerNetworkLab
    if (!api) throw new Error('window.dockerNetworkLab is missing')
    return api
  }
  const timed = (fn: () => void, rounds: number): number => {
    const times: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now()
      fn()
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)] ?? Number.NaN
  }
  const helpers: BenchHelpers = {
    // Cytoscape registers its core on the container (`_cyreg`); no app API is needed for it.
    cy() {
      for (const el of document.querySelectorAll<CyHost>('div')) {
        const cy = el._cyreg?.cy
        if (cy && !cy.destroyed()) return cy
      }
      return null
    },
    async frame(count) {
      for (let i = 0; i < count; i++) await raf()
    },
    frames(o) {
      const cy = helpers.cy()
      let renders = 0
      const onRender = (): void => {
        renders++
      }
      const zoom0 = cy?.zoom() ?? 1
      const pan0 = cy?.pan() ?? { x: 0, y: 0 }
      const centre = cy ? { x: cy.width() / 2, y: cy.height() / 2 } : { x: 0, y: 0 }
      return new Promise((resolve) => {
        const deltas: number[] = []
        let start = -1
        let measuring = -1
        let last = -1
        let i = 0
        const tick = (now: number): void => {
          if (start < 0) {
            start = now
            cy?.on('render', onRender)
          } else if (measuring >= 0) deltas.push(now - last)
          else if (now - start >= o.warmupMs) {
            measuring = now
            renders = 0
          }
          last = now
          const done =
            (measuring >= 0 && now - measuring >= o.durationMs && deltas.length >= o.minFrames) ||
            now - start >= o.maxMs
          if (done) {
            cy?.off('render', onRender)
            if (cy && o.motion !== 'none') cy.viewport({ zoom: zoom0, pan: pan0 })
            resolve({ deltas, renders })
            return
          }
          if (cy && o.motion === 'pan-zoom') {
            i++
            const dir = Math.floor(i / 30) % 2 === 0 ? 1 : -1
            cy.panBy({ x: 6 * dir, y: 3 * dir })
            cy.zoom({ level: zoom0 * (1 + 0.1 * Math.sin(i / 8)), renderedPosition: centre })
          }
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
    },
    async commandToGraph(runs) {
      const api = lab()
      const out: CommandTiming[] = []
      for (const { name, line } of runs) {
        const before = new Set(api.elements().map((e) => e.id))
        const shows = new RegExp(`(^|[^\\w.-])${name}([^\\w.-]|$)`)
        const drawn = (): boolean =>
          api.elements().some((e) => !before.has(e.id) && shows.test(e.label))
        const t0 = performance.now()
        const r = await api.run(line)
        const reply = performance.now() - t0
        if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
        for (let f = 0; !drawn(); f++) {
          if (f > 1200) throw new Error(`${name} never appeared in elements()`)
          await raf()
        }
        await raf()
        await raf()
        out.push({ reply, painted: performance.now() - t0 })
        await new Promise((resolve) => setTimeout(resolve, 150))
      }
      return out
    },
    async echoToPainted(count) {
      const api = lab()
      const out: number[] = []
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        const r = await api.run(`echo painted ${i}`)
        if (r.exitCode !== 0) throw new Error(`echo: ${r.stderr}`)
        await raf()
        await raf()
        out.push(performance.now() - t0)
      }
      return out
    },
    async echoFill(count) {
      const api = lab()
      const out: number[] = []
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        await api.run(`echo scrollback ${i}`)
        out.push(performance.now() - t0)
      }
      return out
    },
    scrollback() {
      return document.querySelector('[role="log"]')?.childElementCount ?? Number.NaN
    },
    graphInfo() {
      const cy = helpers.cy()
      if (!cy) return null
      const nodes = cy.nodes()
      const renderer = (cy as unknown as { renderer(): { webgl?: boolean } }).renderer()
      return {
        nodes: nodes.length,
        parents: nodes.filter((n) => n.isParent()).length,
        edges: cy.edges().length,
        webgl: renderer.webgl === true,
        width: cy.width(),
        height: cy.height(),
        zoom: cy.zoom(),
        pan: cy.pan(),
      }
    },
    webglRenderer() {
      const gl = document.createElement('canvas').getContext('webgl2')
      if (!gl) return 'WebGL2 unavailable'
      const info = gl.getExtension('WEBGL_debug_renderer_info')
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    },
    canvasWorkload() {
      const canvas = document.createElement('canvas')
      canvas.width = 1280
      canvas.height = 800
      const g = canvas.getContext('2d')
      if (!g) return Number.NaN
      return timed(() => {
        g.clearRect(0, 0, 1280, 800)
        for (let i = 0; i < 3000; i++) {
          g.beginPath()
          g.arc((i * 37) % 1280, (i * 53) % 800, 6, 0, 2 * Math.PI)
          g.fillStyle = i % 2 ? '#2563eb' : '#f59e0b'
          g.fill()
        }
        g.getImageData(0, 0, 1, 1)
      }, 15)
    },
    jsonWorkload() {
      const records: Record<string, unknown> = {}
      for (let i = 0; i < 3000; i++)
        records[`link:h1/veth${i}`] = { id: `link:h1/veth${i}`, kind: 'link', mtu: 1500, up: true }
      return timed(() => {
        JSON.parse(JSON.stringify(records))
      }, 15)
    },
  }
  window.__bench = helpers
}
