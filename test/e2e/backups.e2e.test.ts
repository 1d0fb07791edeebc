// Backups end to end: the built renderer in Chromium, main's real core through
// the web harness, the elizon simulator over HTTP. Open a KVM server's detail,
// create a named backup (checked at the simulator), restore a seeded one only
// after a confirmation that names the server and the backup and says the disk is
// overwritten, see a conflict in the API's own words, and find both in Activity.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import type { ElizonSimulator } from '../simulators/index'
import type { ElizonService } from '../simulators/elizon/model'
import { backupsOf } from '../simulators/elizon/routes/backups'
import { escapeRegExp, hasFocus, nav, startE2eApp, typeInto, type E2eAppOptions, type E2eApp } from '../support/e2e-app'

const options = {
  name: 'backups',
  elizon: { seed: 35, accounts: 1, serversPerAccount: 8 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let elizon: ElizonSimulator
let page: Page
let vps: ElizonService

beforeAll(async () => {
  app = await startE2eApp(options)
  elizon = app.elizon
  page = app.page
  const found = elizon.state
    .servicesOf(elizon.accounts[0]!.id)
    .find((s) => s.type === 'PROXMOX' && s.status === 'RUNNING' && backupsOf(elizon.state, s).length >= 2)
  if (!found) throw new Error('the seed gave no running KVM server with backups')
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
  await drawer.getByRole('table', { name: `Backups of ${label}` }).waitFor({ timeout: 15_000 })
  return drawer
}

describe('backups, end to end', () => {
  it('creates a named backup, restores one after confirming, and logs both', async () => {
    const drawer = await openDetail(vps.name)
    const table = drawer.getByRole('table', { name: `Backups of ${vps.name}` })
    const seeded = [...backupsOf(elizon.state, vps)]
    await expect.poll(() => table.locator('tbody tr').count()).toBe(seeded.length)
    expect(await table.getByRole('row', { name: /weekly/ }).innerText()).toMatch(/Completed/)

    // Create, with a name: the simulator has it, the list shows it. The job runs long, so a second create is refused.
    elizon.state.backupJobMs = 60_000
    const name = drawer.getByLabel('Name of the new backup (optional)')
    await typeInto(name, 'before-e2e')
    expect(await name.inputValue()).toBe('before-e2e')
    expect(await hasFocus(name)).toBe(true)
    await drawer.getByRole('button', { name: 'Create backup' }).click()
    await drawer.getByRole('status').filter({ hasText: 'Backup started.' }).waitFor()
    expect(backupsOf(elizon.state, vps)[0]).toMatchObject({ name: 'before-e2e' })
    await table.getByRole('row', { name: /before-e2e/ }).waitFor()
    // A second create while the first runs is a conflict, shown in the API's words next to the button.
    await drawer.getByRole('button', { name: 'Create backup' }).click()
    await drawer.getByRole('alert').filter({ hasText: 'A backup creation is already running for this service' }).waitFor()
    for (const b of backupsOf(elizon.state, vps)) b.busyUntilMs = Date.now()
    elizon.state.backupJobMs = 400
    await drawer.getByRole('button', { name: 'Refresh backups' }).click()

    // Restore asks first, naming the server and the backup; nothing is sent before "Restore now".
    const target = seeded.find((b) => b.name === 'before-upgrade')!
    const restoresSent = () => elizon.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/backups/${target.id}`)).length
    await drawer.getByRole('button', { name: 'Restore before-upgrade' }).click()
    const confirm = drawer.getByRole('group', { name: 'Confirm: Restore backup' })
    const warning = await confirm.innerText()
    expect(warning).toContain('“before-upgrade”')
    expect(warning).toContain(vps.name)
    expect(warning).toContain('overwrites the server’s disk')
    expect(restoresSent()).toBe(0)
    await confirm.getByRole('button', { name: 'Restore now' }).click()
    await drawer.getByRole('status').filter({ hasText: 'Restore of “before-upgrade” started.' }).waitFor()
    expect(restoresSent()).toBe(1)
    await expect.poll(() => confirm.count()).toBe(0)

    await drawer.getByRole('button', { name: 'Close server details' }).click()
    await nav(page).getByRole('link', { name: 'Activity' }).click()
    const log = page.getByRole('table', { name: 'Activity log' })
    await log.getByRole('row', { name: /Restore backup/ }).waitFor()
    const rows = await log.locator('tbody tr').allInnerTexts()
    expect(rows.filter((r) => r.includes('Restore backup') && r.includes(vps.name))).toHaveLength(1)
    expect(rows.filter((r) => r.includes('Create backup') && r.includes(vps.name))).toHaveLength(2)
  })
})
