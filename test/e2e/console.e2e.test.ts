// Consoles end to end: the built renderer in Chromium through the web harness,
// main's real core, the aluy simulator handing out tickets for a REAL peer —
// QEMU's VNC server (password-protected) behind websockify with TLS and
// single-use tokens — and a recording RFB server for the exact keys typed.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FleetSnapshot } from '../../src-main/shared/domain'
import type { AluySimulator } from '../simulators/index'
import { hasFocus, nav, startE2eApp, typeInto, type E2eApp } from '../support/e2e-app'
import { startRecordingRfbServer, type RecordingRfbServer } from '../support/recording-rfb'
import { startVncPeer, type VncPeer } from '../support/vnc-peer'

type Route = 'qemu' | 'wrong-password' | 'reuse-once' | 'recorder' | 'no-password'

let peer: VncPeer
let recorder: RecordingRfbServer
let app: E2eApp
let aluy: AluySimulator
let page: Page
/** How the simulator answers GET /console per service (default: a fresh QEMU ticket). */
const routes = new Map<string, Route>()
const vps: { id: string; key: string; label: string }[] = []

function ticketFor(serviceId: string): string {
  const route = routes.get(serviceId) ?? 'qemu'
  if (route === 'recorder') return recorder.url
  if (route === 'reuse-once') {
    // A ticket that was already used: the panel (wrongly) hands out a spent one once.
    routes.set(serviceId, 'qemu')
    return peer.issueUrl() && spentUrl
  }
  return peer.issueUrl()
}
let spentUrl = ''

/** The password in the ticket: QEMU's, a wrong one, or none at all (QEMU then asks for it). */
function passwordFor(serviceId: string): string | null {
  const route = routes.get(serviceId)
  if (route === 'wrong-password') return 'not-the-password'
  if (route === 'no-password') return null
  return peer.password
}

beforeAll(async () => {
  peer = await startVncPeer()
  recorder = await startRecordingRfbServer(peer.tls)
  const started = await startE2eApp({
    name: 'console',
    aluy: {
      seed: 5,
      accounts: 1,
      serversPerAccount: 8,
      consoleWssUrl: (id) => ticketFor(id),
      consolePassword: (id) => passwordFor(id)
    },
    // The peer's TLS certificate is self-signed.
    context: { ignoreHTTPSErrors: true, acceptDownloads: true }
  })
  app = started
  aluy = started.aluy
  page = app.page
  await app.addAccount(aluy, 'Lab', '#3366cc')
  const snapshot: FleetSnapshot = await app.harness.core.handlers['fleet.refresh'](undefined)
  for (const service of aluy.state.servicesOf(aluy.accounts[0]!.id)) {
    if (service.kind !== 'VPS' || !service.externalId || service.status !== 'ACTIVE') continue
    const server = snapshot.servers.find((s) => s.id === service.id)
    if (server) vps.push({ id: service.id, key: server.key, label: server.label })
  }
  if (vps.length < 4) throw new Error(`the seed gave ${vps.length} provisioned VPS; the test needs 4`)
  await page.goto(app.harness.url)
  await nav(page).getByRole('link', { name: 'Consoles' }).click()
})

afterAll(async () => {
  await app?.close()
  await recorder?.close()
  await peer?.stop()
})

async function openConsole(label: string): Promise<void> {
  await page.getByLabel('Server', { exact: true }).selectOption({ label })
  await page.getByRole('button', { name: 'Open console' }).click()
  await expect.poll(() => page.getByRole('tab', { name: label }).count()).toBe(1)
}

function panel(label: string) {
  return page.getByRole('tabpanel', { name: label })
}

function stateOf(label: string) {
  return panel(label).getByRole('status', { name: 'Connection state' })
}

/** The bits of an HTMLCanvasElement the sampler uses (this file compiles without the DOM lib). */
interface CanvasLike {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null
}

