// The fleet page end to end: the built renderer in Chromium, main's real core
// through the web harness, both simulators over HTTP. Search with qualifiers, a
// power action, a bulk action with one failure, signing in again, and the
// user's column order (moved, remembered over a reload, followed by the export).
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { escapeRegExp, focusedId, hasFocus, nav, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'fleet',
  aluy: { seed: 21, accounts: 1, serversPerAccount: 8 },
  elizon: { seed: 21, accounts: 1, serversPerAccount: 5 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let aluy: AluySimulator
let elizon: ElizonSimulator
let page: Page
/** What the tests did, for the Activity page to show. */
const taken = { stopped: '', restarted: '', failed: '' }

beforeAll(async () => {
  app = await startE2eApp(options)
  aluy = app.aluy
  elizon = app.elizon
  page = app.page
  await addDemoAccounts(app.harness.core.handlers, aluy, elizon)
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
})

afterAll(() => app?.close())

const aluyAccount = () => aluy.accounts[0]!
const elizonAccount = () => elizon.accounts[0]!
const aluyServices = () => aluy.state.servicesOf(aluyAccount().id)
const elizonServices = () => elizon.state.servicesOf(elizonAccount().id)
const totalServers = () => aluyServices().length + elizonServices().length

/** "N of M servers" under the search box → N. */
async function serverCount(): Promise<number> {
  const text = await page.getByText(/^\d+ of \d+ servers$/).innerText().catch(() => '')
  return Number(/^(\d+)/.exec(text)?.[1] ?? -1)
}

/** Types the query into the search box as a person does (what was there is replaced); the box keeps the focus and shows all of it. */
async function search(query: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search servers' })
  await typeInto(box, query, { replace: true })
  expect(await box.inputValue()).toBe(query)
  expect(await focusedId(page)).toBe('fleet-search')
}

/** Opens the palette with Ctrl+K and types into it without clicking: the palette's input must have the focus. */
async function typeInPalette(text: string) {
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect.poll(() => palette.isVisible()).toBe(true)
  await expect.poll(() => focusedId(page)).toBe('palette-input')
  await page.keyboard.type(text)
  const input = palette.getByRole('combobox', { name: 'Go to a server or run an action' })
  expect(await input.inputValue()).toBe(text)
  expect(await focusedId(page)).toBe('palette-input')
  return palette
}

function table() {
  return page.getByRole('table', { name: 'Servers' })
}

/** The column headers' names, left to right (the select-all checkbox's header has none). */
async function headerNames(): Promise<string[]> {
  const texts = await table().getByRole('columnheader').allInnerTexts()
  return texts.map((text) => text.trim()).filter((text) => text !== '')
}

/** The accessible name of whatever has the focus. */
function focusedName(): Promise<string | null | undefined> {
  return page.evaluate(() => {
    const { activeElement } = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null; textContent: string | null } | null } }).document
    return activeElement?.getAttribute('aria-label') ?? activeElement?.textContent?.trim()
  })
}

function runningAluyVps() {
  return aluyServices().filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.power === 'running')
}

