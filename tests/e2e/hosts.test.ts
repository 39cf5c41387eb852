// Hosts joining and leaving the world in headless Chromium: "New host" in the palette runs
// `lab host add`, the new host is drawn beside host1 (which stays where it was), host1's terminal
// pings it by name, and the host's menu in the diagram removes it with `lab host rm`.

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { seriousViolations } from '../helpers/axe'
import { appReady, launchChromium, openApp } from '../helpers/browser'

let browser: Browser
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await openApp(browser, inject('baseUrl'), errors)
})

afterAll(async () => {
  await browser?.close()
})

const hosts = () =>
  page.evaluate(() =>
    (window.dockerNetworkLab?.elements() ?? [])
      .filter((e) => e.kind === 'host')
      .map((e) => e.label),
  )

/** Where the diagram puts host1's elements (model coordinates, not the viewport's). */
const host1Positions = () =>
  page.evaluate(() =>
    Object.fromEntries(
      (window.dockerNetworkLab?.elements() ?? []).flatMap((e) =>
        e.id.includes(':host1/') && e.position ? [[e.id, e.position]] : [],
      ),
    ),
  )

const terminalText = () => page.locator('#terminal').textContent()

/** Types a line in the terminal as a learner would, and waits for the prompt to come back. */
async function type(line: string): Promise<void> {
  const input = page.locator('#terminal-input')
  await input.fill(line)
  await input.press('Enter')
  await appReady(page)
}

describe('adding and removing a host', () => {
  it('adds host2 from the palette: drawn beside host1, which stays where it was', async () => {
    const before = await host1Positions()
    expect(Object.keys(before).length).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'New host' }).click()
    const dialog = page.getByRole('dialog', { name: 'New host' })
    await dialog.waitFor()
    expect(await dialog.getByLabel('Commands to run').textContent()).toBe(
      'root@host1:~# lab host add\n',
    )
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: 'test-results/hosts-palette.png' })
    await dialog.getByRole('button', { name: 'Add' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.evaluate(() => window.dockerNetworkLab?.settled())
    expect(await hosts()).toEqual(['host1', 'host2'])
    expect(await terminalText()).toContain(
      'Added host2: eth0 10.10.0.12/24 on lan (ssh host2 to log in)',
    )
    expect(await host1Positions()).toEqual(before)
    const box1 = await page.evaluate(() => window.dockerNetworkLab?.boundingBox('host:host1'))
    const box2 = await page.evaluate(() => window.dockerNetworkLab?.boundingBox('host:host2'))
    expect(box1 && box2 && box2.x >= box1.x + box1.width).toBe(true)
  })

  it('pings host2 by name from host1’s terminal', async () => {
    await type('ping -c 1 host2')
    const text = await terminalText()
    expect(text).toContain('PING host2 (10.10.0.12) 56(84) bytes of data.')
    expect(text).toContain('1 packets transmitted, 1 received, 0% packet loss')
    await page.screenshot({ path: 'test-results/hosts-added.png' })
  })

  it('removes host2 from its menu in the diagram', async () => {
    await page.evaluate(() => window.dockerNetworkLab?.fit())
    await page.evaluate(() => window.dockerNetworkLab?.settled())
    const box = await page.evaluate(() => window.dockerNetworkLab?.boundingBox('host:host2'))
    if (!box) throw new Error('host2 is not drawn')
    // The host's box, just inside its top edge (its devices fill the middle).
    await page.mouse.click(box.x + box.width / 2, box.y + 6, { button: 'right' })
    const menu = page.getByRole('menu', { name: 'Actions for host2' })
    await menu.waitFor()
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Trace from here',
      'Trace to here',
      'Remove host',
    ])
    await page.screenshot({ path: 'test-results/hosts-menu.png' })
    await menu.getByRole('menuitem', { name: 'Remove host' }).click()
    await expect.poll(hosts).toEqual(['host1'])
    expect(await terminalText()).toContain('lab host rm host2')
    expect(await terminalText()).toContain('Removed host2')
    await type('ping -c 1 -W 1 host2')
    expect(await terminalText()).toContain('ping: host2: Name or service not known')
    await page.screenshot({ path: 'test-results/hosts-removed.png' })
    expect(errors).toEqual([])
  })
})
