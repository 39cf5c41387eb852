// ?world=NAME opens a world file from public/worlds: two hosts drawn side by side, ssh between
// them in the terminal; a name with no file says so in the terminal and opens the default host.

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { launchChromium } from '../helpers/browser'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

async function open(query: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${inject('baseUrl')}${query}`)
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
  await page.evaluate(() => window.dockerNetworkLab?.settled())
  return { page, errors }
}

describe('worlds from files', () => {
  it('opens public/worlds/two-hosts.json: both hosts drawn, ssh from one to the other', async () => {
    const { page, errors } = await open('?world=two-hosts')
    // The world file arrives over the network: its hosts are drawn once it has loaded.
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window.dockerNetworkLab?.elements() ?? [])
            .filter((e) => e.kind === 'host')
            .map((e) => e.label),
        ),
      )
      .toEqual(['host1', 'host2'])
    await page.evaluate(() => window.dockerNetworkLab?.run('ssh host2'))
    await expect
      .poll(() => page.locator('.terminal__prompt').last().textContent())
      .toBe('root@host2:~# ')
    const hostname = await page.evaluate(() => window.dockerNetworkLab?.run('hostname'))
    expect(hostname?.stdout).toBe('host2\n')
    await page.evaluate(() => window.dockerNetworkLab?.run('docker network create back'))
    // A name only one host has stands alone; `bridge`, on both, is named with its host.
    const legend = await page.getByRole('region', { name: 'Networks' }).textContent()
    expect(legend).toContain('back')
    expect(legend).not.toContain('host2/back')
    expect(legend).toContain('host2/bridge')
    await page.screenshot({ path: 'test-results/world-two-hosts.png' })
    expect(errors).toEqual([])
    await page.close()
  })

  it('says in the terminal when a world does not exist, and opens the default host', async () => {
    const { page, errors } = await open('?world=nope')
    await expect
      .poll(() => page.locator('#terminal').textContent())
      .toContain(
        'docker-network-lab: world "nope": there is no worlds/nope.json; the default host opened instead',
      )
    const hosts = await page.evaluate(() =>
      (window.dockerNetworkLab?.elements() ?? [])
        .filter((e) => e.kind === 'host')
        .map((e) => e.label),
    )
    expect(hosts).toEqual(['host1'])
    expect(errors).toEqual([])
    await page.close()
  })

  it('steps a trace from docker01 to docker03 across the router (seed 002’s layout)', async () => {
    const { page, errors } = await open('?world=seed-002')
    const hosts = await page.evaluate(() =>
      (window.dockerNetworkLab?.elements() ?? [])
        .filter((e) => e.kind === 'host')
        .map((e) => e.label),
    )
    expect(hosts).toEqual(['docker01', 'docker02', 'docker03'])
    await page.evaluate(() => window.dockerNetworkLab?.run('trace docker01 10.20.0.13'))
    const rows = page.getByRole('listbox', { name: 'Trace events' }).getByRole('option')
    const texts = await rows.allTextContents()
    const at = texts.findIndex((t) => t.includes('the router router1 forwards'))
    expect(at).toBeGreaterThan(0)
    await rows.nth(at).click()
    // The step happens on the LAN: the LAN node is highlighted; then lan2, then docker03.
    await expect
      .poll(() => page.evaluate(() => window.dockerNetworkLab?.highlighted()))
      .toBe('segment:lan')
    await rows.nth(at + 2).click()
    await expect
      .poll(() => page.evaluate(() => window.dockerNetworkLab?.highlighted()))
      .toBe('segment:lan2')
    await rows.nth(at + 3).click()
    await expect
      .poll(() => page.evaluate(() => window.dockerNetworkLab?.highlighted()))
      .toMatch(/:docker03\//)
    await page.screenshot({ path: 'test-results/world-seed-002-trace.png' })
    expect(errors).toEqual([])
    await page.close()
  })
})
