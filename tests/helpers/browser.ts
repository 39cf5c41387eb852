// Headless Chromium for end-to-end tests: CHROME_PATH, else Debian's /usr/bin/chromium, else
// Playwright's own download. A missing browser is a failure, never a skip (.ci/run installs it).

import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import type {} from '../../src/ui/page-api'

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
]

export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', chromium.executablePath()]
  const found = candidates.find(
    (p): p is string => typeof p === 'string' && p !== '' && existsSync(p),
  )
  if (!found) {
    throw new Error(
      "No Chromium found: set CHROME_PATH, or install Debian's chromium (apt-get install chromium).",
    )
  }
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS })
}

/** Waits until the app's terminal takes input and the diagram has settled. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
  await page.evaluate(() => window.dockerNetworkLab?.settled())
}

/**
 * A page on the app at `url` (1400×900), ready for input, its uncaught errors collected in
 * `errors`; test-results/ exists for screenshots.
 */
export async function openApp(browser: Browser, url: string, errors: string[]): Promise<Page> {
  mkdirSync('test-results', { recursive: true })
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  await appReady(page)
  return page
}
