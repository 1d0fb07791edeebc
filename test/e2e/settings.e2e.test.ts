// The Settings page end to end, by keyboard: switching the language there
// switches the app, the live interval and the log level reach main, the data
// folder is the real one, and "Reset local data" asks first (Cancel focused),
// then shows that it waits for the next start and can be withdrawn.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nav, startE2eApp, type E2eApp } from '../support/e2e-app'
import { focusedText } from '../support/focus'

let app: E2eApp
let page: Page

beforeAll(async () => {
  app = await startE2eApp({ name: 'settings' })
  page = app.page
  await page.goto(app.harness.url)
  await nav(page).getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
})

afterAll(() => app?.close())

/** Opens a labelled PrimeVue Select from the keyboard and picks the option with this text. */
async function choose(label: RegExp | string, option: string): Promise<void> {
  await page.getByRole('main').getByRole('combobox', { name: label }).focus()
  await page.keyboard.press('Enter')
  const item = page.getByRole('option', { name: option, exact: true })
  await expect.poll(() => item.count()).toBe(1)
  // From the top, walk down with the arrows until the wanted option is the focused one, then take it.
  await page.keyboard.press('Home')
  for (let i = 0; i < 8 && (await item.getAttribute('data-p-focused')) !== 'true'; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
}

describe('settings page', () => {
  it('shows the real data folder', async () => {
    await expect.poll(() => page.getByText(app.userDataDir, { exact: true }).count()).toBe(1)
  })

  it('sets the live refresh interval and the log level in main', async () => {
    await choose('Live refresh', 'Every 1 min')
    await expect.poll(async () => (await app.harness.core.handlers['fleet.getLive'](undefined)).intervalSec).toBe(60)
    await choose('Log detail', 'Every request too (for troubleshooting; the log grows faster)')
    await expect.poll(async () => (await app.harness.core.handlers['settings.get'](undefined)).logLevel).toBe('debug')
  })

  it('asks before a reset, with Cancel focused, then says it waits for the next start and can be withdrawn', async () => {
    await page.getByRole('button', { name: 'Reset local data…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reset local data' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.innerText()).toContain('Your accounts, their keychain entries, settings, tags and notes stay.')
    await expect.poll(() => focusedText(page)).toBe('Cancel')
    await page.keyboard.press('Tab')
    expect(await focusedText(page)).toBe('Reset at next start')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Local data will be reset the next time Flotilla starts.' }).count()).toBe(1)
    expect((await app.harness.core.handlers['app.info'](undefined)).resetPending).toBe(true)
    await page.getByRole('button', { name: 'Keep local data' }).click()
    await expect.poll(async () => (await app.harness.core.handlers['app.info'](undefined)).resetPending).toBe(false)
  })

  it('switches the whole app to German from here', async () => {
    await choose('Language', 'Deutsch')
    await expect.poll(() => page.getByRole('heading', { name: 'Einstellungen', level: 1 }).count(), { timeout: 10_000 }).toBe(1)
    await choose('Sprache', 'English')
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).count(), { timeout: 10_000 }).toBe(1)
  })
})
