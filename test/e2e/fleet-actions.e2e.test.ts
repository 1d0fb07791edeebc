// The server detail's forms end to end: the built renderer in Chromium, main's
// real core through the web harness, both simulators over HTTP. Reinstall (the
// template picker, the optional hostname, the Run button enabled only by the
// server's exact name), reset password (shown once, copyable, gone after the
// drawer closes, never in a file) and upgrade (only larger values, the extra
// monthly price), each checked at the simulator; then the Activity filters.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import type { AluySimulator } from '../simulators/index'
import type { AluyService } from '../simulators/aluy/model'
import { escapeRegExp, hasFocus, nav, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'actions',
  aluy: { seed: 34, accounts: 1, serversPerAccount: 10 },
  elizon: { seed: 34, accounts: 1, serversPerAccount: 2 },
  clipboard: true
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let aluy: AluySimulator
let page: Page
/** Three running, provisioned aluy VPS: one per form, so no test depends on another's effect. */
let targets: { reinstall: AluyService; reset: AluyService; upgrade: AluyService }

beforeAll(async () => {
  app = await startE2eApp(options)
  aluy = app.aluy
  page = app.page
  const running = aluy.state
    .servicesOf(aluy.accounts[0]!.id)
    .filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId !== null && s.power === 'running' && s.metadata.ssdGb !== undefined)
  if (running.length < 3) throw new Error(`the seed gave ${running.length} running aluy VPS with SSDs; the test needs 3`)
  targets = { reinstall: running[0]!, reset: running[1]!, upgrade: running[2]! }
  await addDemoAccounts(app.harness.core.handlers, aluy, app.elizon)
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
  await page.getByText(/^\d+ of \d+ servers$/).waitFor({ timeout: 15_000 })
})

afterAll(() => app?.close())

/** Finds the server in the table and opens its detail drawer. */
async function openDetail(label: string) {
  await typeInto(page.getByRole('searchbox', { name: 'Search servers' }), `"${label}"`, { replace: true })
  await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(escapeRegExp(label)) }).first().click()
  const drawer = page.getByRole('dialog', { name: `Server ${label}` })
  // The action buttons come with the detail from the provider.
  await expect.poll(() => drawer.getByRole('region', { name: 'Actions' }).count().catch(() => 0), { timeout: 15_000 }).toBe(1)
  return drawer
}

/** A form's run button: it names the action, the server and the account ("Reinstall: web-01 at Acme"). */
function runButton(drawer: Locator, action: string, label: string): Locator {
  return drawer.getByRole('button', { name: new RegExp(`^${escapeRegExp(action)}: ${escapeRegExp(label)} at `) })
}

async function closeDetail(label: string): Promise<void> {
  const drawer = page.getByRole('dialog', { name: `Server ${label}` })
  await drawer.getByRole('button', { name: 'Close server details' }).click()
  await expect.poll(() => drawer.count()).toBe(0)
}