/** Samples the console canvas: its size and whether any pixel is not black. */
async function frameOf(label: string): Promise<{ width: number; height: number; nonBlack: boolean }> {
  return panel(label)
    .locator('canvas')
    .first()
    .evaluate((canvas: CanvasLike) => {
      const ctx = canvas.getContext('2d')
      if (!ctx || canvas.width === 0) return { width: 0, height: 0, nonBlack: false }
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      let nonBlack = false
      for (let i = 0; i < data.length && !nonBlack; i += 4) nonBlack = data[i]! > 16 || data[i + 1]! > 16 || data[i + 2]! > 16
      return { width: canvas.width, height: canvas.height, nonBlack }
    })
}

function consoleGets(serviceId: string): number {
  return aluy.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/services/${serviceId}/console`)).length
}

describe('VNC consoles against QEMU behind websockify (wss, single-use tokens)', () => {
  it('opens from the UI, names the desktop and draws a non-black frame', async () => {
    const server = vps[0]!
    await openConsole(server.label)
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('Connected to QEMU')
    // SeaBIOS's "No bootable device" text screen: 720×400 with light text on black.
    await expect.poll(() => frameOf(server.label), { timeout: 60_000 }).toEqual({ width: 720, height: 400, nonBlack: true })
  })

  it('sends Ctrl+Alt+Del: the toolbar reports it and the connection stays up', async () => {
    const server = vps[0]!
    await panel(server.label).getByRole('button', { name: 'Ctrl+Alt+Del' }).click()
    await expect.poll(() => panel(server.label).getByText('Ctrl+Alt+Del sent').count()).toBe(1)
    expect(await stateOf(server.label).innerText()).toBe('Connected to QEMU')
  })

  it('saves a screenshot as a valid 720×400 PNG', async () => {
    const server = vps[0]!
    const [download] = await Promise.all([page.waitForEvent('download'), panel(server.label).getByRole('button', { name: 'Save screenshot' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.png$/)
    const png = await readFile((await download.path())!)
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([720, 400])
  })

  it('shows the wrong-password state when the ticket carries the wrong password', async () => {
    const server = vps[1]!
    routes.set(server.id, 'wrong-password')
    await openConsole(server.label)
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('Wrong password — the server refused the console password.')
    // No automatic reconnect after a refused password.
    expect(await panel(server.label).getByText(/Reconnecting in/).count()).toBe(0)
  })

  it('a reused (spent) token is refused, and the reconnect fetches a fresh ticket and connects', async () => {
    const server = vps[2]!
    // Spend a ticket: the first console's connection used vps[0]'s first token.
    spentUrl = `wss://127.0.0.1:${peer.port}/vnc/?token=${peer.issued[0]}`
    routes.set(server.id, 'reuse-once')
    const before = consoleGets(server.id)
    await openConsole(server.label)
    await expect.poll(() => panel(server.label).getByText(/Reconnecting in \d+ s/).count(), { timeout: 30_000, interval: 50 }).toBe(1)
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('Connected to QEMU')
    expect(consoleGets(server.id) - before).toBe(2)
  })

  it('keeps several consoles open as tabs', async () => {
    expect(await page.getByRole('tab').count()).toBe(3)
    await page.getByRole('tab', { name: vps[0]!.label }).click()
    expect(await stateOf(vps[0]!.label).innerText()).toBe('Connected to QEMU')
  })

  it('says that popping out needs the desktop app (harness)', async () => {
    await panel(vps[0]!.label).getByRole('button', { name: 'Open in own window' }).click()
    await expect.poll(() => page.getByText('Consoles open in their own window only in the desktop app.').count()).toBeGreaterThan(0)
    expect(await page.getByRole('tab', { name: vps[0]!.label }).count()).toBe(1)
  })
})

