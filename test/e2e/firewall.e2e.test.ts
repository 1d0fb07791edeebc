// Firewall rules end to end: the built renderer in Chromium, main's real core
// through the web harness, the elizon simulator over HTTP. Open a KVM server's
// detail, see a port problem inline before anything is sent, add a rule (checked
// at the simulator), change its port in the edit form, disable it, delete it
// after a confirmation that names the rule and the server, see it gone, and find
// the four changes in Activity.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import type { ElizonSimulator } from '../simulators/index'
import type { ElizonService } from '../simulators/elizon/model'
import { firewallOf } from '../simulators/elizon/routes/firewall'
import { escapeRegExp, hasFocus, nav, startE2eApp, typeInto, type E2eAppOptions, type E2eApp } from '../support/e2e-app'

const options = {
  name: 'firewall',
  elizon: { seed: 37, accounts: 1, serversPerAccount: 8 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let elizon: ElizonSimulator
let page: Page
let vps: ElizonService

beforeAll(async () => {
  app = await startE2eApp(options)
  elizon = app.elizon
  page = app.page
  const found = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.type === 'PROXMOX' && s.status === 'RUNNING')
  if (!found) throw new Error('the seed gave no running KVM server')
  vps = found
  await addDemoAccounts(app.harness.core.handlers, elizon)
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
  await page.getByText(/^\d+ of \d+ servers$/).waitFor({ timeout: 15_000 })
})

afterAll(() => app?.close())

async function openDetail(label: string) {
  await typeInto(page.getByRole('searchbox', { name: 'Search servers' }), `"${label}"`, { replace: true })
  await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(escapeRegExp(label)) }).first().click()
  const drawer = page.getByRole('dialog', { name: `Server ${label}` })
  await drawer.getByRole('region', { name: 'Firewall' }).waitFor({ timeout: 15_000 })
  return drawer
}

describe('firewall rules, end to end', () => {
  it('adds a rule, edits its port, disables it, deletes it after confirming, and logs all four', async () => {
    const drawer = await openDetail(vps.name)
    const section = drawer.getByRole('region', { name: 'Firewall' })
    const seeded = firewallOf(elizon.state, vps).length
    const sentChanges = () => elizon.requests.filter((r) => r.method !== 'GET' && r.path.includes('/firewall')).length

    // A port out of range is shown next to the field, and nothing is sent.
    const port = section.getByLabel('Port or range (e.g. 22 or 8000:8100)')
    await typeInto(port, '70000')
    await section.getByRole('button', { name: 'Add rule' }).click()
    await section.getByText('Enter a port from 1 to 65535, or a range such as 8000:8100.').waitFor()
    expect(sentChanges()).toBe(0)

    // Fixed, it is added: the simulator has it in Proxmox's names, the table shows it.
    await typeInto(port, '8443', { replace: true })
    expect(await port.inputValue()).toBe('8443')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    // Tab from the port passes the source and lands on the comment.
    const comment = section.getByLabel('Comment (optional)')
    expect(await hasFocus(comment)).toBe(true)
    await page.keyboard.type('e2e-admin')
    expect(await comment.inputValue()).toBe('e2e-admin')
    await section.getByRole('button', { name: 'Add rule' }).click()
    await section.getByRole('status').filter({ hasText: 'Firewall rule added.' }).waitFor()
    expect(firewallOf(elizon.state, vps)).toHaveLength(seeded + 1)
    expect(firewallOf(elizon.state, vps).at(-1)).toMatchObject({ type: 'in', action: 'ACCEPT', proto: 'tcp', dport: '8443', comment: 'e2e-admin', enable: 1 })
    const table = section.getByRole('table', { name: `Firewall rules of ${vps.name}` })
    const row = table.getByRole('row', { name: /e2e-admin/ })
    expect(await row.innerText()).toMatch(/8443[\s\S]*On/)

    // Edit: the form starts from the rule; a new port is one PATCH, and the table shows it.
    await row.getByRole('button', { name: 'Edit rule e2e-admin' }).click()
    const edit = section.getByRole('group', { name: 'Change rule “e2e-admin”' })
    const editPort = edit.getByLabel('Port or range (e.g. 22 or 8000:8100)')
    expect(await editPort.inputValue()).toBe('8443')
    // The opened form takes the focus on its first field (the direction), so typing goes into the form.
    await expect.poll(() => edit.evaluate((el) => el.contains((globalThis as unknown as { document: { activeElement: never } }).document.activeElement))).toBe(true)
    expect(await hasFocus(edit.getByRole('combobox').first())).toBe(true)
    await typeInto(editPort, '9443', { replace: true })
    expect(await editPort.inputValue()).toBe('9443')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await section.getByRole('status').filter({ hasText: 'Rule “e2e-admin” changed.' }).waitFor()
    await expect.poll(() => row.innerText()).toMatch(/9443[\s\S]*On/)
    expect(firewallOf(elizon.state, vps).at(-1)).toMatchObject({ proto: 'tcp', dport: '9443', comment: 'e2e-admin', enable: 1 })
    expect(await row.getByRole('button', { name: 'Edit rule e2e-admin' }).evaluate((b) => b.matches(':focus'))).toBe(true)
    expect(sentChanges()).toBe(2)

    // Disable: one PATCH; the row then says Off and offers Enable.
    await row.getByRole('button', { name: 'Disable rule e2e-admin' }).click()
    await section.getByRole('status').filter({ hasText: 'Rule “e2e-admin” disabled.' }).waitFor()
    await row.getByRole('button', { name: 'Enable rule e2e-admin' }).waitFor()
    expect(firewallOf(elizon.state, vps).at(-1)!.enable).toBe(0)
    expect(sentChanges()).toBe(3)

    // Delete asks first, naming the rule and the server; nothing is sent before "Delete rule".
    await row.getByRole('button', { name: 'Delete rule e2e-admin' }).click()
    const confirm = section.getByRole('group', { name: 'Confirm: Delete firewall rule' })
    const warning = await confirm.innerText()
    expect(warning).toContain('“e2e-admin”')
    expect(warning).toContain(vps.name)
    expect(sentChanges()).toBe(3)
    await confirm.getByRole('button', { name: 'Delete rule', exact: true }).click()
    await section.getByRole('status').filter({ hasText: 'Rule “e2e-admin” deleted.' }).waitFor()
    await expect.poll(() => table.getByRole('row', { name: /e2e-admin/ }).count()).toBe(0)
    expect(firewallOf(elizon.state, vps)).toHaveLength(seeded)
    expect(sentChanges()).toBe(4)

    await drawer.getByRole('button', { name: 'Close server details' }).click()
    await nav(page).getByRole('link', { name: 'Activity' }).click()
    const log = page.getByRole('table', { name: 'Activity log' })
    await log.getByRole('row', { name: /Delete firewall rule/ }).waitFor()
    const rows = (await log.locator('tbody tr').allInnerTexts()).filter((r) => r.includes(vps.name))
    // "Change firewall rule" twice: the edit and the disable (both `firewall-update`).
    const expected = { 'Add firewall rule': 1, 'Change firewall rule': 2, 'Delete firewall rule': 1 }
    for (const [action, times] of Object.entries(expected)) expect(rows.filter((r) => r.includes(action)), action).toHaveLength(times)
  })
})
