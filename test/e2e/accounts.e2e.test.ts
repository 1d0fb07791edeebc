// A user adds an aluy and an elizon account (wrong credential first), sees both
// accounts' servers, and removes one — in the real built renderer in Chromium,
// talking to main's real core through the web harness, against the simulators.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { escapeRegExp, focusedId, hasFocus, nav, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'accounts',
  aluy: { seed: 11, accounts: 1, serversPerAccount: 5 },
  elizon: { seed: 11, accounts: 1, serversPerAccount: 3 },
  harness: { refreshOnStart: true },
  context: { viewport: { width: 1280, height: 800 } }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let aluy: AluySimulator
let elizon: ElizonSimulator
let page: Page
let secrets: KeytarSecretStore

beforeAll(async () => {
  app = await startE2eApp(options)
  aluy = app.aluy
  elizon = app.elizon
  page = app.page
  secrets = app.secrets
  await page.goto(app.harness.url)
})

afterAll(() => app?.close())

/**
 * Opens "Add account" and answers it from the keyboard: the dialog opens on the
 * provider (aluy chosen), an arrow key picks elizon, Tab goes on to the label.
 */
async function openAddDialog(provider: 'aluy' | 'elizon', label: string, baseUrl: string) {
  await nav(page).getByRole('link', { name: 'Accounts' }).click()
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog')
  await expect.poll(() => focusedId(page)).toBe('provider-aluy')
  if (provider === 'elizon') {
    await page.keyboard.press('ArrowDown')
    expect(await focusedId(page)).toBe('provider-elizon')
    expect(await dialog.getByRole('radio', { name: 'elizon' }).isChecked()).toBe(true)
  }
  await page.keyboard.press('Tab')
  expect(await focusedId(page)).toBe('account-label')
  await page.keyboard.type(label)
  expect(await dialog.getByLabel('Label').inputValue()).toBe(label)
  await dialog.getByRole('button', { name: 'Advanced' }).click()
  await typeInto(dialog.getByLabel('Base URL'), baseUrl)
  expect(await dialog.getByLabel('Base URL').inputValue()).toBe(baseUrl)
  return dialog
}

describe('accounts, end to end', () => {
  it('adds an aluy account: an expired cookie is refused in words, the right one is saved', async () => {
    const dialog = await openAddDialog('aluy', 'Acme aluy', aluy.url)
    const cookie = dialog.getByLabel('Session cookie')
    await cookie.fill('__Secure-next-auth.session-token=expired-or-wrong-token') // pasted
    await dialog.getByRole('button', { name: 'Check' }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/Session expired — copy a fresh cookie/)

    await cookie.fill(`Cookie: __Secure-next-auth.session-token=${aluy.accounts[0]!.credential}`) // pasted
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    // Checking and saving go to the provider and the keychain: slow on a busy machine.
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false)
    await expect.poll(() => page.getByRole('row', { name: /Acme aluy/ }).count()).toBeGreaterThan(0)
  })

  it('adds an elizon account: a wrong key is rejected, the right one is saved', async () => {
    const dialog = await openAddDialog('elizon', 'Beta elizon', elizon.url)
    const key = dialog.getByLabel('API key')
    await key.fill('ek_definitely_not_valid') // pasted
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/API key rejected/)
    expect((await secrets.list()).length).toBe(1)

    await key.fill(elizon.accounts[0]!.credential) // pasted
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect((await secrets.list()).length).toBe(2)
  })

  it("lists both accounts' servers on the Fleet page", async () => {
    await nav(page).getByRole('link', { name: 'Fleet' }).click()
    const table = page.getByRole('table', { name: 'Servers' })
    const aluyLabels = aluy.state.servicesOf(aluy.accounts[0]!.id).map((s) => s.label)
    const elizonNames = elizon.state.servicesOf(elizon.accounts[0]!.id).map((s) => s.name)
    for (const name of [...aluyLabels, ...elizonNames]) {
      await expect.poll(() => table.getByRole('row', { name: new RegExp(escapeRegExp(name)) }).count(), { timeout: 15_000 }).toBeGreaterThan(0)
    }
    // The README's screenshot, once the "saved" notices have gone.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'saved' }).count(), { timeout: 15_000 }).toBe(0)
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshot.png') })
  })

  it('removes an account, and its keychain entry is gone', async () => {
    await nav(page).getByRole('link', { name: 'Accounts' }).click()
    const [before] = await Promise.all([secrets.list()])
    await page.getByRole('button', { name: 'Remove Acme aluy' }).click()
    // The question opens on Cancel, so an Enter pressed at once removes nothing.
    const question = page.getByRole('alertdialog')
    await expect.poll(() => hasFocus(question.getByRole('button', { name: 'Cancel' }))).toBe(true)
    await question.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => page.getByRole('row', { name: /Acme aluy/ }).count()).toBe(0)
    const after = await secrets.list()
    expect(before.length - after.length).toBe(1)
    const removedId = before.find((id) => !after.includes(id))!
    expect(await secrets.get(removedId)).toBeNull()

    await nav(page).getByRole('link', { name: 'Fleet' }).click()
    const aluyLabel = aluy.state.servicesOf(aluy.accounts[0]!.id)[0]!.label
    await expect.poll(() => page.getByRole('row', { name: new RegExp(escapeRegExp(aluyLabel)) }).count()).toBe(0)
  })
})