describe('fleet, end to end', () => {
  it('narrows the rows with qualifiers, quoted values and negation', async () => {
    await expect.poll(() => serverCount(), { timeout: 15_000 }).toBe(totalServers())
    await search('provider:elizon')
    await expect.poll(() => serverCount()).toBe(elizonServices().length)
    for (const s of elizonServices()) await expect.poll(() => table().getByRole('row', { name: new RegExp(escapeRegExp(s.name)) }).count()).toBe(1)
    await expect.poll(() => table().getByRole('row', { name: new RegExp(escapeRegExp(aluyServices()[0]!.label)) }).count()).toBe(0)

    // "Export the current view": the filtered rows, as a file, through a Blob link.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]!.startsWith('key,id,label,account,accountId,provider')).toBe(true)
    expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(elizonServices().map((s) => s.name).sort())

    const label = aluyAccount().label
    await search(`account:"${label}" -power:running`)
    const notRunning = aluyServices().length - runningAluyVps().length
    expect(notRunning).toBeGreaterThan(0)
    expect(notRunning).toBeLessThan(aluyServices().length)
    await expect.poll(() => serverCount()).toBe(notRunning)

    await search('')
    await expect.poll(() => serverCount()).toBe(totalServers())
  })

  it('stops a running server from its detail: the simulator and the table both show it stopped', async () => {
    const target = runningAluyVps()[0]!
    taken.stopped = target.label
    await search(`"${target.label}"`)
    await table().getByRole('row', { name: new RegExp(escapeRegExp(target.label)) }).first().click()
    const drawer = page.getByRole('dialog', { name: `Server ${target.label}` })
    await drawer.getByRole('button', { name: 'Force stop' }).click()
    await drawer.getByRole('button', { name: new RegExp(`^Force stop: ${escapeRegExp(target.label)} at `) }).click()
    await expect.poll(() => drawer.getByRole('status').filter({ hasText: 'Force stop: done.' }).count()).toBe(1)
    expect(target.power).toBe('stopped')
    await drawer.getByRole('button', { name: 'Close server details' }).click()
    await expect.poll(() => table().getByRole('row', { name: new RegExp(`${escapeRegExp(target.label)}.*stopped`) }).count()).toBe(1)
    await search('')
  })

  it('runs a bulk restart across both providers and reports the one failure with its reason', async () => {
    const good = runningAluyVps()[0]!
    const bad = elizonServices().find((s) => s.status === 'RUNNING')!
    taken.restarted = good.label
    taken.failed = bad.name
    elizon.inject({ kind: '5xx', status: 500, method: 'POST', path: `/api/services/${bad.id}/action` })

    for (const label of [good.label, bad.name]) {
      await search(`"${label}"`)
      await table().getByRole('checkbox', { name: `Select ${label}` }).check()
    }
    await search('')
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Restart' }).click()
    const confirm = page.getByRole('dialog', { name: 'Confirm bulk action' })
    await expect.poll(() => confirm.innerText()).toContain(`${aluyAccount().label}: 1 server`)
    // It opens on Cancel, so an Enter pressed at once cannot run the action on many servers.
    await expect.poll(() => hasFocus(confirm.getByRole('button', { name: 'Cancel' }))).toBe(true)
    expect(await confirm.innerText()).toContain(`${elizonAccount().label}: 1 server`)
    await confirm.getByRole('button', { name: 'Restart on 2 servers' }).click()

    const summary = confirm.getByRole('status')
    await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toContain('1 of 2 failed:')
    const text = await summary.innerText()
    expect(text).toContain(bad.name)
    expect(text).toMatch(/The provider had a server error/)
    expect(text).not.toContain(good.label)
    // The good one really was restarted at the provider; the failed one was really tried.
    expect(aluy.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/services/${good.id}/power`) && r.status === 200)).toBe(true)
    expect(elizon.requests.some((r) => r.method === 'POST' && r.path === `/api/services/${bad.id}/action` && r.status === 500)).toBe(true)
    await confirm.getByRole('button', { name: 'Close' }).first().click()
    await page.getByRole('button', { name: 'Clear selection' }).click()
  })

  it('lists every action taken on the Activity page, with its result', async () => {
    await nav(page).getByRole('link', { name: 'Activity' }).click()
    const log = page.getByRole('table', { name: 'Activity log' })
    const row = (...parts: string[]) => log.getByRole('row', { name: new RegExp(parts.map(escapeRegExp).join('.*')) })
    await expect.poll(() => row(taken.stopped, 'Force stop', 'done').count()).toBe(1)
    await expect.poll(() => row(taken.restarted, 'Restart', 'done').count()).toBe(1)
    await expect.poll(() => row(taken.failed, 'Restart', 'failed').count()).toBe(1)
    await nav(page).getByRole('link', { name: 'Fleet' }).click()
  })

  it('jumps to a server from the command palette (Ctrl+K)', async () => {
    const target = elizonServices()[0]!
    await page.getByRole('table', { name: 'Servers' }).getByRole('rowgroup').last().focus()
    const palette = await typeInPalette(target.name)
    await expect.poll(() => palette.getByRole('option').first().innerText()).toContain(target.name)
    await page.keyboard.press('Enter')
    const drawer = page.getByRole('dialog', { name: `Server ${target.name}` })
    await expect.poll(() => drawer.isVisible()).toBe(true)
    await drawer.getByRole('button', { name: 'Close server details' }).click()
    await expect.poll(() => drawer.count()).toBe(0)
  })

  it('opens the command palette from another page and jumps to a server on the Fleet page', async () => {
    const target = aluyServices()[0]!
    await nav(page).getByRole('link', { name: 'Accounts' }).click()
    await expect.poll(() => page.url()).toMatch(/#\/accounts$/)
    const palette = await typeInPalette(target.label)
    await expect.poll(() => palette.getByRole('option').first().innerText()).toContain(target.label)
    await page.keyboard.press('Enter')
    const drawer = page.getByRole('dialog', { name: `Server ${target.label}` })
    await expect.poll(() => drawer.isVisible()).toBe(true)
    // The drawer belongs to the Fleet page: the palette navigated there (keys are `<accountId>:<serviceId>`).
    expect(decodeURIComponent(page.url())).toMatch(new RegExp(`#/fleet/[^/]+:${escapeRegExp(target.id)}$`))
    await drawer.getByRole('button', { name: 'Close server details' }).click()
    await expect.poll(() => drawer.count()).toBe(0)
  })

  it('moves through the table with the keyboard: arrows move, Space selects, Enter opens', async () => {
    const body = page.getByRole('table', { name: 'Servers' }).getByRole('rowgroup').last()
    await body.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    // The active row takes the focus itself (a roving tabindex).
    const focusedId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)
    await expect.poll(focusedId).toBe('fleet-row-1')
    const activeId = 'fleet-row-1'
    const second = page.locator(`#${activeId}`)
    const key = await second.getAttribute('data-key')
    await page.keyboard.press(' ')
    await expect.poll(() => second.getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain(encodeURIComponent(key!))
    await page.getByRole('button', { name: 'Close server details' }).click()
    await page.getByRole('button', { name: 'Clear selection' }).click()
  })

  it('signs an expired aluy account in again from the sidebar', async () => {
    const account = aluyAccount()
    aluy.expireCredential(account.id)
    await page.getByRole('button', { name: 'Refresh fleet' }).click()
    const health = page.getByRole('region', { name: 'Account health' })
    await expect.poll(() => health.innerText(), { timeout: 15_000 }).toContain('Needs sign-in')

    await health.getByRole('button', { name: `Sign in again to ${account.label}` }).click()
    const dialog = page.getByRole('dialog', { name: `Sign in again to ${account.label}` })
    // The dialog opens on its cookie field, ready for the paste.
    await expect.poll(() => focusedId(page)).toBe('resign-credential')
    const fresh = aluy.state.renewSession(account.id)
    await dialog.getByLabel('Session cookie').fill(`__Secure-next-auth.session-token=${fresh}`) // pasted
    await dialog.getByRole('button', { name: 'Save and refresh' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => health.innerText(), { timeout: 15_000 }).not.toContain('Needs sign-in')
    expect(await health.innerText()).toContain('OK')
    await expect.poll(() => serverCount()).toBe(totalServers())
  })

  it('moves a column from "Column order" and from its header, remembers the order over a reload, and exports in it', async () => {
    const defaults = ['Name', 'Account', 'Provider', 'Status', 'Power', 'IPv4', 'Location', 'vCPU', 'RAM', 'Disk', 'Price']
    const moved = ['Name', 'Account', 'Provider', 'Status', 'Location', 'Power', 'IPv4', 'vCPU', 'RAM', 'Disk', 'Price']
    const live = (text: string) => page.locator('[aria-live="polite"]').filter({ hasText: text })
    await expect.poll(headerNames).toEqual(defaults)

    const toggle = page.getByRole('button', { name: 'Column order' })
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    const list = page.getByRole('list', { name: 'Shown columns, left to right' })
    expect(await list.getByRole('button', { name: 'Move Name left' }).isDisabled()).toBe(true)
    expect(await list.getByRole('button', { name: 'Move Price right' }).isDisabled()).toBe(true)
    const left = list.getByRole('button', { name: 'Move Location left', exact: true })
    await left.click()
    await left.click()
    await expect.poll(headerNames).toEqual(moved)
    // The pressed button keeps the focus at its column's new place, and the move is announced.
    expect(await focusedName()).toBe('Move Location left')
    await expect.poll(() => live('Location moved to position 5 of 11').count()).toBe(1)
    await page.keyboard.press('Escape')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await focusedName()).toBe('Column order')

    // The same from the keyboard on the column's header: right, then back left.
    await table().getByRole('button', { name: 'Sort by Location' }).focus()
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await expect.poll(headerNames).toEqual(['Name', 'Account', 'Provider', 'Status', 'Power', 'Location', 'IPv4', 'vCPU', 'RAM', 'Disk', 'Price'])
    await expect.poll(() => live('Location moved to position 6 of 11').count()).toBe(1)
    expect(await focusedName()).toBe('Sort by Location')
    await page.keyboard.press('Alt+Shift+ArrowLeft')
    await expect.poll(headerNames).toEqual(moved)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    const csv = await readFile((await download.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe(
      'key,id,label,account,accountId,provider,status,statusText,location,power,primaryIpv4,vcpu,ramMb,diskGb,hourlyRateCents,monthlyPriceCents,tags,note,favourite'
    )

    // Saved in main's settings (after a short pause), so a reload shows the same order.
    const savedColumns = async () => (await app.harness.core.handlers['settings.get'](undefined)).fleetView?.columns
    await expect.poll(savedColumns).toEqual(['label', 'account', 'provider', 'status', 'location', 'power', 'ipv4', 'vcpu', 'ram', 'disk', 'price'])
    await page.reload()
    await expect.poll(headerNames, { timeout: 15_000 }).toEqual(moved)

    await page.getByRole('button', { name: 'Column order' }).click()
    await page.getByRole('button', { name: 'Reset columns' }).click()
    await expect.poll(headerNames).toEqual(defaults)
    await expect.poll(savedColumns).toEqual(['label', 'account', 'provider', 'status', 'power', 'ipv4', 'location', 'vcpu', 'ram', 'disk', 'price'])
  })
})
