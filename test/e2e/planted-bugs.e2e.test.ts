// Issue 16, planted bugs 8, 9 and 10, end to end: the built renderer in
// Chromium, main's real core through the web harness, both simulators, the real
// keychain, and a recording RFB server standing where a panel's websockify would.
//  8. Ctrl+Alt+Del: the VNC PEER must receive the key events, not just the toolbar say "sent".
//  9. The price comparison: every price shown equals the simulator's price for the same spec.
// 10. The SSH key matrix: with keys missing at some accounts (and one account failing),
//     each cell says present, missing or unknown as the simulators' own key lists say.
import { createHash } from 'node:crypto'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRecordingRfbServer, type RecordingRfbServer } from '../support/recording-rfb'
import { makeSelfSignedCert, type TlsFiles } from '../support/vnc-peer'
import { nav, startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'
import { rm } from 'node:fs/promises'
import { openSshPublicKey } from '../integration/commerce-support'
import { hourlyRateFor, PRICING } from '../simulators/aluy/model'

let tls: TlsFiles
let recorder: RecordingRfbServer
const options = {
  name: 'planted',
  aluy: { seed: 165, accounts: 2, serversPerAccount: 4, invoicesPerAccount: 1, consoleWssUrl: () => recorder.url },
  elizon: { seed: 165, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1, rateLimit: { limit: 10_000, windowMs: 60_000 } },
  // The recorder's TLS certificate is self-signed.
  context: { ignoreHTTPSErrors: true }
} satisfies E2eAppOptions
let app: E2eApp<typeof options>
let page: Page

beforeAll(async () => {
  tls = await makeSelfSignedCert()
  recorder = await startRecordingRfbServer(tls)
  app = await startE2eApp(options)
  page = app.page
  await app.addAccount(app.aluy, 'Acme aluy', '#3366cc')
  const second = await app.harness.core.handlers['accounts.add']({ provider: 'aluy', label: 'Zeta aluy', colour: '#cc6633', baseUrl: app.aluy.url, credential: app.aluy.accounts[1]!.credential })
  if (!second.account) throw new Error('second aluy account not added')
  await app.addAccount(app.elizon, 'Beta elizon', '#33cc66')
  await app.harness.core.handlers['fleet.refresh'](undefined)
})

afterAll(async () => {
  await app?.close()
  await recorder?.close()
  if (tls) await rm(tls.dir, { recursive: true, force: true })
})

/** Whether the element has the keyboard focus (this file compiles without the DOM lib). */
const hasFocus = (locator: Locator) => locator.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el)

/** Focuses a field, clears it and types, as a user does. */
async function typeInto(label: string, text: string, scope = page.locator('body')): Promise<void> {
  const field = scope.getByLabel(label, { exact: true })
  await field.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(text)
  expect(await hasFocus(field)).toBe(true)
}

