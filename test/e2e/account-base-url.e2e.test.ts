// Editing an account's base URL to another host asks for the credential again
// (issue 10, item 5): nothing is sent until it is typed, then the account is
// checked at the new host and saved. The simulator is reached as 127.0.0.1 and
// as localhost: two origins, one server, so its request log shows what the
// "new host" received.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ElizonSimulator } from '../simulators/index'
import { nav, startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'account-base-url',
  elizon: { seed: 21, accounts: 1, serversPerAccount: 2 },
  harness: { refreshOnStart: false },
  context: { viewport: { width: 1280, height: 800 } }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let elizon: ElizonSimulator
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  elizon = app.elizon
  page = app.page
  await page.goto(app.harness.url)
  await app.harness.core.handlers['accounts.add']({
    provider: 'elizon',
    label: 'Beta',
    colour: '#cc6633',
    baseUrl: elizon.url,
    credential: elizon.accounts[0]!.credential
  } as never)
})

afterAll(() => app?.close())

describe('moving an account to another host', () => {
  it('asks for the credential again, sends nothing until it is typed, then saves', async () => {
    await nav(page).getByRole('link', { name: 'Accounts' }).click()
    await page.getByRole('button', { name: 'Edit Beta' }).click()
    const dialog = page.getByRole('dialog')
    const baseUrl = dialog.getByLabel('Base URL')
    await baseUrl.focus()
    await page.keyboard.press('ControlOrMeta+A')
    const moved = elizon.url.replace('127.0.0.1', 'localhost')
    await page.keyboard.type(moved)
    const before = elizon.requests.length
    await page.keyboard.press('Enter')

    const host = new URL(moved).host
    await expect.poll(() => dialog.getByRole('status').innerText()).toContain(`another host (${host})`)
    await expect.poll(() => dialog.getByLabel('API key').evaluate((el) => el === (el.ownerDocument.activeElement as unknown))).toBe(true)
    expect(elizon.requests.length).toBe(before)
    expect((await app.harness.core.handlers['accounts.list'](undefined as never))[0]!.baseUrl).toBe(elizon.url)

    await page.keyboard.type(elizon.accounts[0]!.credential)
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect((await app.harness.core.handlers['accounts.list'](undefined as never))[0]!.baseUrl).toBe(moved)
    expect(elizon.requests.length).toBeGreaterThan(before)
  })
})
