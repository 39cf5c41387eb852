// Starting a trace from the UI in the built app: the header's "Trace a packet" form runs the
// `trace` command it stands for, and a right-click on a container's node prefills the form.

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../helpers/browser'

let browser: Browser
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(inject('baseUrl'))
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
  for (const line of [
    'docker network create front',
    'docker run -d --name c1 --network front busybox sleep 1000',
    'docker run -d --name c2 --network front nginx',
  ])
    await page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
})

afterAll(async () => {
  await browser?.close()
})

const terminalText = (): Promise<string | null> =>
  page.getByRole('log', { name: 'Terminal output' }).textContent()

/** The centre of the diagram node drawing a container (its network namespace), once still. */
async function containerNode(name: string): Promise<{ x: number; y: number }> {
  let last = ''
  for (;;) {
    const at = await nodeCentre(name)
    // The diagram refits when a panel below it opens or closes: wait for it to settle.
    if (JSON.stringify(at) === last) return at
    last = JSON.stringify(at)
    await page.waitForTimeout(100)
  }
}

async function nodeCentre(name: string): Promise<{ x: number; y: number }> {
  const box = await page.evaluate(async (n) => {
    const api = window.dockerNetworkLab
    const snapshot = await api?.snapshot()
    const record = Object.values(snapshot?.records ?? {}).find(
      (r) => r.kind === 'container' && r.name === n,
    )
    const node = api?.elements().find((e) => e.kind === 'netns' && e.record === record?.id)
    return node ? api?.boundingBox(node.id) : null
  }, name)
  if (!box) throw new Error(`no node for ${name}`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

describe('trace form', () => {
  it('traces c1 → c2 over TCP port 80 as the trace command', async () => {
    await page.getByRole('button', { name: 'Trace a packet' }).click()
    const dialog = page.getByRole('dialog', { name: 'Trace a packet' })
    await dialog.waitFor()
    await dialog.getByRole('combobox', { name: 'From' }).selectOption('c1')
    await dialog.getByRole('combobox', { name: 'To' }).selectOption('c2')
    await dialog.getByRole('radio', { name: 'TCP' }).check()
    await dialog.getByRole('textbox', { name: 'Port' }).fill('80')
    await page.screenshot({ path: 'test-results/trace-form.png' })
    await dialog.getByRole('button', { name: 'Trace' }).click()
    await expect.poll(terminalText).toContain('# trace c1 c2 --proto tcp --port 80')
    await page.getByRole('listbox', { name: 'Trace events' }).waitFor()
    expect(await page.locator('.app__trace').textContent()).toContain(
      'trace c1 c2 --proto tcp --port 80',
    )
    expect(await dialog.count()).toBe(0)
  })

  it('refuses an out-of-range port before running anything', async () => {
    await page.getByRole('button', { name: 'Trace a packet' }).click()
    const dialog = page.getByRole('dialog', { name: 'Trace a packet' })
    await dialog.getByRole('textbox', { name: 'Port' }).fill('99999')
    await dialog.getByRole('button', { name: 'Trace' }).click()
    expect(await dialog.getByRole('alert').textContent()).toBe('Enter a port from 1 to 65535.')
    await page.screenshot({ path: 'test-results/trace-form-port-error.png' })
    expect(await terminalText()).not.toContain('--port 99999')
    await page.keyboard.press('Escape')
    expect(await dialog.count()).toBe(0)
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toContain('Trace a packet')
  })

  it('right-click on a container: Trace from here prefills the form', async () => {
    await page.getByRole('button', { name: 'Close trace' }).click()
    const c2 = await containerNode('c2')
    await page.mouse.click(c2.x, c2.y, { button: 'right' })
    const menu = page.getByRole('menu', { name: 'Actions for c2 (nginx)' })
    await menu.waitFor()
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Trace from here',
      'Trace to here',
      'Inspect',
      'Open a shell',
      'Stop',
      'Remove',
      'Focus on this container',
    ])
    await page.screenshot({ path: 'test-results/graph-menu.png' })
    await menu.getByRole('menuitem', { name: 'Trace from here' }).click()
    expect(await menu.count()).toBe(0)
    const dialog = page.getByRole('dialog', { name: 'Trace a packet' })
    await dialog.waitFor()
    expect(await dialog.getByRole('combobox', { name: 'From' }).inputValue()).toBe('c2')
    // The other end keeps its previous choice.
    expect(await dialog.getByRole('combobox', { name: 'To' }).inputValue()).toBe('c2')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    // Keyboard: the menu opens focused; arrows move, Enter picks.
    const c1 = await containerNode('c1')
    await page.mouse.click(c1.x, c1.y, { button: 'right' })
    await page.getByRole('menu', { name: 'Actions for c1 (busybox)' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await dialog.waitFor()
    expect(await dialog.getByRole('combobox', { name: 'From' }).inputValue()).toBe('c2')
    expect(await dialog.getByRole('combobox', { name: 'To' }).inputValue()).toBe('c1')
    // The port typed last (99999, refused above) is kept until corrected.
    await dialog.getByRole('textbox', { name: 'Port' }).fill('80')
    await dialog.getByRole('button', { name: 'Trace' }).click()
    await expect.poll(terminalText).toContain('# trace c2 c1 --proto tcp --port 80')
  })

  it('runs Inspect from the menu as docker inspect', async () => {
    const c1 = await containerNode('c1')
    await page.mouse.click(c1.x, c1.y, { button: 'right' })
    await page.getByRole('menuitem', { name: 'Inspect' }).click()
    await expect.poll(terminalText).toContain('# docker inspect c1')
    expect(errors).toEqual([])
  })
})
