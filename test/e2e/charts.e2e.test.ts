// The billing overview's spend chart end to end: Chart.js draws it on a canvas
// in Chromium (under the app's CSP), names it for screen readers, keeps the
// table beside it, and redraws in the dark theme's colours when it switches.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import { RENDERER_DIR, startHarness, type Harness } from '../harness/server'
import { startAluySimulator, type AluySimulator } from '../simulators/index'
import { launchChromium } from '../support/browser'
import { testHttpClient } from '../support/core-fixture'

let aluy: AluySimulator
let harness: Harness
let browser: Browser
let page: Page
let userDataDir: string
const secrets = new KeytarSecretStore({ service: `Flotilla-e2e-${randomBytes(4).toString('hex')}` })
const cspViolations: string[] = []

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  aluy = await startAluySimulator({ seed: 21, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 8 })
  userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-e2e-charts-'))
  harness = await startHarness({
    userDataDir,
    secretStore: secrets,
    logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') }),
    http: testHttpClient(),
    refreshOnStart: false
  })
  await harness.core.handlers['accounts.add']({ provider: 'aluy', label: 'Acme', colour: '#336699', baseUrl: aluy.url, credential: aluy.accounts[0]!.credential })
  await harness.core.handlers['invoices.refresh'](undefined)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  await page.goto(harness.url.replace('#/', '#/billing'))
  await page.getByRole('tab', { name: 'Overview' }).click()
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
  await aluy?.close()
  for (const id of await secrets.list().catch(() => [])) await secrets.delete(id)
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

/** The bits of an HTMLCanvasElement used here (this file compiles without the DOM lib). */
interface CanvasLike {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null
}

/** The most common opaque colour on the canvas: the bars' fill. */
async function barColour(): Promise<string> {
  return page
    .getByRole('img', { name: /^Invoice totals per month/ })
    .evaluate((canvas: CanvasLike) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? []
      const counts = new Map<string, number>()
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] !== 255) continue
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none'
    })
}

/** Switches the theme class the app's theme switch sets on <html> (see src-renderer/src/theme.ts). */
async function setDark(dark: boolean): Promise<void> {
  await page.locator('html').evaluate((html: { classList: { toggle(name: string, force: boolean): void } }, on) => html.classList.toggle('flotilla-dark', on), dark)
}

describe('spend chart drawn by Chart.js', () => {
  it('draws bars on a canvas named for screen readers, with the table beside it and no CSP violations', async () => {
    const chart = page.getByRole('img', { name: /^Invoice totals per month, from .+ to .+\.$/ })
    await expect.poll(() => chart.evaluate((el: { tagName: string }) => el.tagName)).toBe('CANVAS')
    await expect.poll(barColour).not.toBe('none')
    const rows = await page.getByRole('table', { name: 'Spend per month' }).getByRole('row').count()
    expect(rows).toBeGreaterThan(1)
    expect(cspViolations).toEqual([])
  })

  it('redraws in the dark theme colours when the theme switches', async () => {
    const light = await barColour()
    await setDark(true)
    await expect.poll(barColour).not.toBe(light)
    await setDark(false)
    await expect.poll(barColour).toBe(light)
  })
})
