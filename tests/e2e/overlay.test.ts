// Seed 002 in swarm mode in the built app: three hosts, a swarm, an attachable overlay with a
// container on docker02 and one on docker03 (behind the router); a trace between them stepped
// through: the VXLAN encapsulation shown as nested envelopes, the underlay crossing, the
// decapsulation on docker03; the tunnel drawn between the hosts. Screenshot for the eye.

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { appReady, launchChromium } from '../helpers/browser'

let browser: Browser
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${inject('baseUrl')}?world=seed-002`)
  await appReady(page)
})

afterAll(async () => {
  await browser?.close()
})

async function run(line: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const r = await page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
  if (!r) throw new Error('no page API')
  return r
}

describe('an overlay across three hosts', () => {
  it('traces a packet from docker02 to docker03 through the VXLAN tunnel', async () => {
    const init = await run('docker swarm init')
    expect(init.stdout).toMatch(
      /^Swarm initialized: current node \([0-9a-z]{25}\) is now a manager/,
    )
    const token = (await run('docker swarm join-token -q worker')).stdout.trim()
    for (const h of ['docker02', 'docker03']) {
      const joined = await run(`ssh ${h} docker swarm join --token ${token} 10.10.0.11:2377`)
      expect(joined.stdout).toContain('This node joined a swarm as a worker.')
    }
    expect((await run('docker network create -d overlay --attachable vnet')).exitCode).toBe(0)
    expect(
      (await run('ssh docker02 docker run -d --name c02 --network vnet busybox sleep 1d')).exitCode,
    ).toBe(0)
    expect(
      (await run('ssh docker03 docker run -d --name c03 --network vnet busybox sleep 1d')).exitCode,
    ).toBe(0)
    await page.evaluate(() => window.dockerNetworkLab?.settled())
    // The tunnel between docker02 and docker03 is drawn.
    const tunnels = await page.evaluate(() =>
      (window.dockerNetworkLab?.elements() ?? []).filter((e) => /VXLAN 4097/.test(e.label ?? '')),
    )
    expect(tunnels.length).toBeGreaterThan(0)

    await run('trace c02 c03')
    const rows = page.getByRole('listbox', { name: 'Trace events' }).getByRole('option')
    const texts = await rows.allTextContents()
    const encap = texts.findIndex((t) => t.includes('encapsulates'))
    const decap = texts.findIndex((t) => t.includes('decapsulates'))
    expect(encap).toBeGreaterThan(0)
    expect(decap).toBeGreaterThan(encap)
    expect(texts.slice(encap, decap).some((t) => t.includes('router router1 forwards'))).toBe(true)
    await rows.nth(encap).click()
    // The packet pane draws the outer headers around the VXLAN header and the inner frame.
    const pdu = page.locator('.trace-pdu')
    await expect.poll(() => pdu.getByLabel('outer packet').count()).toBe(1)
    expect(await pdu.getByLabel('inner frame').textContent()).toContain('10.0.1.4')
    expect(await pdu.textContent()).toMatch(/VNI\s*4097/)
    expect(await pdu.textContent()).toContain('1450 (overlay) + 50')
    await page.screenshot({ path: 'test-results/overlay-encapsulation.png' })
    await rows.nth(decap).click()
    await expect
      .poll(() => page.evaluate(() => window.dockerNetworkLab?.highlighted()))
      .toMatch(/:docker03\//)
    await page.screenshot({ path: 'test-results/overlay-decapsulation.png' })
    expect(errors).toEqual([])
  })
})
