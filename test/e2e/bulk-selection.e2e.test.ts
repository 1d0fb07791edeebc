// Bulk actions never reach servers the user cannot see without saying so: the
// selection survives a filter, but rows the filter hides are acted on only when
// the confirmation's "also include" box is ticked, and the confirmation names
// every server by account. Typed as a person does: search with the keyboard,
// Space on checkboxes, Enter and Escape in the dialog.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import type { AluySimulator } from '../simulators/index'
import { startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'
import { focusedText } from '../support/focus'

const options = {
  name: 'bulk-selection',
  aluy: { seed: 31, accounts: 1, serversPerAccount: 12 },
  elizon: { seed: 31, accounts: 1, serversPerAccount: 2 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let aluy: AluySimulator
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  aluy = app.aluy
  page = app.page
  await addDemoAccounts(app.harness.core.handlers, aluy, app.elizon)
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
})

afterAll(() => app?.close())

const account = () => aluy.accounts[0]!
const running = () => aluy.state.servicesOf(account().id).filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.power === 'running')
const powerPosts = () => aluy.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/power'))
const searchBox = () => page.getByRole('searchbox', { name: 'Search servers' })
const table = () => page.getByRole('table', { name: 'Servers' })
const bar = () => page.getByRole('toolbar', { name: 'Bulk actions' })
const confirm = () => page.getByRole('dialog', { name: 'Confirm bulk action' })

/** Clears the search box and types a query, key by key. */
async function typeSearch(query: string): Promise<void> {
  await searchBox().click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  if (query !== '') await page.keyboard.type(query)
}

/** Finds a server by typing its name, then ticks its checkbox with the Space key. */
async function select(label: string): Promise<void> {
  await typeSearch(`"${label}"`)
  const box = table().getByRole('checkbox', { name: `Select ${label}` })
  await expect.poll(() => box.count()).toBe(1)
  await box.focus()
  await page.keyboard.press('Space')
  await expect.poll(() => box.isChecked()).toBe(true)
}


describe('bulk actions and the filter', () => {
  it('leaves rows the filter hides out unless the user includes them, naming every server', async () => {
    const [a, b, c, d] = running()
    expect(d, 'the seed gives at least four running aluy VPS').toBeDefined()
    await expect.poll(() => table().getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(4)
    for (const s of [a!, b!, c!]) await select(s.label)

    // Only an unselected server is shown now: all three selected ones are hidden.
    await typeSearch(`"${d!.label}"`)
    await expect.poll(() => bar().innerText()).toContain('3 servers selected')
    expect(await bar().innerText()).toContain('(3 of them hidden by the filter)')

    const before = powerPosts().length
    await bar().getByRole('button', { name: 'Restart' }).click()
    await expect.poll(() => confirm().isVisible()).toBe(true)
    // Cancel has the focus, and nothing shown by the filter can run.
    await expect.poll(() => focusedText(page)).toBe('Cancel')
    expect(await confirm().innerText()).toContain('None of the selected servers shown by the filter can do this.')
    expect(await confirm().getByRole('button', { name: /^Restart on/ }).isDisabled()).toBe(true)

    // Ticking "also include" lists the three by name under their account.
    await confirm().getByRole('checkbox', { name: /Also include the 3 selected servers hidden/ }).focus()
    await page.keyboard.press('Space')
    const text = await confirm().innerText()
    expect(text).toContain(`${account().label}: 3 servers`)
    for (const s of [a!, b!, c!]) expect(text).toContain(s.label)
    expect(text).not.toContain(d!.label)
    expect(await confirm().getByRole('button', { name: 'Restart on 3 servers' }).isEnabled()).toBe(true)

    // Escape cancels: no request went to the provider.
    await page.keyboard.press('Escape')
    await expect.poll(() => confirm().count()).toBe(0)
    expect(powerPosts().length).toBe(before)
  })

  it('runs only on the selected rows in view, with the singular spelled right', async () => {
    const [a, b, c] = running()
    // Show a and two unselected servers; b and c stay selected but hidden.
    await typeSearch(`"${a!.label}"`)
    await expect.poll(() => bar().innerText()).toContain('(2 of them hidden by the filter)')

    const before = powerPosts().length
    await bar().getByRole('button', { name: 'Restart' }).click()
    await expect.poll(() => confirm().isVisible()).toBe(true)
    const text = await confirm().innerText()
    expect(text).toContain(`${account().label}: 1 server`)
    expect(text).toContain(a!.label)
    expect(text).not.toContain(b!.label)
    expect(text).not.toContain(c!.label)
    const runButton = confirm().getByRole('button', { name: 'Restart on 1 server' })
    await runButton.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => confirm().getByRole('status').innerText(), { timeout: 20_000 }).toContain('Succeeded.')

    // Exactly one power request, for a; none for the hidden b and c.
    const sent = powerPosts().slice(before)
    expect(sent.map((r) => r.path)).toEqual([expect.stringContaining(`/services/${a!.id}/power`)])
    await confirm().getByRole('button', { name: 'Close' }).first().click()
    await bar().getByRole('button', { name: 'Clear selection' }).click()
  })
})
