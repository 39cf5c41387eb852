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
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: test
  // what users get.
  const env = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ logLevel: 'warn', configFile: 'vite.config.ts', mode: 'production' })
  } finally {
    process.env.NODE_ENV = env
  }
  const server = await serveStatic('dist')
  project.provide('baseUrl', server.url)
  return () => server.close()
}
