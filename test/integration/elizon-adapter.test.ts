// The elizon adapter over real HTTP against the elizon simulator: page/limit
// paging, verify outcomes, the rate limit waited out (and avoided), retries and
// broken bodies. Short retry delays keep it fast; the default schedule is
// asserted in the client's unit test.
import { afterEach, describe, expect, it } from 'vitest'
import type { ListProgress } from '../../src-main/core/providers/provider-adapter'
import { getAdapter } from '../../src-main/core/providers/registry'
import { startElizonSimulator } from '../simulators/index'
import { statusWord, VARIANT_UNKNOWN_STATUS, variantOn } from '../simulators/elizon/variant'
import { closedPort, ctxFor, failure, first } from '../support/adapter-context'

const adapter = getAdapter('elizon')
type Sim = Awaited<ReturnType<typeof startElizonSimulator>>
const sims: Sim[] = []

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function sim(opts: Parameters<typeof startElizonSimulator>[0] = {}): Promise<Sim> {
  const s = await startElizonSimulator({ seed: 5, accounts: 2, serversPerAccount: 6, ...opts })
  sims.push(s)
  return s
}

const SERVICES_PATH = '/api/services'

describe('elizon listServers', () => {
  it('loads every page of 250 services (page/limit) and normalises them', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 250 })
    const account = first(s.accounts)
    const ctx = ctxFor(s, account)
    const progress: ListProgress[] = []
    const servers = await adapter.listServers(ctx, (p) => progress.push(p))

    expect(servers).toHaveLength(250)
    expect(new Set(servers.map((x) => x.key)).size).toBe(250)
    const pages = s.requests.filter((r) => r.path === SERVICES_PATH)
    expect(pages.map((r) => new URLSearchParams(r.query).get('page'))).toEqual(['1', '2', '3'])
    expect(pages.every((r) => new URLSearchParams(r.query).get('limit') === '100')).toBe(true)
    expect(progress.at(-1)).toEqual({ loaded: 250, total: 250 })
    for (const server of servers) {
      expect(server.key).toBe(`${ctx.accountId}:${server.id}`)
      expect(server.provider).toBe('elizon')
      expect(['VPS', 'GAMESERVER']).toContain(server.kind)
      expect(server.status).not.toBe(undefined)
    }
  })

  it('maps the simulator’s services field by field', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 30 })
    const account = first(s.accounts)
    const servers = await adapter.listServers(ctxFor(s, account))
    const truth = s.state.account(account.id).services
    expect(servers).toHaveLength(truth.length)
    for (const t of truth) {
      const server = servers.find((x) => x.id === t.id)
      expect(server, t.id).toBeDefined()
      if (server === undefined) continue
      expect(server.label).toBe(t.name)
      // Variant mode sends a word no mapping knows (MIGRATING) where the base mode says ERROR.
      const word = statusWord(t.status, variantOn({}))
      expect(server.statusText).toBe(word)
      expect(server.kind).toBe(t.type === 'PROXMOX' ? 'VPS' : 'GAMESERVER')
      expect(server.primaryIpv4).toBe(t.ip)
      expect(server.primaryIpv6).toBe(t.ipv6)
      expect(server.location).toBe(t.location?.name ?? null)
      expect([server.vcpu, server.ramMb, server.diskGb]).toEqual([t.resources.cpu, t.resources.ramMb, t.resources.diskGb])
      expect(server.monthlyPriceCents).toBe(t.price.cycleDays >= 28 && t.price.cycleDays <= 31 ? t.price.amountCents : null)
      expect(server.power).toBe(t.status === 'RUNNING' ? 'running' : t.status === 'STOPPED' ? 'stopped' : 'unknown')
      expect(server.powerText ?? null).toBe(word === VARIANT_UNKNOWN_STATUS ? word : null)
    }
  })

  it('retries a 5xx and then succeeds', async () => {
    const s = await sim()
    s.inject({ kind: '5xx', times: 2, path: SERVICES_PATH })
    expect(await adapter.listServers(ctxFor(s, first(s.accounts)))).toHaveLength(6)
    expect(s.requests.filter((r) => r.path === SERVICES_PATH).map((r) => r.status)).toEqual([500, 500, 200])
  })

  it('waits out a 429 and then succeeds', async () => {
    const s = await sim()
    s.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 1, path: SERVICES_PATH })
    const started = Date.now()
    expect(await adapter.listServers(ctxFor(s, first(s.accounts)))).toHaveLength(6)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(s.requests.filter((r) => r.path === SERVICES_PATH).map((r) => r.status)).toEqual([429, 200])
  })

  it('a 429 asking for longer than the client will wait fails with rate-limited', async () => {
    const s = await sim()
    s.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 600, path: SERVICES_PATH })
    const e = await failure(adapter.listServers(ctxFor(s, first(s.accounts))))
    expect(e).toMatchObject({ code: 'rate-limited', retryAfterSec: 600 })
  })

  it('stays under the simulator’s rate limit by holding until X-RateLimit-Reset', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 500, rateLimit: { limit: 3, windowMs: 800 } })
    const servers = await adapter.listServers(ctxFor(s, first(s.accounts)))
    expect(servers).toHaveLength(500)
    const statuses = s.requests.filter((r) => r.path === SERVICES_PATH).map((r) => r.status)
    expect(statuses).toEqual([200, 200, 200, 200, 200])
  })

  it('malformed JSON → invalid-response', async () => {
    const s = await sim()
    s.inject({ kind: 'malformed-json', times: 1, path: SERVICES_PATH })
    const e = await failure(adapter.listServers(ctxFor(s, first(s.accounts))))
    expect(e.code).toBe('invalid-response')
  })

  it('an HTML proxy error page that persists → upstream naming the HTML page', async () => {
    const s = await sim()
    s.inject({ kind: 'html', times: Infinity, path: SERVICES_PATH })
    const e = await failure(adapter.listServers(ctxFor(s, first(s.accounts))))
    expect(e.code).toBe('upstream')
    expect(e.message).toMatch(/HTML error page/)
  })

  it('a revoked key → auth-rejected, without the key in the message', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.expireCredential(account.id)
    const e = await failure(adapter.listServers(ctxFor(s, account)))
    expect(e.code).toBe('auth-rejected')
    expect(e.message).not.toContain(account.credential)
  })
})

