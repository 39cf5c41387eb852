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
    expect(
      node(/^docker0\n172\.17\.0\.1\/16\nnetwork “bridge”\nDOWN · no ports yet$/),
    ).toMatchObject({ parent: 'netns:host1/ns0' })
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
    await expect
      .poll(() => inspector.getByRole('heading', { level: 2 }).textContent())
      .toBe('docker0')
    const text = (await inspector.textContent()) ?? ''
    expect(text).toContain('Linux bridge')
    expect(text).toContain('172.17.0.1/16')
    expect(text).toContain('NO-CARRIER BROADCAST MULTICAST UP')
    expect(text).toContain('host network namespace')
    expect(text).toMatch(/MAC[0-9a-f]{2}(:[0-9a-f]{2}){5}/)
  })

  it('completes docker net with Tab and runs a pasted two-line block', async () => {
    const input = page.getByRole('textbox', { name: 'Command' })
    const log = page.getByRole('log', { name: 'Terminal output' })
    await input.fill('docker net')
    await input.press('Tab')
    await expect.poll(() => input.inputValue()).toBe('docker network ')
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
    // A Tab that changed the line is a first Tab again: only the next one lists.
    await input.press('Tab')
    await input.press('Tab')
    await expect.poll(() => log.textContent()).toMatch(/connect {5}create {6}disconnect/)
    expect((await log.textContent())?.match(/connect {5}create/g)).toHaveLength(1)
    await input.fill('')
    // A paste event as the browser fires it for Ctrl-V, with the clipboard's text.
    await input.evaluate((el) => {
      const data = new DataTransfer()
      data.setData('text/plain', 'docker network create pasted\ndocker network ls\n')
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    })
    await expect.poll(() => log.textContent()).toMatch(/[0-9a-f]{12} {3}pasted {4}bridge {4}local/)
    const text = (await log.textContent()) ?? ''
    // Each line echoed with its prompt and answered before the next one runs.
    expect(text).toMatch(
      /root@host1:~# docker network create pasted[0-9a-f]{64}\nroot@host1:~# docker network lsNETWORK ID/,
    )
    expect(await input.inputValue()).toBe('')
  })

  it('resizes the terminal with the splitter from the keyboard', async () => {
    const splitter = page.getByRole('separator', { name: 'Resize terminal' })
    const terminal = page.getByRole('region', { name: 'Terminal' })
    const before = (await terminal.boundingBox())?.height ?? 0
    await splitter.focus()
    await splitter.press('ArrowUp')
    await splitter.press('ArrowUp')
    expect(await splitter.getAttribute('aria-valuenow')).toBe('36')
    await expect
      .poll(async () => (await terminal.boundingBox())?.height ?? 0)
      .toBeGreaterThan(before)
  })

  it('renders without errors and saves a screenshot', async () => {
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/default-host.png' })
    expect(errors).toEqual([])
  })
})
