// A user adds an aluy and an elizon account (wrong credential first), sees both
// accounts' servers, and removes one — in the real built renderer in Chromium,
// talking to main's real core through the web harness, against the simulators.
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
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { launchChromium } from '../support/browser'
import { testHttpClient } from '../support/core-fixture'

let aluy: AluySimulator
let elizon: ElizonSimulator
let harness: Harness
let browser: Browser
let page: Page
let userDataDir: string
const secrets = new KeytarSecretStore({ service: `Flotilla-e2e-${randomBytes(4).toString('hex')}` })

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  aluy = await startAluySimulator({ seed: 11, accounts: 1, serversPerAccount: 5 })
  elizon = await startElizonSimulator({ seed: 11, accounts: 1, serversPerAccount: 3 })
  userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-e2e-'))
  harness = await startHarness({
    userDataDir,
    secretStore: secrets,
    logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') }),
    http: testHttpClient()
  })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  await page.goto(harness.url)
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
  await aluy?.close()
  await elizon?.close()
  for (const id of await secrets.list().catch(() => [])) await secrets.delete(id)
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

async function openAddDialog(provider: 'aluy' | 'elizon', label: string, baseUrl: string) {
  await nav().getByRole('link', { name: 'Accounts' }).click()
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: provider }).check()
  await dialog.getByLabel('Label').fill(label)
  await dialog.getByRole('button', { name: 'Advanced' }).click()
  await dialog.getByLabel('Base URL').fill(baseUrl)
  return dialog
}

describe('accounts, end to end', () => {
  it('adds an aluy account: an expired cookie is refused in words, the right one is saved', async () => {
    const dialog = await openAddDialog('aluy', 'Acme aluy', aluy.url)
    const cookie = dialog.getByLabel('Session cookie')
    await cookie.fill('__Secure-next-auth.session-token=expired-or-wrong-token')
    await dialog.getByRole('button', { name: 'Check' }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/Session expired — copy a fresh cookie/)

    await cookie.fill(`Cookie: __Secure-next-auth.session-token=${aluy.accounts[0]!.credential}`)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => page.getByRole('row', { name: /Acme aluy/ }).count()).toBeGreaterThan(0)
  })

  it('adds an elizon account: a wrong key is rejected, the right one is saved', async () => {
    const dialog = await openAddDialog('elizon', 'Beta elizon', elizon.url)
    const key = dialog.getByLabel('API key')
    await key.fill('ek_definitely_not_valid')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/API key rejected/)
    expect((await secrets.list()).length).toBe(1)

    await key.fill(elizon.accounts[0]!.credential)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect((await secrets.list()).length).toBe(2)
  })

  it("lists both accounts' servers on the Fleet page", async () => {
    await nav().getByRole('link', { name: 'Fleet' }).click()
    const table = page.getByRole('table', { name: 'Servers' })
    const aluyLabels = aluy.state.servicesOf(aluy.accounts[0]!.id).map((s) => s.label)
    const elizonNames = elizon.state.servicesOf(elizon.accounts[0]!.id).map((s) => s.name)
    for (const name of [...aluyLabels, ...elizonNames]) {
      await expect.poll(() => table.getByRole('row', { name: new RegExp(escape(name)) }).count(), { timeout: 15_000 }).toBeGreaterThan(0)
    }
    // The README's screenshot, once the "saved" notices have gone.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'saved' }).count(), { timeout: 15_000 }).toBe(0)
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshot.png') })
  })

  it('removes an account, and its keychain entry is gone', async () => {
    await nav().getByRole('link', { name: 'Accounts' }).click()
    const [before] = await Promise.all([secrets.list()])
    await page.getByRole('button', { name: 'Remove Acme aluy' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => page.getByRole('row', { name: /Acme aluy/ }).count()).toBe(0)
    const after = await secrets.list()
    expect(before.length - after.length).toBe(1)
    const removedId = before.find((id) => !after.includes(id))!
    expect(await secrets.get(removedId)).toBeNull()

    await nav().getByRole('link', { name: 'Fleet' }).click()
    const aluyLabel = aluy.state.servicesOf(aluy.accounts[0]!.id)[0]!.label
    await expect.poll(() => page.getByRole('row', { name: new RegExp(escape(aluyLabel)) }).count()).toBe(0)
  })
})

function nav() {
  return page.getByRole('navigation', { name: 'Main' })
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
