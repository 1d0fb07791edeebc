// An elizon game-server (Pterodactyl) console end to end: the built renderer in
// Chromium through the web harness, main's real core reading the simulator's
// SSE stream. The output is drawn by xterm.js under the app's CSP, with a
// role="log" text copy beside it for screen readers.
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
import { startElizonSimulator, type ElizonSimulator } from '../simulators/index'
import { launchChromium } from '../support/browser'
import { testHttpClient } from '../support/core-fixture'

let elizon: ElizonSimulator
let harness: Harness
let browser: Browser
let page: Page
let userDataDir: string
let gameLabel = ''
const secrets = new KeytarSecretStore({ service: `Flotilla-e2e-${randomBytes(4).toString('hex')}` })
const cspViolations: string[] = []

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  elizon = await startElizonSimulator({ seed: 21, accounts: 1, serversPerAccount: 4, consoleTickMs: 200 })
  userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-e2e-text-console-'))
  harness = await startHarness({
    userDataDir,
    secretStore: secrets,
    logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') }),
    http: testHttpClient(),
    refreshOnStart: false
  })
  await harness.core.handlers['accounts.add']({ provider: 'elizon', label: 'Games', colour: '#16a34a', baseUrl: elizon.url, credential: elizon.accounts[0]!.credential })
  const snapshot = await harness.core.handlers['fleet.refresh'](undefined)
  const game = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.type === 'PTERODACTYL' && s.status === 'RUNNING')
  const server = snapshot.servers.find((s) => s.id === game?.id)
  if (!server) throw new Error('the seed gave no running game server')
  gameLabel = server.label
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  await page.goto(harness.url)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consoles' }).click()
  await page.getByLabel('Server', { exact: true }).selectOption({ label: gameLabel })
  await page.getByRole('button', { name: 'Open console' }).click()
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
  await elizon?.close()
  for (const id of await secrets.list().catch(() => [])) await secrets.delete(id)
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

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
    expect(cspViolations).toEqual([])
  })

  it('turns on xterm screen-reader mode and keeps a quiet role="log" copy of the lines', async () => {
    await expect.poll(() => panel().locator('.xterm-accessibility-tree').count()).toBe(1)
    const log = panel().getByRole('log', { name: `Console output of ${gameLabel}` })
    await expect.poll(() => log.innerText(), { timeout: 20_000 }).toContain('[Server thread/INFO]')
    expect(await log.getAttribute('aria-live')).toBe('off')
  })

  it('shows a command and its answer in the terminal and the log', async () => {
    await panel().getByLabel('Command').fill('say hello from flotilla')
    await panel().getByRole('button', { name: 'Send' }).click()
    await expect.poll(terminalText, { timeout: 20_000 }).toContain('[Server] Executed command: say hello from flotilla')
    const log = panel().getByRole('log', { name: `Console output of ${gameLabel}` })
    await expect.poll(() => log.innerText()).toContain('> say hello from flotilla')
  })
})
