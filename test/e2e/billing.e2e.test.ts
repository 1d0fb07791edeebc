// A reseller keeps invoices offline, loses the network, and still finds an
// invoice and reads its PDF — the built renderer in Chromium, main's real core
// through the web harness, the simulators and the real keychain.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasFocus, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'billing',
  aluy: { seed: 21, accounts: 1, serversPerAccount: 3, invoicesPerAccount: 5 },
  elizon: { seed: 21, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 4, rateLimit: { limit: 10_000, windowMs: 60_000 } }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  page = app.page
  await app.addAccount(app.aluy, 'Acme aluy')
  await app.addAccount(app.elizon, 'Beta elizon')
  await page.goto(app.urlOf('billing'))
})

afterAll(() => app?.close())

describe('invoices, offline, end to end', () => {
  it('lists every account’s invoices on opening the page, without a click', async () => {
    const table = page.getByRole('table', { name: 'Invoices' })
    // 5 aluy + 4 elizon, each as its provider lists it; no PDF is fetched for this.
    await expect.poll(() => table.getByRole('row').count(), { timeout: 30_000 }).toBe(1 + 9)
    expect(await table.getByRole('row').filter({ hasText: 'Acme aluy' }).count()).toBe(5)
    expect(await table.getByRole('row').filter({ hasText: 'Beta elizon' }).count()).toBe(4)
    expect(app.aluy.requests.filter((r) => r.path.endsWith('/pdf'))).toEqual([])
  })

  it('charts the spend of the invoices just listed, though the overview was loaded before them', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click()
    const months = page.getByRole('table', { name: 'Spend per month' }).getByRole('row')
    await expect.poll(() => months.count()).toBeGreaterThan(1)
    await page.getByRole('tab', { name: 'Invoices' }).click()
  })

  it('keeps every invoice offline with a progress report', async () => {
    await page.getByRole('switch', { name: 'Keep invoices offline' }).click()
    // 5 aluy (2 of them legacy, without PDF) + 4 elizon.
    await expect.poll(() => page.getByRole('status').filter({ hasText: /last synced/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    const table = page.getByRole('table', { name: 'Invoices' })
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'offline' }).count(), { timeout: 30_000 }).toBe(7)
    expect(await table.getByRole('row').filter({ hasText: 'no PDF' }).count()).toBe(2)
  })

  it('with the providers gone, searches the cached invoices and says it is offline', async () => {
    // (Closing again at the end is harmless.)
    await app.aluy.close()
    await app.elizon.close()
    await page.getByRole('button', { name: 'Refresh invoices' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^offline — last synced/ }).count(), { timeout: 30_000 }).toBe(1)

    const table = page.getByRole('table', { name: 'Invoices' })
    const search = page.getByRole('searchbox', { name: 'Search invoices' })
    await typeInto(search, 'RE-2026')
    await expect.poll(() => table.getByRole('row').count()).toBe(1 + 4)
    // Typing on narrows further: the box keeps the focus while the table changes under it.
    await page.keyboard.type('-01004')
    expect(await search.inputValue()).toBe('RE-2026-01004')
    expect(await hasFocus(search)).toBe(true)
    await expect.poll(() => table.getByRole('row').count()).toBe(2)
  })

  it('opens the cached PDF in the app and paints its first page', async () => {
    await page.getByRole('button', { name: 'RE-2026-01004' }).click()
    const detail = page.getByRole('region', { name: 'Invoice RE-2026-01004' })
    await expect.poll(() => detail.getByText('Hauptstraße 1').count()).toBe(1)
    await detail.getByRole('button', { name: 'Open PDF' }).click()

    const canvas = detail.locator('canvas[data-painted-page="1"]')
    await expect.poll(() => canvas.count(), { timeout: 30_000 }).toBe(1)
    // Painted means ink on the page: count dark pixels the text left on the canvas.
    const dark = await canvas.evaluate((el) => {
      // Structural type: this Node program has no DOM types.
      const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null }
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 0) n++
      return n
    })
    expect(dark).toBeGreaterThan(500)
    await expect.poll(() => detail.getByRole('toolbar').getByText('Page 1 of 1').count()).toBe(1)

    // pdf.js reads the page's text too: the in-PDF search finds the number.
    const find = detail.getByRole('textbox', { name: 'Find in PDF' })
    await typeInto(find, 'RE-2026-01004')
    expect(await find.inputValue()).toBe('RE-2026-01004')
    await page.keyboard.press('Enter')
    await expect.poll(() => detail.getByRole('status').filter({ hasText: 'Found on pages 1' }).count()).toBe(1)
  })
})
