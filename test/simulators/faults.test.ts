// Injected faults, latency, the request log and close() — the shared core, seen
// through both simulators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from './index'

let aluy: AluySimulator
let elizon: ElizonSimulator

beforeAll(async () => {
  aluy = await startAluySimulator({ accounts: 1, serversPerAccount: 2 })
  elizon = await startElizonSimulator({ accounts: 1, serversPerAccount: 2 })
})
afterAll(async () => {
  await aluy.close()
  await elizon.close()
})

const aluyGet = (path = '/services') => fetch(aluy.url + path, { headers: { cookie: `__Secure-next-auth.session-token=${aluy.accounts[0]!.credential}` } })
const elizonGet = (path = '/services') => fetch(elizon.url + path, { headers: { 'x-api-key': elizon.accounts[0]!.credential } })

describe('faults', () => {
  it('5xx uses the provider default status and error shape, then clears', async () => {
    aluy.inject({ kind: '5xx' })
    const a = await aluyGet()
    expect(a.status).toBe(502)
    expect(await a.json()).toHaveProperty('error')
    expect((await aluyGet()).status).toBe(200)

    elizon.inject({ kind: '5xx', times: 2 })
    const e = await elizonGet()
    expect(e.status).toBe(500)
    expect(await e.json()).toMatchObject({ success: false })
    expect((await elizonGet()).status).toBe(500)
    expect((await elizonGet()).status).toBe(200)
  })

  it('5xx honours an explicit status and matches path and method only', async () => {
    aluy.inject({ kind: '5xx', status: 503, path: /\/balance$/, method: 'GET' })
    expect((await aluyGet('/services')).status).toBe(200)
    expect((await aluyGet('/balance')).status).toBe(503)
  })

  it('html: a 502 page from a reverse proxy', async () => {
    elizon.inject({ kind: 'html' })
    const res = await elizonGet()
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(await res.text()).toContain('<html>')
  })

  it('malformed-json: 200 application/json that does not parse', async () => {
    aluy.inject({ kind: 'malformed-json' })
    const res = await aluyGet()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    await expect(res.json()).rejects.toThrow()
  })

  it('reset: the connection drops without an answer', async () => {
    elizon.inject({ kind: 'reset' })
    await expect(elizonGet()).rejects.toThrow()
    expect((await elizonGet()).status).toBe(200)
  })

  it('hang: no answer until the client gives up', async () => {
    aluy.inject({ kind: 'hang' })
    const started = Date.now()
    await expect(fetch(aluy.url + '/services', { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('rate-limit: elizon-style 429 with retryAfter and headers', async () => {
    aluy.inject({ kind: 'rate-limit', retryAfterSec: 7 })
    const res = await aluyGet()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(await res.json()).toEqual({ success: false, error: 'Rate limit exceeded', retryAfter: 7 })
  })

  it('Infinity times lasts until clearFaults', async () => {
    elizon.inject({ kind: '5xx', times: Infinity })
    for (let i = 0; i < 3; i++) expect((await elizonGet()).status).toBe(500)
    elizon.clearFaults()
    expect((await elizonGet()).status).toBe(200)
  })
})

describe('targeting a request by ordinal (skip)', () => {
  it('skip: n lets n matching requests through and answers the (n+1)th', async () => {
    aluy.inject({ kind: '5xx', path: /\/balance$/, skip: 2 })
    expect((await aluyGet('/balance')).status).toBe(200)
    expect((await aluyGet('/services')).status).toBe(200) // not matching: not counted
    expect((await aluyGet('/balance')).status).toBe(200)
    expect((await aluyGet('/balance')).status).toBe(502)
    expect((await aluyGet('/balance')).status).toBe(200)
  })

  it('a skipping spec counts requests another spec answers', async () => {
    elizon.inject({ kind: '5xx', status: 503 })
    elizon.inject({ kind: '5xx', status: 504, skip: 1 })
    expect((await elizonGet()).status).toBe(503)
    expect((await elizonGet()).status).toBe(504)
    expect((await elizonGet()).status).toBe(200)
  })

  it('refuses a negative or fractional skip', () => {
    expect(() => aluy.inject({ kind: '5xx', skip: -1 })).toThrow(/skip/)
    expect(() => aluy.inject({ kind: '5xx', skip: 0.5 })).toThrow(/skip/)
  })
})

describe('latency and the request log', () => {
  it('delays every response by the configured latency', async () => {
    elizon.setLatency(120)
    const started = performance.now()
    await elizonGet('/ping')
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    elizon.setLatency(0)
  })

  it('logs method, path, query, status and account in order', async () => {
    const before = elizon.requests.length
    await elizonGet('/services?page=2&limit=1')
    await fetch(elizon.url + '/services')
    expect(elizon.requests.slice(before).map(({ method, path, query, status, accountId }) => ({ method, path, query, status, accountId }))).toEqual([
      { method: 'GET', path: '/api/services', query: 'page=2&limit=1', status: 200, accountId: elizon.accounts[0]!.id },
      { method: 'GET', path: '/api/services', query: '', status: 401, accountId: null }
    ])
  })
})

describe('close', () => {
  it('resolves promptly while a request hangs and an SSE stream is open', async () => {
    const sim = await startElizonSimulator({ accounts: 1, serversPerAccount: 2 })
    const headers = { 'x-api-key': sim.accounts[0]!.credential }
    const game = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.type === 'PTERODACTYL')!
    // Keep the game server running so the stream stays open.
    game.status = 'RUNNING'
    const stream = await fetch(`${sim.url}/services/${game.id}/console/stream`, { headers })
    sim.inject({ kind: 'hang' })
    const hanging = fetch(`${sim.url}/services`, { headers }).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 50))
    const started = performance.now()
    await sim.close()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await hanging).toBeInstanceOf(Error)
    await stream.body?.cancel().catch(() => undefined)
  })
})
