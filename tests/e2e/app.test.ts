// The built app in headless Chromium: the terminal, the graph of the default host, the inspector.

import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { launchChromium } from '../helpers/browser'

let browser: Browser
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(inject('baseUrl'))
  await page.getByRole('textbox', { name: 'Command' }).waitFor()
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
})

afterAll(async () => {
  await browser?.close()
})

describe('the app on a fresh Docker host', () => {
  it('prints the three default networks when docker network ls is typed in the terminal', async () => {
    const input = page.getByRole('textbox', { name: 'Command' })
    await input.fill('docker network ls')
    await input.press('Enter')
    const log = page.getByRole('log', { name: 'Terminal output' })
    await expect.poll(() => log.textContent()).toMatch(/NETWORK ID {5}NAME {6}DRIVER {4}SCOPE/)
    const text = (await log.textContent()) ?? ''
    expect(text).toMatch(/root@host1:~# docker network ls/)
    expect(text).toMatch(/[0-9a-f]{12} {3}bridge {4}bridge {4}local/)
    expect(text).toMatch(/[0-9a-f]{12} {3}host {6}host {6}local/)
    expect(text).toMatch(/[0-9a-f]{12} {3}none {6}null {6}local/)
  })

  it('answers an unknown command like bash, also through the page API', async () => {
    const result = await page.evaluate(() => window.dockerNetworkLab?.run('foo'))
    expect(result).toEqual({ stdout: '', stderr: 'bash: foo: command not found\n', exitCode: 127 })
    await expect
      .poll(() => page.getByRole('log').textContent())
      .toContain('bash: foo: command not found')
  })

  it('draws host1 with lo, eth0 and docker0 and their addresses, and the LAN outside', async () => {
    const elements = await page.evaluate(() =>
      (window.dockerNetworkLab?.elements() ?? []).map(
        ({ id, kind, label, parent, source, target }) => ({
          id,
          kind,
          label,
          parent,
          source,
          target,
        }),
      ),
    )
    const node = (label: RegExp) =>
      elements.find((e) => e.kind === 'interface' && label.test(e.label))
    expect(elements.find((e) => e.id === 'host:host1')).toMatchObject({
      kind: 'host',
      label: 'host1',
    })
    expect(node(/^lo\n127\.0\.0\.1\/8$/)).toMatchObject({ parent: 'netns:host1/ns0' })
    expect(node(/^eth0\n10\.10\.0\.11\/24$/)).toMatchObject({ parent: 'netns:host1/ns0' })
    expect(node(/^docker0 · DOWN\n172\.17\.0\.1\/16/)).toMatchObject({ parent: 'netns:host1/ns0' })
    expect(elements.find((e) => e.id === 'netns:host1/ns0')).toMatchObject({ parent: 'host:host1' })
    const eth0 = node(/^eth0/)
    expect(elements.find((e) => e.kind === 'cable')).toMatchObject({
      source: eth0?.id,
      target: 'segment:lan',
    })
  })

  it('fills the inspector when a node is clicked', async () => {
    const box = await page.evaluate(() => window.dockerNetworkLab?.boundingBox('link:host1/l2'))
    expect(box).toBeTruthy()
    if (!box) return
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await expect.poll(() => inspector.getByRole('heading').textContent()).toBe('docker0')
    const text = (await inspector.textContent()) ?? ''
    expect(text).toContain('Linux bridge')
    expect(text).toContain('172.17.0.1/16')
    expect(text).toContain('NO-CARRIER BROADCAST MULTICAST UP')
    expect(text).toContain('host network namespace')
    expect(text).toMatch(/MAC[0-9a-f]{2}(:[0-9a-f]{2}){5}/)
  })

  it('renders without errors and saves a screenshot', async () => {
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/default-host.png' })
    expect(errors).toEqual([])
  })
})
