// The billing overview's spend chart end to end: Chart.js draws it on a canvas
// in Chromium (under the app's CSP), names it for screen readers, keeps the
// table beside it, and redraws in the dark theme's colours when it switches.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'charts',
  aluy: { seed: 21, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 8 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  page = app.page
  await app.addAccount(app.aluy, 'Acme')
  await app.harness.core.handlers['invoices.refresh'](undefined)
  await page.goto(app.urlOf('billing'))
  await page.getByRole('tab', { name: 'Overview' }).click()
})

afterAll(() => app?.close())

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
    expect(app.cspViolations).toEqual([])
  })

  it('redraws in the dark theme colours when the theme switches', async () => {
    const light = await barColour()
    await setDark(true)
    await expect.poll(barColour).not.toBe(light)
    await setDark(false)
    await expect.poll(barColour).toBe(light)
  })
})