describe('paste as keystrokes, recorded by an RFB server', () => {
  it('types capitals, digits, punctuation, tab and newline with Shift sent explicitly and scancodes for QEMU', async () => {
    const server = vps[3]!
    routes.set(server.id, 'recorder')
    await openConsole(server.label)
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe(`Connected to ${recorder.desktopName}`)
    await panel(server.label).getByRole('button', { name: 'Paste as keystrokes' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paste as keystrokes' })
    // The dialog opens on its text field, ready for the paste.
    await expect.poll(() => hasFocus(dialog.getByLabel('Text to type'))).toBe(true)
    await dialog.getByLabel('Text to type').fill('Ab1!\t.\n') // pasted
    const delay = dialog.getByLabel('Delay between keys (ms)')
    await typeInto(delay, '0', { replace: true })
    expect(await delay.inputValue()).toBe('0')
    recorder.keys.length = 0
    await dialog.getByRole('button', { name: 'Type' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    const SHIFT = { keysym: 0xffe1, scancode: 0x2a }
    const press = (keysym: number, scancode: number) => [
      { keysym, scancode, down: true },
      { keysym, scancode, down: false }
    ]
    const shifted = (keysym: number, scancode: number) => [{ ...SHIFT, down: true }, ...press(keysym, scancode), { ...SHIFT, down: false }]
    await expect.poll(() => recorder.keys.length).toBe(18)
    expect(recorder.keys).toEqual([
      ...shifted(0x41, 0x1e), // A
      ...press(0x62, 0x30), // b
      ...press(0x31, 0x02), // 1
      ...shifted(0x21, 0x02), // !
      ...press(0xff09, 0x0f), // Tab
      ...press(0x2e, 0x34), // .
      ...press(0xff0d, 0x1c) // Enter
    ])
  })

  it('warns about characters it cannot type', async () => {
    const server = vps[3]!
    await panel(server.label).getByRole('button', { name: 'Paste as keystrokes' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paste as keystrokes' })
    await expect.poll(() => hasFocus(dialog.getByLabel('Text to type'))).toBe(true)
    await dialog.getByLabel('Text to type').fill('naïve €') // pasted
    await expect.poll(() => dialog.getByRole('alert').innerText()).toBe('These characters cannot be typed and will be skipped: ï €')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })
})

describe('a ticket without a password: the console asks for it', () => {
  // vps[1]'s tab is open and refused (wrong password) above; its next tickets carry no password.
  const prompt = (label: string) => panel(label).getByLabel('Console password')

  it('prompts, and a wrong password typed there gives the wrong-password state', async () => {
    const server = vps[1]!
    routes.set(server.id, 'no-password')
    await page.getByRole('tab', { name: server.label }).click()
    const before = consoleGets(server.id)
    await panel(server.label).getByRole('button', { name: 'Reconnect' }).click()
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('The server asks for a password.')
    expect(consoleGets(server.id) - before).toBe(1)
    // The prompt took the focus from the Reconnect button: the password is typed without a click, Enter sends it.
    await expect.poll(() => hasFocus(prompt(server.label))).toBe(true)
    await page.keyboard.type('not-the-password')
    expect(await prompt(server.label).inputValue()).toBe('not-the-password')
    await page.keyboard.press('Enter')
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('Wrong password — the server refused the console password.')
    expect(await prompt(server.label).count()).toBe(0)
  })

  it('prompts again on reconnect (fresh ticket), and the right password connects', async () => {
    const server = vps[1]!
    const before = consoleGets(server.id)
    await panel(server.label).getByRole('button', { name: 'Reconnect' }).click()
    await expect.poll(() => prompt(server.label).count(), { timeout: 30_000 }).toBe(1)
    expect(consoleGets(server.id) - before).toBe(1)
    await expect.poll(() => hasFocus(prompt(server.label))).toBe(true)
    await page.keyboard.type(peer.password)
    await page.keyboard.press('Enter')
    await expect.poll(() => stateOf(server.label).innerText(), { timeout: 30_000 }).toBe('Connected to QEMU')
    await expect.poll(() => frameOf(server.label), { timeout: 60_000 }).toMatchObject({ nonBlack: true })
    // The password typed into the prompt went to the VNC server, not into the harness's log.
    const log = await readFile(join(app.userDataDir, 'logs', 'flotilla.log'), 'utf8').catch(() => '')
    expect(log).not.toContain(peer.password)
  })
})
