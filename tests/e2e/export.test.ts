// "Under the hood" in headless Chromium: the header's button opens the host's data plane as the
// sh script `export-commands` prints, which can be copied and downloaded; the header still fits
// a 1024-pixel window with the extra button.

import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { seriousViolations } from '../helpers/axe'
import { appReady, launchChromium } from '../helpers/browser'

let browser: Browser
let context: BrowserContext
let page: Page
const errors: string[] = []

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(inject('baseUrl'))
  await appReady(page)
})

afterAll(async () => {
  await browser?.close()
})

/** Types a line in the terminal as a learner would, and waits for the prompt to come back. */
async function type(line: string): Promise<void> {
  const input = page.locator('#terminal-input')
  await input.fill(line)
  await input.press('Enter')
  await appReady(page)
}

const opener = () => page.getByRole('button', { name: 'Under the hood' })
const dialog = () => page.getByRole('dialog', { name: 'What Docker does under the hood' })
const script = () => dialog().locator('pre[aria-busy="false"]')

describe('Under the hood', () => {
  it('shows host1’s script with the command it stands for', async () => {
    await type('docker run -d --name web -p 8080:80 nginx')
    await opener().click()
    await dialog().waitFor()
    expect(
      await dialog()
        .getByRole('combobox', { name: 'Host' })
        .evaluate((e) => e === document.activeElement),
    ).toBe(true)
    await script().waitFor()
    const text = (await script().textContent()) ?? ''
    expect(text.startsWith('#!/bin/sh\n')).toBe(true)
    expect(text).toContain('ip netns add')
    expect(text).toContain('# docker run --name web -p 8080:80 nginx')
    expect(await dialog().textContent()).toContain(
      'The same in the terminal: export-commands host1',
    )
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/export-dialog.png' })
  })

  it('copies and downloads it', async () => {
    const text = (await script().textContent()) ?? ''
    await dialog().getByRole('button', { name: 'Copy' }).click()
    await dialog().getByRole('status').getByText('Copied').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog().getByRole('button', { name: 'Download' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('dnl-host1.sh')
  })

  it('shows the cleanup script, in the dark theme too', async () => {
    await dialog().getByRole('checkbox', { name: 'Cleanup script' }).check()
    await dialog().getByRole('region', { name: 'Cleanup script' }).and(script()).waitFor()
    expect(await script().textContent()).toContain('ip netns del')
    expect(await dialog().textContent()).toContain(
      'The same in the terminal: export-commands --cleanup host1',
    )
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await dialog().getByRole('checkbox', { name: 'Cleanup script' }).uncheck()
    await script().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/export-dialog-dark.png' })
  })

  it('closes on Escape, focus back on its button', async () => {
    await dialog().getByRole('combobox', { name: 'Host' }).focus()
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'detached' })
    expect(await opener().evaluate((e) => e === document.activeElement)).toBe(true)
  })

  it('keeps the header within a 1024-pixel window', async () => {
    await page.setViewportSize({ width: 1024, height: 768 })
    const overflow = await page.evaluate(() => {
      const header = document.querySelector('header')
      if (!header) return ['no header']
      const out = [...header.querySelectorAll('button')].flatMap((b) => {
        const r = b.getBoundingClientRect()
        return r.right > window.innerWidth || r.left < 0 ? [b.textContent ?? ''] : []
      })
      if (header.scrollWidth > header.clientWidth) out.push('header scrolls')
      return out
    })
    expect(overflow).toEqual([])
    await opener().click()
    await script().waitFor()
    const box = await dialog().boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 1024).toBe(true)
    await page.screenshot({ path: 'test-results/export-dialog-1024.png' })
    expect(errors).toEqual([])
  })
})
