// The Consoles page with a server label as long as aluy allows (200 characters)
// in a 1024×700 window: the server picker and the tab title are cut with an
// ellipsis and give the whole label on hover (title), and the page never
// scrolls sideways. The tab is an elizon game server's text console, so no VNC
// peer is needed.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasFocus, nav, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'consoles-layout',
  elizon: { seed: 21, accounts: 1, serversPerAccount: 4, consoleTickMs: 500 },
  context: { viewport: { width: 1024, height: 700 } }
} satisfies E2eAppOptions

/** 200 characters: aluy's maximum resource label, and no spaces to break at. */
const LONG_LABEL = `game-${'x'.repeat(191)}-end`

let app: E2eApp<typeof options>
let page: Page

beforeAll(async () => {
  expect(LONG_LABEL).toHaveLength(200)
  app = await startE2eApp(options)
  page = app.page
  const elizon = app.elizon
  await app.addAccount(elizon, 'Games', '#16a34a')
  const game = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.type === 'PTERODACTYL' && s.status === 'RUNNING')
  if (!game) throw new Error('the seed gave no running game server')
  game.name = LONG_LABEL
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
  await nav(page).getByRole('link', { name: 'Consoles' }).click()
})

afterAll(() => app?.close())

/** The page's own width against the window's: a sideways scroll bar means something grew past it. */
function pageWidths(): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement
    return { scroll: root.scrollWidth, client: root.clientWidth }
  })
}

/** Whether an element's text is cut (its content is wider than its box) and what cuts it. */
function cut(selector: string): Promise<{ truncated: boolean; textOverflow: string; right: number }> {
  return page.locator(selector).evaluate((el) => {
    const box = el as unknown as { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { right: number } }
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { textOverflow: string } }).getComputedStyle(el)
    return { truncated: box.scrollWidth > box.clientWidth, textOverflow: style.textOverflow, right: box.getBoundingClientRect().right }
  })
}

describe('Consoles with a 200-character server label at 1024 px', () => {
  it('keeps the server picker inside the window, cut with an ellipsis, the whole label on hover', async () => {
    const picker = page.getByLabel('Server', { exact: true })
    await picker.selectOption({ label: LONG_LABEL })
    expect((await pageWidths()).scroll).toBeLessThanOrEqual(1024)
    const { right, textOverflow } = await cut('#console-server')
    expect(right).toBeLessThanOrEqual(1024)
    expect(textOverflow).toBe('ellipsis')
    expect(await picker.getAttribute('title')).toBe(LONG_LABEL)
  })

  it('opens the console in a tab whose title is cut with an ellipsis and names the whole label on hover', async () => {
    await page.getByRole('button', { name: 'Open console' }).click()
    const tab = page.getByRole('tab', { name: LONG_LABEL })
    await expect.poll(() => tab.count(), { timeout: 15_000 }).toBe(1)
    const widths = await pageWidths()
    expect(widths.scroll).toBeLessThanOrEqual(1024)
    expect(widths.scroll).toBe(widths.client)
    expect(await tab.getAttribute('title')).toBe(LONG_LABEL)
    const title = await cut('[role="tab"]')
    expect(title.truncated).toBe(true)
    expect(title.textOverflow).toBe('ellipsis')
    expect(title.right).toBeLessThanOrEqual(1024)
    // The tab's close button stays on screen and reachable.
    const close = page.getByRole('button', { name: `Close console ${LONG_LABEL}` })
    const closeBox = await close.boundingBox()
    expect(closeBox && closeBox.x + closeBox.width).toBeLessThanOrEqual(1024)
  })

  it('keeps the console itself usable: the command field is on screen and takes typing', async () => {
    const panel = page.getByRole('tabpanel', { name: LONG_LABEL })
    const command = panel.getByLabel('Command')
    await typeInto(command, 'list')
    expect(await hasFocus(command)).toBe(true)
    expect(await command.inputValue()).toBe('list')
    const box = await command.boundingBox()
    expect(box && box.x + box.width).toBeLessThanOrEqual(1024)
    expect((await pageWidths()).scroll).toBeLessThanOrEqual(1024)
  })
})
