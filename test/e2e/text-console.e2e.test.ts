// An elizon game-server (Pterodactyl) console end to end: the built renderer in
// Chromium through the web harness, main's real core reading the simulator's
// SSE stream. The output is drawn by xterm.js under the app's CSP, with a
// role="log" text copy beside it for screen readers.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasFocus, nav, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'text-console',
  elizon: { seed: 21, accounts: 1, serversPerAccount: 4, consoleTickMs: 200 }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let page: Page
let gameLabel = ''

beforeAll(async () => {
  app = await startE2eApp(options)
  page = app.page
  const elizon = app.elizon
  await app.addAccount(elizon, 'Games', '#16a34a')
  const snapshot = await app.harness.core.handlers['fleet.refresh'](undefined)
  const game = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.type === 'PTERODACTYL' && s.status === 'RUNNING')
  const server = snapshot.servers.find((s) => s.id === game?.id)
  if (!server) throw new Error('the seed gave no running game server')
  gameLabel = server.label
  await page.goto(app.harness.url)
  await nav(page).getByRole('link', { name: 'Consoles' }).click()
  await page.getByLabel('Server', { exact: true }).selectOption({ label: gameLabel })
  await page.getByRole('button', { name: 'Open console' }).click()
})

afterAll(() => app?.close())

function panel() {
  return page.getByRole('tabpanel', { name: gameLabel })
}

/** The text xterm.js has drawn (its DOM renderer's rows). */
async function terminalText(): Promise<string> {
  return panel().locator('.xterm-rows').innerText()
}

describe('elizon text console drawn by xterm.js', () => {
  it('draws the stream in an xterm terminal named after the server, without CSP violations', async () => {
    const terminal = panel().getByRole('group', { name: `Console output of ${gameLabel}` })
    await expect.poll(() => terminal.locator('.xterm-screen').count()).toBe(1)
    await expect.poll(terminalText, { timeout: 20_000 }).toContain('[Server thread/INFO]')
    expect(app.cspViolations).toEqual([])
  })

  it('turns on xterm screen-reader mode and keeps a quiet role="log" copy of the lines', async () => {
    await expect.poll(() => panel().locator('.xterm-accessibility-tree').count()).toBe(1)
    const log = panel().getByRole('log', { name: `Console output of ${gameLabel}` })
    await expect.poll(() => log.innerText(), { timeout: 20_000 }).toContain('[Server thread/INFO]')
    expect(await log.getAttribute('aria-live')).toBe('off')
  })

  it('shows a command and its answer in the terminal and the log', async () => {
    const command = panel().getByLabel('Command')
    // The terminal writes new lines while the command is typed: the field keeps the focus and every key.
    await typeInto(command, 'say hello from flotilla')
    expect(await command.inputValue()).toBe('say hello from flotilla')
    expect(await hasFocus(command)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(terminalText, { timeout: 20_000 }).toContain('[Server] Executed command: say hello from flotilla')
    const log = panel().getByRole('log', { name: `Console output of ${gameLabel}` })
    await expect.poll(() => log.innerText()).toContain('> say hello from flotilla')
  })
})
