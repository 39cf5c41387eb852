// The built app in headless Chromium with containers: the diagram follows docker commands.

import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { launchChromium } from '../helpers/browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.goto(inject('baseUrl'))
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
})

afterAll(async () => {
  await browser?.close()
})

const elements = () =>
  page.evaluate(() =>
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

describe('containers in the diagram', () => {
  it('draws a container namespace with eth0 wired to docker0 by a veth pair, and docker0 comes up', async () => {
    const r = await page.evaluate(() =>
      window.dockerNetworkLab?.run('docker run -d --name web -p 8080:80 nginx'),
    )
    expect(r?.exitCode).toBe(0)
    await expect
      .poll(async () => (await elements()).some((e) => e.label === 'web (nginx)'))
      .toBe(true)
    const all = await elements()
    const ns = all.find((e) => e.label === 'web (nginx)')
    const eth0 = all.find((e) => e.parent === ns?.id && e.label === 'eth0\n172.17.0.2/16')
    expect(eth0).toBeTruthy()
    const veth = all.find(
      (e) => e.kind === 'veth' && (e.source === eth0?.id || e.target === eth0?.id),
    )
    expect(veth).toBeTruthy()
    expect(all.find((e) => e.id === 'link:host1/l2')?.label).toBe(
      'docker0\n172.17.0.1/16\nnetwork “bridge”',
    )
  })

  it('adds a user network bridge and a second namespace, and removes them again', async () => {
    await page.evaluate(async () => {
      await window.dockerNetworkLab?.run('docker network create backend')
      await window.dockerNetworkLab?.run('docker run -d --name db --network backend redis')
      await window.dockerNetworkLab?.run('docker run -d --name h1 --network host httpd')
    })
    await expect
      .poll(async () => (await elements()).some((e) => e.label === 'db (redis)'))
      .toBe(true)
    const all = await elements()
    expect(
      all.some(
        (e) =>
          e.kind === 'interface' &&
          /^br-[0-9a-f]{12}\n172\.18\.0\.1\/16\nnetwork “backend”/.test(e.label),
      ),
    ).toBe(true)
    expect(all.find((e) => e.kind === 'container')?.label).toBe('h1 (httpd)\nhost network mode')
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/containers.png' })
    await page.evaluate(async () => {
      await window.dockerNetworkLab?.run('docker rm -f db')
      await window.dockerNetworkLab?.run('docker network rm backend')
    })
    await expect
      .poll(async () => (await elements()).some((e) => e.label === 'db (redis)'))
      .toBe(false)
    expect((await elements()).some((e) => e.label.includes('network “backend”'))).toBe(false)
  })
})
