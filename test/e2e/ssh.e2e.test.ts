// An SSH terminal end to end: the built renderer in Chromium through the web
// harness, main's real core, and a real OpenSSH server on 127.0.0.1. A person's
// path: SSH settings typed for a server, S on its fleet row, the host key
// trusted, the password typed, a command typed and its output read from the
// terminal, the window resized (the PTY follows), the server drops the
// connection and Reconnect brings the shell back.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nav, startE2eApp, type E2eApp, type E2eAppOptions } from '../support/e2e-app'
import { startSshdPeer, type SshdPeer } from '../support/sshd-peer'

let peer: SshdPeer
let home: string
let app: E2eApp<{ name: string; elizon: { seed: number; accounts: number; serversPerAccount: number } }>
let page: Page
let serverKey = ''
let serverLabel = ''

beforeAll(async () => {
  peer = await startSshdPeer({ methods: ['password'] })
  home = await mkdtemp(join(tmpdir(), 'flotilla-e2e-home-'))
  const options = {
    name: 'ssh',
    elizon: { seed: 15, accounts: 1, serversPerAccount: 3 },
    // No agent and an empty ~/.ssh: the password prompt is what signs in.
    harness: { ssh: { options: { homeDir: home, env: {}, platform: 'linux', connectTimeoutMs: 5000 } } }
  } satisfies E2eAppOptions
  app = await startE2eApp(options)
  page = app.page
  await app.addAccount(app.elizon, 'Lab', '#16a34a')
  await app.harness.core.handlers['fleet.refresh'](undefined)
  await page.goto(app.harness.url)
})

afterAll(async () => {
  await app?.close()
  await peer?.stop()
  if (home) await rm(home, { recursive: true, force: true })
})

const focusedId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)
const focusInTerminal = () =>
  page.evaluate(() => !!(globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('.xterm'))
const panel = () => page.getByRole('tabpanel', { name: new RegExp(serverLabel) })
const terminalText = () => panel().locator('.xterm-accessibility-tree').innerText()
const status = () => panel().getByRole('toolbar').getByRole('status').innerText()
const accepted = async () => ((await peer.log()).match(/Accepted password for/g) ?? []).length

async function focusFirstFleetRow(): Promise<void> {
  await nav(page).getByRole('link', { name: 'Fleet' }).click()
  await page.getByRole('table', { name: 'Servers' }).getByRole('rowgroup').last().focus()
  await page.keyboard.press('Home')
  await expect.poll(focusedId).toBe('fleet-row-0')
}

async function typePassword(): Promise<void> {
  const form = panel().getByRole('form', { name: `Password for ${peer.user}` })
  const field = form.getByLabel('Password', { exact: true })
  await expect.poll(() => field.isVisible(), { timeout: 15_000 }).toBe(true)
  await field.click()
  await page.keyboard.type(peer.password!)
  await page.keyboard.press('Enter')
  await expect.poll(status, { timeout: 15_000 }).toContain('Connected')
}

async function run(command: string): Promise<void> {
  await expect.poll(focusInTerminal).toBe(true)
  await page.keyboard.type(command)
  await page.keyboard.press('Enter')
}

describe('SSH terminal from a fleet row', () => {
  it('takes per-server SSH settings typed on the Terminals page', async () => {
    await focusFirstFleetRow()
    serverKey = (await page.locator('#fleet-row-0').getAttribute('data-key'))!
    serverLabel = (await app.harness.core.handlers['fleet.get'](undefined)).servers.find((s) => s.key === serverKey)!.label
    await nav(page).getByRole('link', { name: 'Terminals' }).click()
    await page.getByLabel('Server', { exact: true }).selectOption({ value: serverKey })
    await page.getByRole('button', { name: 'SSH settings' }).click()
    await page.getByLabel('Address').click()
    await page.keyboard.type('127.0.0.1')
    await page.keyboard.press('Tab')
    await page.keyboard.type(String(peer.port))
    await page.keyboard.press('Tab')
    await page.keyboard.type(peer.user)
    await page.getByRole('button', { name: 'Save SSH settings' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'SSH settings saved.' }).count()).toBe(1)
    const target = await app.harness.core.handlers['ssh.target']({ serverKey })
    expect(target).toMatchObject({ address: '127.0.0.1', port: peer.port, user: peer.user })
  })

  it('opens with S on the row, asks about the host key before any sign-in, then the password', async () => {
    await focusFirstFleetRow()
    await page.keyboard.press('s')
    await expect.poll(() => page.url()).toMatch(/#\/terminals/)
    const hostKey = panel().getByRole('alertdialog', { name: /First connection to 127\.0\.0\.1/ })
    await expect.poll(() => hostKey.isVisible(), { timeout: 15_000 }).toBe(true)
    expect(await hostKey.innerText()).toContain(await peer.hostKeyFingerprint())
    expect(await hostKey.innerText()).toContain('ssh-ed25519')
    expect(await peer.log()).not.toMatch(/userauth-request/)
    await hostKey.getByRole('button', { name: 'Trust and connect' }).click()
    await typePassword()
    expect(await accepted()).toBe(1)
  })

  it('runs a command typed into the terminal and shows its output', async () => {
    await run('echo "flotilla-$((6*7))"')
    await expect.poll(terminalText, { timeout: 15_000 }).toContain('flotilla-42')
    expect(app.cspViolations).toEqual([])
  })

  it('resizes the remote PTY with the window', async () => {
    await run('stty size')
    await expect.poll(terminalText, { timeout: 10_000 }).toMatch(/^\d+ \d+$/m)
    const before = (await terminalText()).match(/^(\d+) (\d+)$/m)![0]
    await page.setViewportSize({ width: 900, height: 600 })
    await panel().click()
    await run('clear; stty size')
    await expect.poll(async () => (await terminalText()).match(/^(\d+) (\d+)$/m)?.[0], { timeout: 10_000 }).not.toBe(before)
    await page.setViewportSize({ width: 1400, height: 900 })
  })

  it('reports the server dropping the connection and reconnects in the same tab', async () => {
    await peer.dropConnections()
    await expect.poll(status, { timeout: 15_000 }).toContain('The server closed the connection.')
    await panel().getByRole('button', { name: 'Reconnect' }).click()
    // The key is pinned now: no host-key question, straight to the password.
    await typePassword()
    expect(await panel().getByRole('alertdialog').count()).toBe(0)
    expect(await accepted()).toBe(2)
    await run('echo again-$((2+3))')
    await expect.poll(terminalText, { timeout: 15_000 }).toContain('again-5')
    expect(await page.getByRole('tab').count()).toBe(1)
  })
})
