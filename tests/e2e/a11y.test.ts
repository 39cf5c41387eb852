// Accessibility of the built app, checked by axe-core in headless Chromium: no serious or
// critical violation in the light and the dark theme, with the "Trace a packet" dialog open and
// with a trace in the player. The theme is switched with the header's toggle, and remembered.

import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { launchChromium } from '../helpers/browser'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

let browser: Browser
let context: BrowserContext
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  })
  context.setDefaultTimeout(10_000)
  page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await open(page)
  for (const line of [
    'docker network create net1',
    'docker run -d --name web -p 8080:80 nginx',
    'docker run -d --name db --network net1 redis',
  ])
    await run(line)
  await page.evaluate(() => window.dockerNetworkLab?.settled())
})

afterAll(async () => {
  await browser?.close()
})

async function open(p: Page): Promise<void> {
  await p.goto(inject('baseUrl'))
  await p.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
}

async function run(line: string, exitCode = 0): Promise<void> {
  const result = await page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
  expect(result?.exitCode, `${line}\n${result?.stderr ?? ''}`).toBe(exitCode)
}

type Violation = {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly helpUrl: string
  readonly nodes: readonly { readonly target: string; readonly summary: string }[]
}

/** axe's serious and critical violations on the page as it is now. */
async function seriousViolations(p: Page): Promise<Violation[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: AXE_PATH })
  const all = await p.evaluate(async () => {
    type AxeResult = {
      violations: {
        id: string
        impact: string | null
        help: string
        helpUrl: string
        nodes: { target: unknown[]; failureSummary?: string }[]
      }[]
    }
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResult> } })
      .axe
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: n.failureSummary ?? '',
      })),
    }))
  })
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** One paragraph per violation: rule, impact, help, then each element and what fails. */
function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) =>
      [
        `[${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `  ${n.target}\n    ${n.summary.replace(/\n/g, '\n    ')}`),
      ].join('\n'),
    )
    .join('\n\n')
}

async function expectNoSeriousViolations(p: Page, where: string): Promise<void> {
  const violations = await seriousViolations(p)
  expect(violations.length, `axe, ${where}:\n\n${describeViolations(violations)}\n`).toBe(0)
}

const themeOf = (p: Page): Promise<string | undefined> =>
  p.evaluate(() => document.documentElement.dataset.theme)

const themeToggle = (p: Page) => p.getByRole('button', { name: 'Dark theme' })

async function withTraceForm(where: string): Promise<void> {
  const opener = page.getByRole('button', { name: 'Trace a packet' })
  await opener.click()
  await page.getByRole('dialog', { name: /trace a packet/i }).waitFor()
  await expectNoSeriousViolations(page, `${where}, "Trace a packet" open`)
  await page.keyboard.press('Escape')
  await page.getByRole('dialog').waitFor({ state: 'detached' })
}

describe('accessibility (axe-core)', () => {
  it('has no serious violation in the light theme', async () => {
    expect(await themeToggle(page).count(), 'the header has no <ThemeToggle/>').toBe(1)
    expect(await themeOf(page)).toBe('light')
    expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('false')
    await page.screenshot({ path: 'test-results/a11y-light.png' })
    await expectNoSeriousViolations(page, 'light theme')
  })

  it('has none with the "Trace a packet" dialog open', async () => {
    await withTraceForm('light theme')
  })

  it('has none with a trace in the player: a dropped packet, then a ping and its DNS query', async () => {
    // web is on the default bridge, db only on net1: the packet is dropped, with advice.
    await run('trace web db', 1)
    const events = page.getByRole('listbox', { name: 'Trace events' })
    await events.waitFor()
    await expect.poll(() => page.locator('.app__trace').textContent()).toMatch(/Dropped/)
    await expectNoSeriousViolations(page, 'light theme, dropped trace open')
    await run('docker network connect net1 web')
    await run('docker run -d --name probe --network net1 busybox sleep 1000')
    await run('docker exec probe ping -c 1 db')
    await page.getByRole('tablist', { name: 'Packets of this command' }).waitFor()
    await expect.poll(() => page.locator('.app__trace').textContent()).toMatch(/Delivered/)
    await expectNoSeriousViolations(page, 'light theme, ping trace open')
  })

  it('switches to the dark theme with the toggle, and has none there either', async () => {
    await themeToggle(page).click()
    expect(await themeOf(page)).toBe('dark')
    expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('true')
    const body = await page.evaluate(() => getComputedStyle(document.body).color)
    expect(body).toBe('rgb(226, 232, 240)')
    await page.screenshot({ path: 'test-results/a11y-dark.png' })
    await expectNoSeriousViolations(page, 'dark theme, trace player open')
    await withTraceForm('dark theme')
    await page.getByRole('button', { name: 'Close trace' }).click()
    await expectNoSeriousViolations(page, 'dark theme')
    for (const form of ['New network', 'New container']) {
      await page.getByRole('button', { name: form }).click()
      await page.getByRole('dialog', { name: form }).waitFor()
      await expectNoSeriousViolations(page, `dark theme, ${form} form open`)
      await page.keyboard.press('Escape')
    }
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'docker' }))
    await expectNoSeriousViolations(page, 'dark theme, Docker view')
  })

  it('remembers the dark theme after a reload', async () => {
    expect(await page.evaluate(() => localStorage.getItem('dnl-theme'))).toBe('dark')
    await open(page)
    expect(await themeOf(page)).toBe('dark')
    expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('true')
    expect(errors).toEqual([])
  })

  it('starts in the system theme when nothing was chosen', async () => {
    const dark = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    })
    try {
      const p = await dark.newPage()
      await open(p)
      expect(await themeOf(p)).toBe('dark')
      await expectNoSeriousViolations(p, 'dark theme from prefers-color-scheme, fresh lab')
    } finally {
      await dark.close()
    }
  })
})
