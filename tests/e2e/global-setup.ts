// Builds the app once and serves dist/ on localhost for every e2e test file.

import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { serveStatic } from '../helpers/static-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ logLevel: 'warn', configFile: 'vite.config.ts' })
  const server = await serveStatic('dist')
  project.provide('baseUrl', server.url)
  return () => server.close()
}
