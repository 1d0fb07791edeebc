// The aluy adapter over real HTTP against the aluy simulator: paging, live
// status, verify outcomes, retries and broken bodies. Short retry delays keep it
// fast; the 2 s / 4 s / 8 s default schedule is asserted in the client's unit test.
import { afterEach, describe, expect, it } from 'vitest'
import type { ListProgress } from '../../src-main/core/providers/provider-adapter'
import { ALUY_SIGN_IN_AGAIN } from '../../src-main/core/providers/aluy/aluy-errors'
import { getAdapter } from '../../src-main/core/providers/registry'
import { startAluySimulator } from '../simulators/index'
import { closedPort, ctxFor, failure, first } from '../support/adapter-context'

const adapter = getAdapter('aluy')
type Sim = Awaited<ReturnType<typeof startAluySimulator>>
const sims: Sim[] = []

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function sim(opts: Parameters<typeof startAluySimulator>[0] = {}): Promise<Sim> {
  const s = await startAluySimulator({ seed: 11, accounts: 2, serversPerAccount: 6, ...opts })
  sims.push(s)
  return s
}

const SERVICES_PATH = '/api/reseller/v1/services'

describe('aluy listServers', () => {
  it('loads every page of 250 services (limit/offset) and normalises them', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 250 })
    const account = first(s.accounts)
    const progress: ListProgress[] = []
    const ctx = ctxFor(s, account)
    const servers = await adapter.listServers(ctx, (p) => progress.push(p))

    expect(servers).toHaveLength(250)
    expect(new Set(servers.map((x) => x.key)).size).toBe(250)
    const pages = s.requests.filter((r) => r.path === SERVICES_PATH)
    expect(pages.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '100', '200'])
    expect(pages.every((r) => new URLSearchParams(r.query).get('limit') === '100')).toBe(true)
    expect(progress.at(-1)).toEqual({ loaded: 250, total: 250 })
    for (const server of servers) {
      expect(server.key).toBe(`${ctx.accountId}:${server.id}`)
      expect(server.provider).toBe('aluy')
    }
  })

  it('fetches live status for active provisioned VPSes only and maps it', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 40 })
    const account = first(s.accounts)
    const servers = await adapter.listServers(ctxFor(s, account))
    const truth = s.state.servicesOf(account.id)
    const live = truth.filter((t) => t.kind === 'VPS' && t.status === 'ACTIVE' && t.externalId !== null)
    expect(live.length).toBeGreaterThan(0)

    const statusCalls = s.requests.filter((r) => /\/services\/[^/]+\/status$/.test(r.path))
    expect(statusCalls.map((r) => r.path).sort()).toEqual(live.map((t) => `${SERVICES_PATH}/${t.id}/status`).sort())

    for (const t of truth) {
      const server = servers.find((x) => x.id === t.id)
      expect(server, t.id).toBeDefined()
      if (server === undefined) continue
      expect(server.label).toBe(t.label)
      expect(server.kind).toBe(t.kind)
      expect(server.statusText).toBe(t.status)
      expect(server.status).toBe(t.status.toLowerCase())
      expect(server.hourlyRateCents).toBe(t.subscriptionBillingPeriod === 'HOURLY' ? t.hourlyRateCents : null)
      if (live.includes(t)) {
        expect(server.power).toBe(t.power)
        expect(server.primaryIpv4).toBe(t.ipv4)
        expect(server.primaryIpv6).toBe(t.ipv6)
        expect(server.vcpu).toBe(t.metadata.cpuCores)
        expect(server.ramMb).toBe(t.metadata.ramGb * 1024)
      } else {
        expect(server.power).toBe('unknown')
      }
    }
  })

  it('a failing status call leaves that server’s power unknown instead of failing the list', async () => {
    const s = await sim({ accounts: 1, serversPerAccount: 40 })
    const account = first(s.accounts)
    const victim = s.state.servicesOf(account.id).find((t) => t.kind === 'VPS' && t.status === 'ACTIVE' && t.externalId !== null)
    if (victim === undefined) throw new Error('seed 11 should give an active VPS')
    s.inject({ kind: '5xx', status: 502, path: `${SERVICES_PATH}/${victim.id}/status`, times: Infinity })
    const servers = await adapter.listServers(ctxFor(s, account))
    const hit = servers.find((x) => x.id === victim.id)
    expect(hit?.power).toBe('unknown')
    expect(hit?.primaryIpv4).toBeNull()
    expect(servers.filter((x) => x.power === 'running' || x.power === 'stopped').length).toBeGreaterThan(0)
  })

  it('retries a 5xx on the list and then succeeds', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.inject({ kind: '5xx', times: 2, path: SERVICES_PATH })
    const servers = await adapter.listServers(ctxFor(s, account))
    expect(servers).toHaveLength(6)
    expect(s.requests.filter((r) => r.path === SERVICES_PATH).map((r) => r.status)).toEqual([502, 502, 200])
  })

  it('a dropped connection is retried too', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.inject({ kind: 'reset', times: 1, path: SERVICES_PATH })
    expect(await adapter.listServers(ctxFor(s, account))).toHaveLength(6)
  })

  it('an HTML proxy error page that persists → upstream naming the HTML page', async () => {
    const s = await sim()
    s.inject({ kind: 'html', times: Infinity, path: SERVICES_PATH })
    const e = await failure(adapter.listServers(ctxFor(s, first(s.accounts))))
    expect(e.code).toBe('upstream')
    expect(e.status).toBe(502)
    expect(e.message).toMatch(/HTML error page/)
  })

  it('malformed JSON → invalid-response', async () => {
    const s = await sim()
    s.inject({ kind: 'malformed-json', times: 1, path: SERVICES_PATH })
    const e = await failure(adapter.listServers(ctxFor(s, first(s.accounts))))
    expect(e.code).toBe('invalid-response')
    expect(e.message).toMatch(/malformed JSON/)
  })

  it('an expired session → auth-expired with the sign-in-again message', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.expireCredential(account.id)
    const e = await failure(adapter.listServers(ctxFor(s, account)))
    expect(e.code).toBe('auth-expired')
    expect(e.message).toBe(ALUY_SIGN_IN_AGAIN)
    expect(e.message).not.toContain(account.credential)
  })
})

