// The built app under test: a production `vite build` into a directory of its own (never dist/,
// which other runs use), and what its index.html makes the browser download before anything runs.

import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

export type Chunk = { readonly file: string; readonly bytes: number; readonly gzip: number }

export type JsBudget = {
  /** The entry script and its modulepreloads: what runs before the first paint. */
  readonly initial: readonly Chunk[]
  readonly initialGzip: number
  /** The engine's worker, fetched when the app starts it. */
  readonly worker: readonly Chunk[]
  /** Every other JS chunk (dynamic imports). */
  readonly lazy: readonly Chunk[]
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'dnl-bench-dist-'))
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js')
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // vitest sets NODE_ENV=test, which would give React's development build (jsxDEV, +60 KiB gz).
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
    },
  )
  return outDir
}

function chunk(distDir: string, file: string): Chunk {
  const body = readFileSync(join(distDir, file))
  return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }
}

/** Reads index.html's module script and modulepreload links (relative `./assets/…` URLs). */
export function jsBudget(distDir: string): JsBudget {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const initialFiles = new Set<string>()
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /type="module"/.test(tag) && tag.startsWith('<script')
    const isPreload = /rel="modulepreload"/.test(tag)
    const url = /(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1]
    if (url && (isModule || isPreload)) initialFiles.add(url.replace(/^\.?\//, ''))
  }
  const all = readdirSync(join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
  const initial = [...initialFiles].map((f) => chunk(distDir, f))
  const rest = all.filter((f) => !initialFiles.has(f))
  return {
    initial,
    initialGzip: initial.reduce((sum, c) => sum + c.gzip, 0),
    worker: rest.filter((f) => /worker/i.test(f)).map((f) => chunk(distDir, f)),
    lazy: rest.filter((f) => !/worker/i.test(f)).map((f) => chunk(distDir, f)),
  }
}
