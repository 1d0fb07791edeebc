// The console's power bar, end to end: it offers what the server allows now (a
// running VPS no "Start", a stopped one only "Start"), and a confirmation names
// the server and its account with Cancel focused, so Enter or Escape right after
// opening sends nothing; the action is sent once when the user means it. The
// console itself points at a closed port: the bar does not depend on the picture,
// and the console says which host it could not reach.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AluySimulator } from '../simulators/index'
import { nav, startE2eApp, type E2eApp } from '../support/e2e-app'
import { focusedText } from '../support/focus'

let app: E2eApp
let aluy: AluySimulator
let page: Page

beforeAll(async () => {
  const started = await startE2eApp({
    name: 'console-power',
    aluy: { seed: 5, accounts: 1, serversPerAccount: 10, consoleWssUrl: () => 'wss://127.0.0.1:9/vnc/?token=closed', consolePassword: () => 'x' }
  })
  app = started
  aluy = started.aluy
  page = app.page
  await app.addAccount(aluy, 'Lab', '#3366cc')
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
  await nav(page).getByRole('link', { name: 'Consoles' }).click()
})

afterAll(() => app?.close())

const services = () => aluy.state.servicesOf(aluy.accounts[0]!.id).filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId)
const powerPosts = (id: string) => aluy.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/services/${id}/power`))
const powerGroup = (label: string) => page.getByRole('tabpanel', { name: label }).getByRole('group', { name: 'Power' })

async function openConsole(label: string): Promise<void> {
  await page.getByLabel('Server', { exact: true }).selectOption({ label })
  await page.getByRole('button', { name: 'Open console' }).click()
  await expect.poll(() => page.getByRole('tab', { name: label }).count()).toBe(1)
}

async function powerButtons(label: string): Promise<string[]> {
  return (await powerGroup(label).getByRole('button').allInnerTexts()).map((t) => t.trim())
}

describe('console power bar', () => {
  it('offers what the server allows, confirms with Cancel focused and names the account, and sends once', async () => {
    const runningVps = services().find((s) => s.power === 'running')!
    const stoppedVps = services().find((s) => s.power === 'stopped')
    await openConsole(runningVps.label)
    await expect.poll(() => powerButtons(runningVps.label)).toEqual(['Shut down', 'Force stop', 'Restart'])
    // The console's own words for a peer that never answered name the host, and a retry is coming.
    const status = page.getByRole('tabpanel', { name: runningVps.label }).getByRole('status', { name: 'Connection state' })
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^Could not connect to 127\.0\.0\.1:9 /)
    await expect.poll(() => page.getByRole('tabpanel', { name: runningVps.label }).getByText(/Reconnecting in \d+ s/).count()).toBe(1)

    await powerGroup(runningVps.label).getByRole('button', { name: 'Restart' }).click()
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog', { name: /Restart/ }))
    await expect.poll(() => dialog.first().isVisible()).toBe(true)
    const text = await dialog.first().innerText()
    expect(text).toContain(runningVps.label)
    expect(text).toContain('Lab')
    await expect.poll(() => focusedText(page)).toBe('Cancel')
    // Enter on the focused Cancel sends nothing.
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.first().isVisible()).toBe(false)
    expect(powerPosts(runningVps.id)).toHaveLength(0)

    // Meant this time: one request, with the action asked for.
    await powerGroup(runningVps.label).getByRole('button', { name: 'Restart' }).click()
    await page.getByRole('button', { name: `Restart ${runningVps.label}` }).click()
    await expect.poll(() => powerPosts(runningVps.id).length).toBe(1)
    await expect.poll(() => powerPosts(runningVps.id)[0]!.status).toBe(200)

    if (stoppedVps) {
      await openConsole(stoppedVps.label)
      await expect.poll(() => powerButtons(stoppedVps.label)).toEqual(['Start'])
    }
  })
})
