// Consoles through main's real core: the IPC dispatcher, the provider simulators
// over HTTP and the real keychain. What the renderer gets (a VNC ticket, or a
// session whose lines main pushes), and that tickets never reach the log.
import { readFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleOpened } from '../../src-main/shared/contracts/console'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import type { FleetSnapshot } from '../../src-main/shared/domain'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'

let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
/** What the aluy simulator hands out next as wssUrl (tests switch it). */
let nextAluyUrl: (serviceId: string) => string
const issued: string[] = []

beforeAll(async () => {
  aluy = await startAluySimulator({
    seed: 21,
    accounts: 1,
    serversPerAccount: 6,
    consoleWssUrl: (id) => {
      const url = nextAluyUrl(id)
      issued.push(url)
      return url
    },
    consolePassword: () => 'vnc-pass-1234'
  })
  elizon = await startElizonSimulator({ seed: 21, accounts: 1, serversPerAccount: 4, consoleTickMs: 50, consoleWssUrl: () => 'wss://127.0.0.1:9/vnc/?token=elizon-ticket-123' })
})
afterAll(async () => {
  await aluy.close()
  await elizon.close()
})
beforeEach(async () => {
  nextAluyUrl = () => `wss://127.0.0.1:9/vnc/?token=tok-${Math.random().toString(36).slice(2)}`
  fx = await makeCoreFixture()
})
afterEach(async () => {
  await fx.cleanup()
})

async function addAndRefresh(provider: 'aluy' | 'elizon'): Promise<FleetSnapshot> {
  const sim = provider === 'aluy' ? aluy : elizon
  const saved = unwrap(
    await fx.dispatch('accounts.add', { provider, label: `${provider} acc`, colour: '#3366cc', baseUrl: sim.url, credential: sim.accounts[0]!.credential })
  ) as AccountSaveResult
  expect(saved.account).not.toBeNull()
  return unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
}

function aluyVpsKey(snapshot: FleetSnapshot): { key: string; id: string } {
  const service = aluy.state.servicesOf(aluy.accounts[0]!.id).find((s) => s.kind === 'VPS' && s.externalId && s.status === 'ACTIVE')!
  const server = snapshot.servers.find((s) => s.provider === 'aluy' && s.id === service.id)!
  return { key: server.key, id: service.id }
}

function consoleGets(id: string): number {
  return aluy.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/services/${id}/console`)).length
}

async function open(serverKey: string): Promise<ConsoleOpened> {
  return unwrap(await fx.dispatch('console.open', { serverKey })) as ConsoleOpened
}

describe('aluy consoles', () => {
  it('hands the renderer a fresh VNC ticket per open, and keeps it out of the log', async () => {
    const { key, id } = aluyVpsKey(await addAndRefresh('aluy'))
    const before = consoleGets(id)
    const first = await open(key)
    const second = await open(key)
    expect(first.kind).toBe('vnc')
    if (first.kind !== 'vnc' || second.kind !== 'vnc') return
    expect(first.url).toBe(issued.at(-2))
    expect(second.url).toBe(issued.at(-1))
    expect(second.url).not.toBe(first.url)
    expect(first.password).toBe('vnc-pass-1234')
    expect(consoleGets(id) - before).toBe(2)

    // A failing call that mentions the ticket must not put it in the log either.
    fx.logger.warn('echo', { detail: `upstream said ${first.url} / ${first.password}` })
    const log = await readFile(fx.logFile, 'utf8')
    expect(log).not.toContain(new URL(first.url).searchParams.get('token')!)
    expect(log).not.toContain('vnc-pass-1234')
  })

  it('enables console access when it is off, then continues', async () => {
    const { key, id } = aluyVpsKey(await addAndRefresh('aluy'))
    aluy.state.findService(aluy.accounts[0]!.id, id)!.consoleEnabled = false
    const opened = await open(key)
    expect(opened.kind).toBe('vnc')
    const posts = aluy.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/services/${id}/console`))
    expect(posts.length).toBe(1)
    expect(aluy.state.findService(aluy.accounts[0]!.id, id)!.consoleEnabled).toBe(true)
  })

  it("resolves a panel-relative URL against the account's panel origin", async () => {
    const { key } = aluyVpsKey(await addAndRefresh('aluy'))
    nextAluyUrl = () => '/vnc/?token=relative-ticket-1'
    const opened = await open(key)
    expect(opened.kind === 'vnc' && opened.url).toBe(`wss://${new URL(aluy.url).host}/vnc/?token=relative-ticket-1`)
  })

  it('refuses a console address that is neither wss:// nor a panel path, without repeating it', async () => {
    const { key } = aluyVpsKey(await addAndRefresh('aluy'))
    nextAluyUrl = () => 'http://evil.example/vnc/?token=leaky-ticket-9'
    const result = await fx.dispatch('console.open', { serverKey: key })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-response')
    expect(result.error.message).toMatch(/neither a wss:\/\/ URL nor a path/)
    expect(JSON.stringify(result.error)).not.toContain('leaky-ticket-9')
  })

  it('runs power actions through the fleet\'s action: provider API, fleet row and activity log', async () => {
    const { key, id } = aluyVpsKey(await addAndRefresh('aluy'))
    expect(unwrap(await fx.dispatch('console.power', { serverKey: key, action: 'stop' }))).toEqual({ done: true })
    expect(aluy.state.findService(aluy.accounts[0]!.id, id)!.power).toBe('stopped')
    const fleet = unwrap(await fx.dispatch('fleet.get', undefined)) as FleetSnapshot
    expect(fleet.servers.find((s) => s.key === key)!.power).toBe('stopped')
    const activity = unwrap(await fx.dispatch('activity.list', { limit: 5 })) as { serverKey: string; action: string; result: string }[]
    expect(activity[0]).toMatchObject({ serverKey: key, action: 'stop', result: 'ok' })
  })
})

