// The hostile provider against main's real core (dispatcher, keychain, fleet,
// consoles): what reaches the renderer — verify details, health events,
// refresh answers, console events — never holds the key; consoles on other
// hosts are refused; a console stream without separators is closed; and a
// hung host does not hold up another account's check.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import type { FleetSnapshot, VerifyResult } from '../../src-main/shared/domain'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { endlessSseEvent, respond, sse, startHostileServer, type HostileServer } from './hostile-server'

const KEY = 'ek_live_CORE_HOSTILE_KEY_0987654321'

let provider: HostileServer
let other: HostileServer
let fx: CoreFixture
const events: Array<{ event: string; payload: unknown }> = []

beforeAll(async () => {
  provider = await startHostileServer()
  other = await startHostileServer()
})
afterAll(async () => {
  await provider.close()
  await other.close()
})
beforeEach(async () => {
  fx = await makeCoreFixture()
  fx.core.onEvent((event, payload) => events.push({ event, payload }))
})
afterEach(async () => {
  await fx.cleanup()
  events.length = 0
  provider.seen.length = 0
  other.seen.length = 0
})

const isList = (path: string): boolean => path.startsWith('/services?')
const GAME = { success: true, services: [{ id: '1', name: 'game', status: 'RUNNING', type: 'PTERODACTYL' }], pagination: { page: 1, total: 1, pages: 1 } }

async function addElizon(baseUrl: string, saveUnverified = false): Promise<AccountSaveResult> {
  return unwrap(
    await fx.dispatch('accounts.add', { provider: 'elizon', baseUrl, credential: KEY, label: 'hostile', colour: '#0d9488', saveUnverified })
  ) as AccountSaveResult
}

describe('what reaches the renderer never holds the key', () => {
  it('a verify whose answer echoes the key: the detail lacks it', async () => {
    provider.route((r) => isList(r.path), (socket, req) => respond(socket, 401, { success: false, error: `Invalid API key: ${req.headers['x-api-key']}` }))
    const result = unwrap(await fx.dispatch('accounts.verify', { provider: 'elizon', baseUrl: provider.url, credential: KEY })) as VerifyResult
    expect(result.outcome).toBe('api-key-rejected')
    expect(result.detail).toMatch(/^Invalid API key: /)
    expect(JSON.stringify(result)).not.toContain(KEY)
  })

  it('a refresh whose answer echoes the key: the health event and the refresh answer lack it', async () => {
    provider.route((r) => isList(r.path), (socket, req) => respond(socket, 400, { success: false, error: `key ${req.headers['x-api-key']} is suspended` }))
    const saved = await addElizon(provider.url, true)
    const snapshot = unwrap(await fx.dispatch('fleet.refresh', { accountIds: [saved.account!.id] })) as FleetSnapshot
    const health = snapshot.health.find((h) => h.accountId === saved.account!.id)
    expect(health?.message).toMatch(/^key .* is suspended$/)
    expect(JSON.stringify(snapshot)).not.toContain(KEY)
    expect(events.some((e) => e.event === 'accounts.health')).toBe(true)
    expect(JSON.stringify(events)).not.toContain(KEY)
  })
})

describe('consoles on other hosts', () => {
  beforeEach(() => provider.route((r) => isList(r.path), (socket) => respond(socket, 200, GAME)))

  async function openGameConsole(consoleAnswer: unknown) {
    provider.route((r) => r.path === '/services/1/console', (socket) => respond(socket, 200, consoleAnswer))
    const saved = await addElizon(provider.url)
    unwrap(await fx.dispatch('fleet.refresh', { accountIds: [saved.account!.id] }))
    return fx.dispatch('console.open', { serverKey: `${saved.account!.id}:1` })
  }

  it('a text console whose stream URL is on another host is refused, and that host hears nothing', async () => {
    const res = await openGameConsole({ success: true, type: 'sse', streamUrl: `${other.url}/stream` })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('foreign-host')
    expect(res.error.message).toContain(new URL(other.url).host)
    await new Promise((r) => setTimeout(r, 200))
    expect(other.seen).toEqual([])
  })

  it('an embed page on another host is refused before any window could get the key', async () => {
    const res = await openGameConsole({ success: true, type: 'embed', embedUrl: `${other.url}/console/embed` })
    expect(res.ok ? null : res.error.code).toBe('foreign-host')
  })

  it('a stream on the account host that never ends an event is closed as too large, with memory flat', async () => {
    provider.route((r) => r.path === '/services/1/console/stream', endlessSseEvent)
    const before = process.memoryUsage().heapUsed
    const res = await openGameConsole({ success: true, type: 'sse' })
    expect(res.ok).toBe(true)
    const closed = () => events.find((e) => e.event === 'console.state' && (e.payload as { state: string }).state === 'closed')
    await expect.poll(closed, { timeout: 20_000 }).toBeTruthy()
    const growthMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024
    console.info(`[hostile] endless SSE event: closed with "${(closed()!.payload as { message: string }).message}", heap growth ${growthMb.toFixed(1)} MB`)
    expect((closed()!.payload as { message: string }).message).toMatch(/larger than/)
    expect(growthMb).toBeLessThan(100)
  })

  it('a CRLF-framed stream gives its lines', async () => {
    provider.route(
      (r) => r.path === '/services/1/console/stream',
      sse('event: status\r\ndata: {"state":"running"}\r\n\r\nevent: console\r\ndata: {"line":"Done (1.2s)"}\r\n\r\n')
    )
    const res = await openGameConsole({ success: true, type: 'sse' })
    expect(res.ok).toBe(true)
    await expect.poll(() => events.filter((e) => e.event === 'console.line').map((e) => (e.payload as { line: string }).line)).toEqual(['Done (1.2s)'])
  })
})

describe('accounts never wait on each other', () => {
  it('checks against a hung host do not hold up a check against another host', async () => {
    provider.route((r) => isList(r.path), () => undefined /* never answers */)
    other.route((r) => isList(r.path), (socket) => respond(socket, 200, GAME))
    const order: string[] = []
    const hung = Array.from({ length: 5 }, (_, i) =>
      fx.dispatch('accounts.verify', { provider: 'elizon', baseUrl: provider.url, credential: `${KEY}${i}` }).then(() => order.push('hung'))
    )
    await expect.poll(() => provider.seen.length).toBeGreaterThan(0)
    const started = performance.now()
    const good = unwrap(await fx.dispatch('accounts.verify', { provider: 'elizon', baseUrl: other.url, credential: KEY })) as VerifyResult
    order.push('good')
    console.info(`[hostile] check beside 5 hung checks: ${Math.round(performance.now() - started)} ms`)
    expect(good.outcome).toBe('signed-in')
    await Promise.all(hung)
    expect(order[0]).toBe('good')
  })
})

