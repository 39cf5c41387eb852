// The diagram in headless Chromium: a container dragged onto a network is connected (the veth,
// the interface and its address appear, the command is echoed in the terminal), Undo takes it
// back, the palette shows Docker's error for an overlapping subnet, both levels of detail keep
// the selection, and screenshots of the default host, a three-network world and the kernel view
// are saved as test artifacts (test-results/).

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {} from '../../src/ui/page-api'
import { launchChromium, openApp } from '../helpers/browser'

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

const run = (line: string) => page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
const elements = () =>
  page.evaluate(() =>
    (window.dockerNetworkLab?.elements() ?? []).map(
      ({ id, kind, label, parent, source, target, record }) => ({
        id,
        kind,
        label,
        parent,
        source,
        target,
        record,
      }),
    ),
  )
const recordOf = async (kind: 'container' | 'network', name: string): Promise<string> => {
  const snapshot = await page.evaluate(() => window.dockerNetworkLab?.snapshot())
  const r = Object.values(snapshot?.records ?? {}).find((x) => x.kind === kind && x.name === name)
  if (!r) throw new Error(`no ${kind} ${name}`)
  return r.id
}
const center = async (id: string): Promise<{ x: number; y: number }> => {
  const box = await page.evaluate((i) => window.dockerNetworkLab?.boundingBox(i), id)
  if (!box) throw new Error(`${id} is not drawn`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}
const terminalText = () => page.locator('#terminal').textContent()

describe('the diagram', () => {
  it('draws the default host and saves a screenshot', async () => {
    const els = await elements()
    expect(els.some((e) => e.kind === 'host')).toBe(true)
    expect(await page.getByRole('region', { name: 'Networks' }).textContent()).toContain('bridge')
    await page.screenshot({ path: 'test-results/graph-default-host.png' })
    expect(errors).toEqual([])
  })

  it('connects a container dragged onto a network, echoes the command, and Undo takes it back', async () => {
    await run('docker network create net1')
    await run('docker run -d --name web -p 8080:80 nginx')
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'docker' }))
    const web = await recordOf('container', 'web')
    const net1 = await recordOf('network', 'net1')
    const from = await center(web)
    const to = await center(net1)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
    await page.mouse.move(to.x, to.y, { steps: 5 })
    await page.mouse.up()
    await expect
      .poll(async () => (await elements()).map((e) => e.id))
      .toContain(`endpoint:${web}:${net1}`)
    await expect.poll(terminalText).toContain('docker network connect net1 web')
    const endpoint = (await elements()).find((e) => e.id === `endpoint:${web}:${net1}`)
    expect(endpoint?.label).toBe('eth1 172.18.0.2')

    // The kernel view shows what that command did: a second veth pair, eth1 with its address.
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'kernel' }))
    const kernel = await elements()
    const netns = kernel.find((e) => e.kind === 'netns' && e.record === web)
    const eth1 = kernel.find(
      (e) => e.kind === 'interface' && e.parent === netns?.id && e.label.startsWith('eth1'),
    )
    expect(eth1?.label).toContain('172.18.0.2/16')
    const veth = kernel.find(
      (e) => e.kind === 'veth' && (e.source === eth1?.id || e.target === eth1?.id),
    )
    expect(veth).toBeTruthy()

    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(async () => (await elements()).some((e) => e.id === eth1?.id)).toBe(false)
    await expect.poll(terminalText).toContain('Undone: docker network connect net1 web')
  })

  it('disconnects an endpoint dragged off its network', async () => {
    await run('docker network connect net1 web')
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'docker' }))
    const web = await recordOf('container', 'web')
    const net1 = await recordOf('network', 'net1')
    const id = `endpoint:${web}:${net1}`
    const box = await page.evaluate((i) => window.dockerNetworkLab?.boundingBox(i), id)
    if (!box) throw new Error('endpoint not drawn')
    // Grab the line at a quarter of its length (away from both ends' nodes) and pull it away.
    const a = await center(web)
    const b = await center(net1)
    const grab = { x: a.x + (b.x - a.x) * 0.35, y: a.y + (b.y - a.y) * 0.35 }
    await page.mouse.move(grab.x, grab.y)
    await page.mouse.down()
    await page.mouse.move(grab.x + 200, grab.y + 150, { steps: 8 })
    await page.mouse.up()
    await expect.poll(terminalText).toContain('docker network disconnect net1 web')
    await expect.poll(async () => (await elements()).some((e) => e.id === id)).toBe(false)
  })

  it('shows Docker’s error for an overlapping subnet from the palette, and changes nothing', async () => {
    const before = (await elements()).length
    await page.getByRole('button', { name: 'New network' }).click()
    const dialog = page.getByRole('dialog', { name: 'New network' })
    await dialog.getByLabel('Name').fill('clash')
    await dialog.getByLabel('Subnet').fill('172.17.0.0/16')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Pool overlaps with other one on this address space')
    expect((await elements()).length).toBe(before)
    expect(await terminalText()).not.toContain('--subnet 172.17.0.0/16')
    await dialog.getByRole('button', { name: 'Close' }).click()
  })

  it('keeps the selection across views and saves screenshots of both levels', async () => {
    await run('docker network create backend')
    await run('docker run -d --name db --network backend redis')
    await run('docker run -d --name api --network net1 busybox sleep 1d')
    await run('docker network connect backend api')
    const api = await recordOf('container', 'api')
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'docker' }))
    const p = await center(api)
    await page.mouse.click(p.x, p.y)
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await expect.poll(() => inspector.getByRole('heading', { level: 2 }).textContent()).toBe('api')
    await page.screenshot({ path: 'test-results/graph-three-networks-docker-view.png' })
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'kernel' }))
    expect(await inspector.getByRole('heading', { level: 2 }).textContent()).toBe('api')
    const selected = await page.evaluate(() => window.dockerNetworkLab?.selectedElement())
    expect(selected?.kind).toBe('netns')
    await page.screenshot({ path: 'test-results/graph-three-networks-kernel-view.png' })
    expect(errors).toEqual([])
  })

  it('connects a container dropped on a legend chip', async () => {
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'docker' }))
    const db = await recordOf('container', 'db')
    const net1 = await recordOf('network', 'net1')
    const from = await center(db)
    const chip = page.locator(`[data-network="${net1}"]`)
    const box = await chip.boundingBox()
    if (!box) throw new Error('no legend chip for net1')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 })
    await page.mouse.up()
    await expect.poll(terminalText).toContain('docker network connect net1 db')
    await expect
      .poll(async () => (await elements()).some((e) => e.id === `endpoint:${db}:${net1}`))
      .toBe(true)
  })

  it('is navigable from the keyboard: arrows select, Enter opens the node’s actions', async () => {
    await page.getByTestId('graph-canvas').focus()
    await page.keyboard.press('ArrowRight')
    const first = await page.evaluate(() => window.dockerNetworkLab?.selectedElement()?.id)
    expect(first).toBeTruthy()
    await page.keyboard.press('ArrowRight')
    const second = await page.evaluate(() => window.dockerNetworkLab?.selectedElement()?.id)
    expect(second).not.toBe(first)
    expect(await page.locator('#graph-announce').textContent()).toMatch(/^Selected /)
    // Walk to a container and open its menu.
    for (let i = 0; i < 40; i++) {
      const kind = await page.evaluate(() => window.dockerNetworkLab?.selectedElement()?.kind)
      if (kind === 'container') break
      await page.keyboard.press('ArrowRight')
    }
    await page.keyboard.press('Enter')
    const menu = page.getByRole('menu')
    await menu.waitFor()
    expect(await menu.getByRole('menuitem').allTextContents()).toContain('Inspect')
    await page.keyboard.press('Escape')
  })

  it('exports the drawing as SVG (with its labels) and PNG', async () => {
    const svg = await page.evaluate(() => window.dockerNetworkLab?.exportSvg() ?? '')
    expect(svg.startsWith('<?xml')).toBe(true)
    expect(svg).toContain('<svg')
    expect(svg).toContain('>net1<')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export PNG' }).click()
    expect((await download).suggestedFilename()).toBe('docker-network-lab.png')
    expect(errors).toEqual([])
  })

  it('kernel view: a namespace dropped on a bridge connects; an interface dragged away disconnects', async () => {
    await page.evaluate(() => window.dockerNetworkLab?.setView({ level: 'kernel' }))
    await run('docker network create side')
    await run('docker run -d --name lone busybox sleep 1d')
    await page.evaluate(() => window.dockerNetworkLab?.fit())
    const lone = await recordOf('container', 'lone')
    const kernel = await elements()
    const netns = kernel.find((e) => e.kind === 'netns' && e.record === lone)
    const bridge = kernel.find((e) => e.kind === 'interface' && e.label.includes('network “side”'))
    if (!netns || !bridge) throw new Error('no namespace or bridge drawn')
    // Grab the namespace box in its padding, left of its first device, and drop it on the bridge.
    const box = await page.evaluate((i) => window.dockerNetworkLab?.boundingBox(i), netns.id)
    if (!box) throw new Error('namespace not drawn')
    const to = await center(bridge.id)
    await page.mouse.move(box.x + 4, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 10 })
    await page.mouse.up()
    await expect.poll(terminalText).toContain('docker network connect side lone')
    let eth1: { id: string } | undefined
    await expect
      .poll(async () => {
        eth1 = (await elements()).find(
          (e) => e.kind === 'interface' && e.parent === netns.id && e.label.startsWith('eth1'),
        )
        return eth1 !== undefined
      })
      .toBe(true)
    // Now pull eth1 out of the namespace, well away from everything.
    const from = await center(eth1?.id ?? '')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x + 40, from.y + 160, { steps: 10 })
    await page.mouse.up()
    await expect.poll(terminalText).toContain('docker network disconnect side lone')
  })
})
