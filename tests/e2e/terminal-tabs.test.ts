// Two terminal tabs in the built app, as seed 004 uses two terminals: an `nc` server in one, a
// client in the other; what is typed at one end shows at the other; Ctrl-C ends both.

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../helpers/browser'

let browser: Browser
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(inject('baseUrl'))
  await page.waitForFunction(
    () => !document.querySelector<HTMLInputElement>('#terminal-input')?.disabled,
  )
})

afterAll(async () => {
  await browser?.close()
})

const input = () => page.getByRole('textbox', { name: 'Command' })
const log = () => page.getByRole('log', { name: 'Terminal output' })
const prompt = () => page.locator('label.terminal__prompt')

async function type(line: string): Promise<void> {
  await input().fill(line)
  await input().press('Enter')
}

/** Waits until the tab's command line is ready again (the previous line was answered). */
async function settled(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('#terminal-input')?.getAttribute('aria-busy') === 'false',
  )
}

describe('terminal tabs', () => {
  it('runs an nc server in one tab and a client in another, and carries lines both ways', async () => {
    for (const line of [
      'docker network create net1',
      'docker run -d --name server --network net1 busybox sleep 1000',
      'docker run -d --name client --network net1 busybox sleep 1000',
    ]) {
      await type(line)
      await settled()
    }
    // Tab completes the container's name; Up recalls the previous line.
    await input().fill('docker exec -it ser')
    await input().press('Tab')
    await expect.poll(() => input().inputValue()).toBe('docker exec -it server ')
    await input().fill('')
    await input().press('ArrowUp')
    await expect
      .poll(() => input().inputValue())
      .toBe('docker run -d --name client --network net1 busybox sleep 1000')
    await input().fill('')
    await type('docker exec -it server nc -lp 8888')
    // The server holds the terminal: no prompt until it ends.
    await expect.poll(() => prompt().textContent()).toBe('')

    await page.getByRole('button', { name: 'New terminal' }).click()
    await expect
      .poll(() => page.getByRole('tab', { name: /Terminal 2/ }).getAttribute('aria-selected'))
      .toBe('true')
    await expect.poll(() => prompt().textContent()).toBe('root@host1:~# ')
    await type('docker exec -it client nc server 8888')
    await expect.poll(() => prompt().textContent()).toBe('')
    await type('hello from the client')
    await settled()

    await page.getByRole('tab', { name: /Terminal 1/ }).click()
    await expect.poll(() => log().textContent()).toContain('hello from the client')
    await type('and back from the server')
    await settled()

    await page.getByRole('tab', { name: /Terminal 2/ }).click()
    await expect.poll(() => log().textContent()).toContain('and back from the server')
    await input().press('Control+c')
    await expect.poll(() => prompt().textContent()).toBe('root@host1:~# ')

    // The client left, so the server's nc read EOF and exited: tab 1 has its prompt back.
    await page.getByRole('tab', { name: /Terminal 1/ }).click()
    await expect.poll(() => prompt().textContent()).toBe('root@host1:~# ')
    await type('docker exec server netstat -lnt')
    await settled()
    expect(await log().textContent()).not.toContain(':8888')
    expect(errors).toEqual([])
  })

  it('streams ping once a second until Ctrl-C, then prints the statistics', async () => {
    await type('docker exec -it client ping server')
    await expect.poll(() => prompt().textContent()).toBe('')
    await expect
      .poll(() => log().textContent(), { timeout: 8000 })
      .toMatch(/64 bytes from 172\.18\.0\.2: seq=2 ttl=64/)
    await input().press('Control+c')
    await expect.poll(() => prompt().textContent()).toBe('root@host1:~# ')
    expect(await log().textContent()).toMatch(
      /--- server ping statistics ---\s*\d+ packets transmitted, \d+ packets received, 0% packet loss/,
    )
  })

  it('closes a tab and keeps the first one', async () => {
    await page.getByRole('button', { name: 'Close Terminal 2' }).click()
    const terminals = page.getByRole('tablist', { name: 'Terminals' })
    await expect.poll(() => terminals.getByRole('tab').count()).toBe(1)
    await expect
      .poll(() => page.getByRole('tab', { name: /Terminal 1/ }).getAttribute('aria-selected'))
      .toBe('true')
  })
})