describe('aluy verify', () => {
  it('signed-in with balance and billing mode', async () => {
    const s = await sim()
    const account = first(s.accounts)
    const truth = s.state.account(account.id)
    const v = await adapter.verify(ctxFor(s, account))
    expect(v).toMatchObject({ outcome: 'signed-in', ok: true, balanceCents: truth.balanceCents, billingMode: truth.billingMode })
  })

  it('session-expired when the cookie no longer signs in', async () => {
    const s = await sim()
    const account = first(s.accounts)
    s.expireCredential(account.id)
    expect(await adapter.verify(ctxFor(s, account))).toMatchObject({ outcome: 'session-expired', ok: false })
  })

  it('session-expired for a token the provider never issued', async () => {
    const s = await sim()
    const v = await adapter.verify(ctxFor(s, { id: 'stranger', credential: 'eyJub3RhcmVhbHRva2Vu.aaaaaaaaaaaaaaaa' }))
    expect(v.outcome).toBe('session-expired')
  })

  it('not-reseller when signed in without the reseller flag', async () => {
    const s = await sim()
    const plain = s.addAccount({ reseller: false })
    expect(await adapter.verify(ctxFor(s, plain))).toMatchObject({ outcome: 'not-reseller', ok: false })
  })

  it('unreachable against a closed port', async () => {
    const port = await closedPort()
    const v = await adapter.verify(ctxFor({ url: `http://127.0.0.1:${port}/api/reseller/v1` }, { id: 'x', credential: 'tokentokentokentoken' }))
    expect(v).toMatchObject({ outcome: 'unreachable', ok: false })
    expect(v.detail).toContain(`127.0.0.1:${port}`)
  })

  it('unreachable when the provider hangs past the timeout', async () => {
    const s = await sim()
    s.inject({ kind: 'hang', times: Infinity, path: '/api/reseller/v1/balance' })
    const v = await adapter.verify(ctxFor(s, first(s.accounts), { timeoutMs: 200, retryDelaysMs: [] }))
    expect(v).toMatchObject({ outcome: 'unreachable', ok: false })
  })

  it('provider-error when 5xx persists', async () => {
    const s = await sim()
    s.inject({ kind: '5xx', times: Infinity, path: '/api/reseller/v1/balance' })
    expect(await adapter.verify(ctxFor(s, first(s.accounts)))).toMatchObject({ outcome: 'provider-error', ok: false })
  })

  it('invalid-response when the body is malformed', async () => {
    const s = await sim()
    s.inject({ kind: 'malformed-json', times: 1, path: '/api/reseller/v1/balance' })
    expect(await adapter.verify(ctxFor(s, first(s.accounts)))).toMatchObject({ outcome: 'invalid-response', ok: false })
  })
})

