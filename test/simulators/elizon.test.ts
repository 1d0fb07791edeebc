// The elizon simulator over real HTTP: key auth and scopes, both pagination
// styles, actions, status-batch, rate limiting, consoles and PDFs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startElizonSimulator, type ElizonSimulator } from './index'

let sim: ElizonSimulator
let key: string

beforeAll(async () => {
  sim = await startElizonSimulator({
    seed: 4,
    accounts: 2,
    serversPerAccount: 25,
    invoicesPerAccount: 12,
    consoleTickMs: 50,
    consoleWssUrl: (id) => `wss://127.0.0.1:6080/vnc/?token=tok-${id}`
  })
  key = sim.accounts[0]!.credential
})
afterAll(() => sim.close())

function call(path: string, init: RequestInit & { apiKey?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const k = init.apiKey === undefined ? key : init.apiKey
  if (k) headers['x-api-key'] = k
  return fetch(sim.url + path, { ...init, headers })
}

async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

describe('elizon auth', () => {
  it('answers /api/ping without a key', async () => {
    expect(await body(await call('/ping', { apiKey: null }))).toEqual({ success: true, status: 'ok' })
  })

  it('tells a missing key from a wrong or revoked one', async () => {
    const missing = await call('/services', { apiKey: null })
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ success: false, error: 'Authentication required' })
    const wrong = await call('/services', { apiKey: 'elz_wrong' })
    expect(await wrong.json()).toEqual({ success: false, error: 'Invalid API key' })

    const extra = sim.addAccount({ servers: 1 })
    expect((await call('/services', { apiKey: extra.credential })).status).toBe(200)
    sim.expireCredential(extra.id)
    const revoked = await call('/services', { apiKey: extra.credential })
    expect(revoked.status).toBe(401)
    expect(await revoked.json()).toEqual({ success: false, error: 'Invalid API key' })
  })

  it('lets a scoped key view but not start (403 FORBIDDEN)', async () => {
    const scoped = sim.addAccount({ servers: 10, permissions: ['view'] })
    const service = sim.state.servicesOf(scoped.id).find((s) => s.status === 'STOPPED' || s.status === 'RUNNING')!
    expect((await call(`/services/${service.id}`, { apiKey: scoped.credential })).status).toBe(200)
    const res = await call(`/services/${service.id}/action`, { method: 'POST', body: JSON.stringify({ action: 'start' }), apiKey: scoped.credential })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ success: false, error: 'Insufficient permissions', errorKey: 'FORBIDDEN' })
  })

  it("hides another account's service (404)", async () => {
    const other = sim.state.servicesOf(sim.accounts[1]!.id)[0]!
    const res = await call(`/services/${other.id}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ success: false, error: 'Not found' })
  })
})

describe('elizon lists', () => {
  it('pages services page-style', async () => {
    const res = await body<{ success: boolean; services: { id: string; price: { currency: string } }[]; pagination: unknown }>(await call('/services?page=3&limit=10'))
    expect(res.success).toBe(true)
    expect(res.services).toHaveLength(5)
    expect(res.pagination).toEqual({ page: 3, limit: 10, total: 25, pages: 3 })
    expect(res.services[0]!.price.currency).toBe('EUR')
    const defaults = await body<{ services: unknown[]; pagination: { limit: number } }>(await call('/services'))
    expect(defaults.pagination.limit).toBe(10)
    expect((await call('/services?page=0')).status).toBe(400)
  })

  it('pages invoices offset-style with hasMore', async () => {
    const first = await body<{ invoices: unknown[]; pagination: unknown }>(await call('/invoices?offset=0&limit=10'))
    expect(first.invoices).toHaveLength(10)
    expect(first.pagination).toEqual({ total: 12, limit: 10, offset: 0, hasMore: true })
    const last = await body<{ invoices: unknown[]; pagination: { hasMore: boolean } }>(await call('/invoices?offset=10&limit=10'))
    expect(last.invoices).toHaveLength(2)
    expect(last.pagination.hasMore).toBe(false)
  })

  it('serves invoice documents as real PDFs', async () => {
    const invoice = sim.state.account(sim.accounts[0]!.id).invoices[0]!
    const detail = await body<{ invoice: { billingAddress: { country: string } } }>(await call(`/invoices/${invoice.id}`))
    expect(detail.invoice.billingAddress.country).toBe('DE')
    const res = await call(`/invoices/${invoice.id}/document`)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })
})

describe('elizon actions and status', () => {
  it('stops a running service and its status follows', async () => {
    const service = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.status === 'RUNNING')!
    const res = await call(`/services/${service.id}/action`, { method: 'POST', body: JSON.stringify({ action: 'stop' }) })
    expect(await res.json()).toMatchObject({ success: true })
    const status = await body<{ status: { state: string; uptimeSec: number } }>(await call(`/services/${service.id}/status`))
    expect(status.status).toMatchObject({ state: 'stopped', uptimeSec: 0 })
    const listed = await body<{ service: { status: string } }>(await call(`/services/${service.id}`))
    expect(listed.service.status).toBe('STOPPED')
  })

  it('rejects an unknown action with validationErrors', async () => {
    const service = sim.state.servicesOf(sim.accounts[0]!.id)[0]!
    const res = await call(`/services/${service.id}/action`, { method: 'POST', body: JSON.stringify({ action: 'explode' }) })
    expect(res.status).toBe(400)
    expect((await body<{ validationErrors: string[] }>(res)).validationErrors.length).toBeGreaterThan(0)
  })

  it('answers a status batch and refuses more than 50 ids', async () => {
    const ids = sim.state.servicesOf(sim.accounts[0]!.id).slice(0, 3).map((s) => s.id)
    const res = await body<{ statuses: Record<string, { state: string }> }>(await call('/services/status-batch', { method: 'POST', body: JSON.stringify({ serviceIds: ids }) }))
    expect(Object.keys(res.statuses).sort()).toEqual([...ids].sort())
    const tooMany = await call('/services/status-batch', { method: 'POST', body: JSON.stringify({ serviceIds: Array.from({ length: 51 }, (_, i) => `x${i}`) }) })
    expect(tooMany.status).toBe(400)
  })
})

describe('elizon consoles', () => {
  it('gives a VNC url for PROXMOX from the consoleWssUrl option', async () => {
    const vm = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.type === 'PROXMOX')!
    const res = await body(await call(`/services/${vm.id}/console`))
    expect(res).toEqual({ success: true, type: 'vnc', url: `wss://127.0.0.1:6080/vnc/?token=tok-${vm.id}`, token: `tok-${vm.id}` })
    const embed = await call(`/services/${vm.id}/console/embed`)
    expect(embed.headers.get('content-type')).toMatch(/text\/html/)
  })

  it('streams a game server console over SSE, including sent commands', async () => {
    const game = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.type === 'PTERODACTYL' && s.status === 'RUNNING')!
    const info = await body<{ type: string; streamUrl: string }>(await call(`/services/${game.id}/console`))
    expect(info.type).toBe('sse')
    const controller = new AbortController()
    const stream = await fetch(sim.origin + info.streamUrl, { headers: { 'x-api-key': key }, signal: controller.signal })
    expect(stream.headers.get('content-type')).toBe('text/event-stream')
    const reader = stream.body!.getReader()
    await call(`/services/${game.id}/console/command`, { method: 'POST', body: JSON.stringify({ command: 'say hi' }) })
    let text = ''
    while (!text.includes('say hi') || !text.includes('tick 1')) {
      const { value, done } = await reader.read()
      if (done) break
      text += Buffer.from(value).toString('utf8')
    }
    controller.abort()
    expect(text).toContain('event: status')
    expect(text).toContain('"line":"> say hi"')
  })
})

describe('elizon rate limit', () => {
  it('counts down X-RateLimit-Remaining, then answers 429 with Retry-After', async () => {
    const limited = await startElizonSimulator({ accounts: 1, serversPerAccount: 1, rateLimit: { limit: 3, windowMs: 60_000 } })
    try {
      const get = () => fetch(`${limited.url}/services`, { headers: { 'x-api-key': limited.accounts[0]!.credential } })
      const remaining: (string | null)[] = []
      for (let i = 0; i < 3; i++) {
        const res = await get()
        expect(res.headers.get('x-ratelimit-limit')).toBe('3')
        expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now())
        remaining.push(res.headers.get('x-ratelimit-remaining'))
      }
      expect(remaining).toEqual(['2', '1', '0'])
      const over = await get()
      expect(over.status).toBe(429)
      const payload = await body<{ success: boolean; error: string; retryAfter: number }>(over)
      expect(payload).toMatchObject({ success: false, error: 'Rate limit exceeded' })
      expect(payload.retryAfter).toBeGreaterThan(0)
      expect(Number(over.headers.get('retry-after'))).toBe(payload.retryAfter)
    } finally {
      await limited.close()
    }
  })
})
