// The trace player in the built app: a ping opens its trace below the graph, steps move the
// highlight, and a dropped packet names its blocker and the docker command that fixes it.

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
})

afterAll(async () => {
  await browser?.close()
})

async function run(line: string): Promise<void> {
  await page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
}

describe('trace player', () => {
  it('opens the trace of a ping and steps through it', async () => {
    await run('docker network create front')
    await run('docker run -d --name c1 --network front busybox sleep 1000')
    await run('docker run -d --name c2 --network front busybox sleep 1000')
    await run('docker exec c1 ping -c 1 c2')
    const events = page.getByRole('listbox', { name: 'Trace events' })
    await events.waitFor()
    const rows = events.getByRole('option')
    expect(await rows.count()).toBeGreaterThan(4)
    await expect.poll(() => rows.first().getAttribute('aria-selected')).toBe('true')
    // Step 1 happens in c1 (its route lookup, on eth0): c1's eth0 is highlighted on the graph.
    const label = async (): Promise<string | undefined> =>
      page.evaluate(() => {
        const api = window.dockerNetworkLab
        const id = api?.highlighted()
        return api?.elements().find((e) => e.id === id)?.label
      })
    await expect.poll(label).toMatch(/^eth0\n172\.18\.0\.2\/16/)
    await page.getByRole('button', { name: /forward/i }).click()
    await expect.poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true')
    expect(await rows.nth(1).textContent()).toMatch(/netfilter OUTPUT/)
    await page.getByRole('button', { name: /back/i }).click()
    await expect.poll(() => rows.first().getAttribute('aria-selected')).toBe('true')
    expect(await page.locator('.app__trace').textContent()).toMatch(/Delivered/)
    // Places are named after what the learner knows: the container and its device.
    expect(await events.textContent()).toContain('c1 eth0')
    // The echo reply comes back after the request, marked as the reply.
    expect(await events.getByText('reply', { exact: true }).count()).toBe(1)
    // c2 was looked up first: the embedded DNS query is its own trace, one click away.
    const packets = page.getByRole('tablist', { name: 'Packets of this command' })
    expect(await packets.getByRole('tab').allTextContents()).toEqual([
      '1. DNS query to 127.0.0.11',
      '2. icmp to 172.18.0.3',
    ])
    await packets.getByRole('tab', { name: /DNS query/ }).click()
    await expect.poll(() => events.textContent()).toContain('DOCKER_OUTPUT')
    await page.screenshot({ path: 'test-results/trace-dns.png' })
    await packets.getByRole('tab', { name: /icmp/ }).click()
    await expect.poll(() => events.textContent()).not.toContain('DOCKER_OUTPUT')
  })

  it('names the blocker of a dropped packet and the command that fixes it', async () => {
    await run('docker network create back')
    await run('docker run -d --name c3 --network back busybox sleep 1000')
    await run('trace c1 c3')
    const dock = page.locator('.app__trace')
    await expect.poll(() => dock.textContent()).toMatch(/Dropped/)
    await page.screenshot({ path: 'test-results/trace-player.png' })
    const log = await page.getByRole('log', { name: 'Terminal output' }).textContent()
    expect(log).toContain('docker network connect back c1')
    // The player offers the fix; running it connects c1, and the same trace now gets through.
    await page.getByRole('button', { name: 'Run it' }).click()
    await expect
      .poll(() => page.getByRole('log', { name: 'Terminal output' }).textContent())
      .toContain('# docker network connect back c1')
    await run('trace c1 c3')
    await expect.poll(() => dock.textContent()).toMatch(/Delivered/)
    expect(errors).toEqual([])
  })
})