describe('elizon consoles', () => {
  function elizonKey(snapshot: FleetSnapshot, type: 'PROXMOX' | 'PTERODACTYL'): string {
    const service = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.type === type && s.status === 'RUNNING')!
    return snapshot.servers.find((s) => s.provider === 'elizon' && s.id === service.id)!.key
  }

  it('streams a game server console as pushed lines, takes commands, and stops on close', async () => {
    const key = elizonKey(await addAndRefresh('elizon'), 'PTERODACTYL')
    const events: Array<{ event: string; payload: unknown }> = []
    const stop = fx.core.onEvent((event, payload) => events.push({ event, payload }))
    const opened = await open(key)
    expect(opened.kind).toBe('text')
    const lines = (): string[] =>
      events.filter((e) => e.event === 'console.line' && (e.payload as { sessionId: string }).sessionId === opened.sessionId).map((e) => (e.payload as { line: string }).line)
    await expect.poll(lines).toContain('[Server] Done (3.2s)! For help, type "help"')
    await expect.poll(() => events.some((e) => e.event === 'console.state' && (e.payload as { power?: string }).power === 'running')).toBe(true)

    expect(unwrap(await fx.dispatch('console.command', { sessionId: opened.sessionId, command: 'say hello' }))).toEqual({ sent: true })
    await expect.poll(lines).toContain('[Server] Executed command: say hello')

    expect(unwrap(await fx.dispatch('console.close', { sessionId: opened.sessionId }))).toEqual({ closed: true })
    await expect.poll(() => events.some((e) => e.event === 'console.state' && (e.payload as { state: string }).state === 'closed')).toBe(true)
    const count = lines().length
    await new Promise((r) => setTimeout(r, 200))
    expect(lines().length).toBe(count)
    stop()
  })

  it('hands out a VNC ticket for a virtual server', async () => {
    const key = elizonKey(await addAndRefresh('elizon'), 'PROXMOX')
    const opened = await open(key)
    expect(opened).toMatchObject({ kind: 'vnc', url: 'wss://127.0.0.1:9/vnc/?token=elizon-ticket-123' })
  })

  it('refuses to pop a console out in words where there are no windows (the harness)', async () => {
    const key = elizonKey(await addAndRefresh('elizon'), 'PROXMOX')
    expect(unwrap(await fx.dispatch('console.popOut', { serverKey: key }))).toEqual({
      opened: false,
      message: 'Consoles open in their own window only in the desktop app.'
    })
  })
})