function posted(service: AluyService, action: string) {
  return aluy.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/services/${service.id}/${action}`))
}

/** Every file under the user-data folder (logs, activity, caches, settings), as text. */
async function allUserDataText(): Promise<string> {
  const names = await readdir(app.userDataDir, { recursive: true, withFileTypes: true })
  const files = names.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name))
  return (await Promise.all(files.map((f) => readFile(f, 'latin1')))).join('\n')
}

describe('server detail forms, end to end', () => {
  it('reinstalls with the chosen template and hostname, once the exact name is typed', async () => {
    const server = targets.reinstall
    const drawer = await openDetail(server.label)
    await drawer.getByRole('button', { name: 'Reinstall' }).click()
    const run = runButton(drawer, 'Reinstall', server.label)
    expect(await run.getAttribute('class')).toContain('p-button-danger')
    const confirm = drawer.getByLabel(`Type “${server.label}” to confirm`)
    // The form takes the focus on its first field, the template, not the button that opened it.
    await expect.poll(() => hasFocus(drawer.getByRole('combobox', { name: 'Operating system' }))).toBe(true)

    // The exact name alone is not enough: a template must be picked too.
    await typeInto(confirm, server.label)
    expect(await confirm.inputValue()).toBe(server.label)
    expect(await run.isDisabled()).toBe(true)
    await drawer.getByRole('combobox', { name: 'Operating system' }).click()
    const options = page.getByRole('listbox').getByRole('option')
    await expect.poll(() => options.allInnerTexts()).toEqual(['Ubuntu 24.04 LTS', 'Debian 12', 'Rocky Linux 9', 'AlmaLinux 9'])
    await options.filter({ hasText: 'Debian 12' }).click()
    await expect.poll(() => run.isEnabled()).toBe(true)

    // Anything but the exact name keeps it disabled.
    for (const wrong of [server.label.slice(0, -1), `${server.label} `, server.label.toUpperCase(), '']) {
      await typeInto(confirm, wrong, { replace: true })
      expect(await confirm.inputValue()).toBe(wrong)
      expect(await run.isDisabled(), `typed ${JSON.stringify(wrong)}`).toBe(true)
    }
    await typeInto(confirm, server.label, { replace: true })
    const hostname = drawer.getByLabel('Hostname (optional)')
    await typeInto(hostname, 'rebuilt.example.test')
    expect(await hostname.inputValue()).toBe('rebuilt.example.test')
    await run.click()
    await expect.poll(() => drawer.getByRole('status').filter({ hasText: 'Reinstall: done.' }).count(), { timeout: 15_000 }).toBe(1)

    expect(posted(server, 'reinstall').map((r) => r.status)).toEqual([200])
    expect(server.lastReinstallTemplateId).toBe(2)
    expect(server.hostname).toBe('rebuilt.example.test')
    await closeDetail(server.label)
  })

  it('shows a reset password once with a copy button; it is gone after reopening and in no file', async () => {
    const server = targets.reset
    let drawer = await openDetail(server.label)
    await drawer.getByRole('button', { name: 'Reset password' }).click()
    const run = runButton(drawer, 'Reset password', server.label)
    // A destructive action reads and looks different from "Rename": named server and account, danger style.
    expect(await run.getAttribute('class')).toContain('p-button-danger')
    await run.click()
    const field = drawer.getByLabel('New password')
    await expect.poll(() => field.count(), { timeout: 15_000 }).toBe(1)
    // One-shot: the form closed, so no second click can invalidate the password shown.
    expect(await run.count()).toBe(0)
    const shown = await field.inputValue()
    expect(posted(server, 'reset-password').map((r) => r.status)).toEqual([200])
    expect(shown).toBe(server.lastResetPassword)

    await drawer.getByRole('button', { name: 'Copy password' }).click()
    await expect.poll(() => page.getByText('Copied to the clipboard.').count()).toBeGreaterThan(0)
    // (A string expression: this file compiles without the DOM lib.)
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(shown)

    await closeDetail(server.label)
    drawer = await openDetail(server.label)
    expect(await drawer.getByLabel('New password').count()).toBe(0)
    expect(await drawer.getByText(shown).count()).toBe(0)
    await closeDetail(server.label)

    // Logged as an action, never with its secret: not in the log, the activity file or any cache.
    const files = await allUserDataText()
    expect(files).toContain(server.label)
    expect(files).not.toContain(shown)
  })

  it('offers only larger resources with the extra monthly price; the simulator gets the new size', async () => {
    const server = targets.upgrade
    const before = { ramGb: server.metadata.ramGb, monthlyPriceCents: server.monthlyPriceCents }
    const drawer = await openDetail(server.label)
    await drawer.getByRole('button', { name: 'Upgrade' }).click()
    const ram = drawer.getByRole('spinbutton', { name: 'RAM (GB)' })
    await expect.poll(() => ram.getAttribute('aria-valuenow'), { timeout: 15_000 }).toBe(String(before.ramGb))
    expect(await ram.getAttribute('aria-valuemin')).toBe(String(before.ramGb))
    const run = runButton(drawer, 'Upgrade', server.label)
    expect(await run.isDisabled()).toBe(true)

    // Going below today's size is not possible: the value stays, nothing to run.
    await ram.focus()
    await page.keyboard.press('ArrowDown')
    expect(await ram.getAttribute('aria-valuenow')).toBe(String(before.ramGb))
    expect(await run.isDisabled()).toBe(true)

    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => ram.getAttribute('aria-valuenow')).toBe(String(before.ramGb + 2))
    const price = drawer.getByRole('status').filter({ hasText: 'Extra per month:' })
    await expect.poll(() => price.count()).toBe(1)
    const priceText = await price.innerText()
    await run.click()
    await expect.poll(() => drawer.getByRole('status').filter({ hasText: 'Upgrade: done.' }).count(), { timeout: 15_000 }).toBe(1)

    expect(posted(server, 'upgrade').map((r) => r.status)).toEqual([200])
    expect(server.metadata.ramGb).toBe(before.ramGb + 2)
    // The price the user was shown is the price the provider now charges on top.
    const charged = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format((server.monthlyPriceCents - before.monthlyPriceCents) / 100)
    expect(priceText).toBe(`Extra per month: ${charged}`)
    // The reloaded detail shows the provider's new size.
    const metadata = drawer.getByRole('region', { name: 'Details from the provider' })
    await expect.poll(() => metadata.innerText()).toMatch(new RegExp(`ramGb\\s+${before.ramGb + 2}\\b`))
    await closeDetail(server.label)
  })

  it('filters the Activity page by account, action and result', async () => {
    await nav(page).getByRole('link', { name: 'Activity' }).click()
    const log = page.getByRole('table', { name: 'Activity log' })
    const bodyRows = log.locator('tbody tr')
    await expect.poll(() => bodyRows.count()).toBe(3)

    await pick('Action', 'Reinstall')
    await expect.poll(() => bodyRows.allInnerTexts()).toHaveLength(1)
    expect((await bodyRows.first().innerText())).toContain(targets.reinstall.label)

    await pick('Result', 'failed')
    await expect.poll(() => log.getByText('No actions match these filters.').count()).toBe(1)

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => bodyRows.count()).toBe(3)
    await pick('Account', aluy.accounts[0]!.label)
    await expect.poll(() => bodyRows.count()).toBe(3)
    await pick('Result', 'done')
    await expect.poll(() => bodyRows.count()).toBe(3)
  })
})

/** Chooses an option of a labelled Activity filter (a PrimeVue Select: a combobox and its listbox). */
async function pick(filter: string, option: string): Promise<void> {
  await page.getByRole('group', { name: 'Filter the activity log' }).getByRole('combobox', { name: filter }).click()
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click()
  await expect.poll(() => page.getByRole('listbox').count()).toBe(0)
}
