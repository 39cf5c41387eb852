import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Relative base: the build runs from any path of any static web server.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // The worker's dependencies, pre-bundled up front so the first dev load does not reload.
  optimizeDeps: { include: ['ipaddr.js'] },
  // React + Cytoscape are ~210 KiB gzip in the initial chunk, inside the 300 KiB budget.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/kernel/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/**/*.test.tsx'],
          setupFiles: ['tests/helpers/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'kernel',
          environment: 'node',
          include: ['tests/kernel/**/*.test.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          environment: 'node',
          include: [],
          benchmark: { include: ['tests/bench/**/*.bench.ts'] },
          // Lets the engine benchmark collect garbage before it reads the heap.
          execArgv: ['--expose-gc'],
          // One file at a time: the browser bench must not share the 2 cores with the others.
          fileParallelism: false,
        },
      },
    ],
  },
})