describe('elizon verify', () => {
  it('signed-in with the server count from pagination.total, asking for one item', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 17 })
    const v = await adapter.verify(ctxFor(s, first(s.accounts)))
    expect(v).toMatchObject({ outcome: 'signed-in', ok: true, serverCount: 17 })
    const q = new URLSearchParams(s.requests.at(-1)?.query ?? '')
    expect([q.get('page'), q.get('limit')]).toEqual(['1', '1'])
  })

  it('api-key-rejected for a revoked key', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.expireCredential(account.id)
    expect(await adapter.verify(ctxFor(s, account))).toMatchObject({ outcome: 'api-key-rejected', ok: false })
  })

  it('api-key-rejected for a key the provider never issued', async () => {
    const s = await sim()
    expect(await adapter.verify(ctxFor(s, { id: 'stranger', credential: 'ek_not_a_real_key' }))).toMatchObject({
      outcome: 'api-key-rejected'
    })
  })

  it('rate-limited with retryAfterSec, without waiting', async () => {
    const s = await sim()
    s.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 45, path: SERVICES_PATH })
    expect(await adapter.verify(ctxFor(s, first(s.accounts)))).toMatchObject({ outcome: 'rate-limited', retryAfterSec: 45 })
  })

  it('unreachable against a closed port', async () => {
    const port = await closedPort()
    const v = await adapter.verify(ctxFor({ url: `http://127.0.0.1:${port}/api` }, { id: 'x', credential: 'ek_key' }))
    expect(v).toMatchObject({ outcome: 'unreachable', ok: false })
  })

  it('provider-error when 5xx persists', async () => {
    const s = await sim()
    s.inject({ kind: '5xx', times: Infinity, path: SERVICES_PATH })
    expect(await adapter.verify(ctxFor(s, first(s.accounts)))).toMatchObject({ outcome: 'provider-error', ok: false })
  })
})