describe('8. Ctrl+Alt+Del reaches the VNC server', () => {
  it('the peer receives Ctrl, Alt, Delete pressed and released in order, with scancodes', async () => {
    await page.goto(app.urlOf('consoles'))
    await nav(page).getByRole('link', { name: 'Consoles' }).waitFor()
    const service = app.aluy.state.servicesOf(app.aluy.accounts[0]!.id).find((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId)!
    await page.getByLabel('Server', { exact: true }).selectOption({ label: service.label })
    await page.getByRole('button', { name: 'Open console' }).click()
    const panel = page.getByRole('tabpanel', { name: service.label })
    await expect.poll(() => panel.getByRole('status', { name: 'Connection state' }).innerText(), { timeout: 30_000 }).toBe(`Connected to ${recorder.desktopName}`)

    recorder.keys.length = 0
    const button = panel.getByRole('button', { name: 'Ctrl+Alt+Del' })
    await button.focus()
    expect(await hasFocus(button)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => panel.getByText('Ctrl+Alt+Del sent').count()).toBe(1)

    const CTRL = 0xffe3
    const ALT = 0xffe9
    const DELETE = 0xffff
    await expect.poll(() => recorder.keys.length, { timeout: 10_000 }).toBe(6)
    expect(recorder.keys.map((k) => [k.keysym, k.down])).toEqual([
      [CTRL, true],
      [ALT, true],
      [DELETE, true],
      [DELETE, false],
      [ALT, false],
      [CTRL, false]
    ])
    // QEMU needs scancodes: Ctrl 0x1d, Alt 0x38, Delete (extended) as noVNC encodes it.
    expect(recorder.keys.map((k) => k.scancode)).toEqual([0x1d, 0x38, 0xd3, 0xd3, 0x38, 0x1d])
  })
})

describe('9. the price comparison shows the simulators’ prices', () => {
  it('aluy’s published price and elizon’s calculated price for 3 cores, 6 GB, 70 GB', async () => {
    await page.goto(app.urlOf('orders'))
    await page.getByRole('tab', { name: 'Compare prices' }).click()
    const tab = page.getByRole('tabpanel', { name: 'Compare prices' })
    await typeInto('vCPU cores', '3', tab)
    await typeInto('RAM (GB)', '6', tab)
    await typeInto('Disk (GB)', '70', tab)
    await page.keyboard.press('Enter')
    const table = tab.getByRole('table', { name: 'Compare prices' })
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(4)

    // aluy: its published per-resource prices (GET /vm-config), 6 × RAM GB + 3 × core + 7 × 10 GB SSD.
    const aluyMonthly = 6 * PRICING.ramPer1GbCents + 3 * PRICING.cpuPerCoreCents + 7 * PRICING.ssdPer10GbCents
    // elizon: its own calculation for the same spec, asked over HTTP as a client would.
    const calc = await fetch(`${app.elizon.url}/cart/calculate`, {
      method: 'POST',
      headers: { 'x-api-key': app.elizon.accounts[0]!.credential, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ productId: 'prod_cloud_flex', locationId: 'loc_fra1', config: { cpu: 3, ramGb: 6, diskGb: 70 } }] })
    })
    const elizonMonthly = ((await calc.json()) as { totals: { netCents: number } }).totals.netCents
    expect(aluyMonthly).not.toBe(elizonMonthly)
    const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100)

    const cells = async (account: string) => (await table.getByRole('row').filter({ hasText: account }).getByRole('cell').allInnerTexts()).map((t) => t.trim())
    for (const account of ['Acme aluy', 'Zeta aluy']) {
      const row = await cells(account)
      expect(row.slice(1, 3)).toEqual(['Custom VPS', expect.any(String)])
      expect(row[3]).toBe(euros(aluyMonthly))
      expect(row[4]).toBe(euros(hourlyRateFor(aluyMonthly)))
      expect(row[5]).toBe('published pricing')
    }
    const elizonRow = await cells('Beta elizon')
    expect(elizonRow[3]).toBe(euros(elizonMonthly))
    expect(elizonRow[4]).toBe('—')
    expect(elizonRow[5]).toBe('provider’s calculation')
  })
})

describe('10. the SSH key matrix says where a key is missing', () => {
  /** OpenSSH's SHA-256 fingerprint of a public key line. */
  const fingerprint = (publicKey: string) => `SHA256:${createHash('sha256').update(Buffer.from(publicKey.split(' ')[1]!, 'base64')).digest('base64').replace(/=+$/, '')}`

  it('each key is present only at the accounts that hold it, missing at the others, unknown where the list failed', async () => {
    const shared = openSshPublicKey('shared@e2e')
    const accounts = await app.harness.core.handlers['accounts.list'](undefined)
    const idOf = (label: string) => accounts.find((a) => a.label === label)!.id
    await app.harness.core.handlers['sshKeys.add']({ accountId: idOf('Acme aluy'), name: 'shared', publicKey: shared })
    await app.harness.core.handlers['sshKeys.add']({ accountId: idOf('Beta elizon'), name: 'shared', publicKey: shared })
    app.aluy.expireCredential(app.aluy.accounts[1]!.id)

    const holders = new Map<string, Set<string>>()
    const hold = (label: string, keys: { publicKey: string }[]) => {
      for (const k of keys) holders.set(fingerprint(k.publicKey), (holders.get(fingerprint(k.publicKey)) ?? new Set()).add(label))
    }
    hold('Acme aluy', app.aluy.state.account(app.aluy.accounts[0]!.id).sshKeys)
    hold('Beta elizon', app.elizon.state.account(app.elizon.accounts[0]!.id).sshKeys)
    expect(holders.get(fingerprint(shared))).toEqual(new Set(['Acme aluy', 'Beta elizon']))
    const missingSomewhere = [...holders.values()].filter((h) => h.size === 1).length
    expect(missingSomewhere).toBeGreaterThanOrEqual(3)

    await page.goto(app.urlOf('ssh-keys'))
    const table = page.getByRole('table', { name: 'Keys by account' })
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(holders.size + 1)
    const columns = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim()).slice(1)
    expect([...columns].sort()).toEqual(['Acme aluy', 'Beta elizon', 'Zeta aluy'])

    for (const [print, held] of holders) {
      const row = table.getByRole('row').filter({ hasText: print })
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())
      const expected = columns.map((label) => (label === 'Zeta aluy' ? 'unknown' : held.has(label) ? 'present' : '—'))
      expect(cells, print).toEqual(expected)
      // Only a held key can be deleted there.
      expect(await row.getByRole('button', { name: /^Delete / }).count()).toBe(held.size)
    }
  })
})
