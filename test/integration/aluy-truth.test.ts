// aluy as its reference describes it, over real HTTP against the simulator's
// fault modes (issue 11): a newest-first list that shifts while it is paged,
// a session that expires in the middle of a refresh (or of a background call),
// and an account whose first refresh loses its session after listing.
// Request counts are asserted, not just outcomes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src-main/core/http/fetch-http-client'
import { getAdapter } from '../../src-main/core/providers/registry'
import type { Account, AccountHealth } from '../../src-main/shared/domain'
import { startAluySimulator, type AluySimulator } from '../simulators/index'
import { ctxFor, first } from '../support/adapter-context'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addAccount, refreshAll, requestsSince, servers, until } from './fleet-support'

const adapter = getAdapter('aluy')
const SERVICES_PATH = '/api/reseller/v1/services'
const STATUS_PATH = /^\/api\/reseller\/v1\/services\/[^/]+\/status$/
const variant = process.env['FLOTILLA_SIM_VARIANT'] === '1'

describe('aluy /services shifting while it is paged (newest first)', () => {
  let sim: AluySimulator
  beforeAll(async () => {
    sim = await startAluySimulator({ seed: 31, accounts: 1, serversPerAccount: 250, variant })
  })
  afterAll(() => sim.close())
  afterEach(() => sim.clearFaults())

  async function listAndCount(): Promise<{ ids: string[]; pages: string[] }> {
    const since = requestsSince(sim)
    const account = first(sim.accounts)
    const listed = await adapter.listServers(ctxFor(sim, account), undefined, { liveStatus: false })
    const pages = since()
      .filter((r) => r.path === SERVICES_PATH)
      .map((r) => new URLSearchParams(r.query).get('offset') ?? '')
    return { ids: listed.map((s) => s.id), pages }
  }

  const truth = (): string[] => sim.state.servicesOf(first(sim.accounts).id).map((s) => s.id)

  it('a service created between two pages is listed after one refresh, once; the list is read again once', async () => {
    sim.inject({ kind: 'shift-list', shift: { insert: 1 }, path: SERVICES_PATH, method: 'GET', skip: 1 })
    const { ids, pages } = await listAndCount()
    expect(ids).toEqual(truth())
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(251)
    // One pass of three pages whose totals disagree (250 → 251), then one clean pass.
    expect(pages).toEqual(['0', '100', '200', '0', '100', '200'])
  })

  it('a service deleted between two pages loses no other row', async () => {
    sim.inject({ kind: 'shift-list', shift: { remove: 1 }, path: SERVICES_PATH, method: 'GET', skip: 2 })
    const { ids, pages } = await listAndCount()
    expect(ids).toEqual(truth())
    expect(new Set(ids).size).toBe(ids.length)
    expect(pages).toEqual(['0', '100', '200', '0', '100', '200'])
  })

  it('a list that keeps moving is read at most three times', async () => {
    sim.inject({ kind: 'shift-list', shift: { insert: 1 }, path: SERVICES_PATH, method: 'GET', skip: 1, times: 10 })
    const { ids, pages } = await listAndCount()
    expect(pages.filter((p) => p === '0')).toHaveLength(3)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('a steady list costs one pass', async () => {
    const { ids, pages } = await listAndCount()
    expect(ids).toEqual(truth())
    expect(pages).toEqual(['0', '100', '200'])
  })
})

describe('aluy session lost in the middle of work', () => {
  let sim: AluySimulator
  let fx: CoreFixture
  beforeAll(async () => {
    sim = await startAluySimulator({ seed: 32, accounts: 3, serversPerAccount: 60, variant })
  })
  afterAll(() => sim.close())
  afterEach(async () => {
    sim.clearFaults()
    await fx?.cleanup()
  })

  async function healthOf(account: Account): Promise<AccountHealth | undefined> {
    const all = unwrap(await fx.dispatch('accounts.health', undefined)) as AccountHealth[]
    return all.find((h) => h.accountId === account.id)
  }

  function activeVpsCount(index: number): number {
    return sim.state.servicesOf(sim.accounts[index]!.id).filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId !== null).length
  }

  it('the first 403 during live status stops that account within a handful of requests; the other account carries on', async () => {
    fx = await makeCoreFixture()
    const lost = await addAccount(fx, sim, 0)
    const other = await addAccount(fx, sim, 1)
    await refreshAll(fx)
    expect(activeVpsCount(0)).toBeGreaterThan(30)
    const since = requestsSince(sim)
    const lostSim = sim.accounts[0]!.id
    sim.inject({ kind: 'expire-session', path: STATUS_PATH, accountId: lostSim, skip: 5 })
    await refreshAll(fx)

    const mine = since().filter((r) => r.accountId === lostSim)
    const firstRefused = mine.findIndex((r) => r.status === 403)
    expect(firstRefused).toBeGreaterThan(0)
    // Only what was already in flight (the HTTP client's per-account cap) may follow the first 403.
    expect(mine.length - firstRefused - 1).toBeLessThanOrEqual(5)
    expect((await healthOf(lost))?.state).toBe('needs-sign-in')

    const theirs = since().filter((r) => r.accountId === sim.accounts[1]!.id && STATUS_PATH.test(r.path))
    expect(theirs).toHaveLength(activeVpsCount(1))
    expect((await healthOf(other))?.state).toBe('ok')
    expect((await servers(fx)).filter((s) => s.accountId === other.id)).toHaveLength(60)
  })

  it('a 403 on the background location lookup marks the account for re-sign-in', async () => {
    fx = await makeCoreFixture({ learnFacts: true })
    const lostSim = sim.accounts[2]!.id
    sim.inject({ kind: 'expire-session', path: '/api/reseller/v1/vm-config', accountId: lostSim })
    const account = await addAccount(fx, sim, 2)
    await refreshAll(fx)
    await until(() => sim.state.account(lostSim).sessionExpired, 'the lookup to be refused')
    let state: string | undefined
    await until(() => {
      void healthOf(account).then((h) => (state = h?.state))
      return state === 'needs-sign-in'
    }, 'the account to need a new sign-in')
    // Nothing more was asked with the dead session after the lookup's 403 (one detail call may have been in flight).
    const refused = sim.requests.filter((r) => r.accountId === lostSim && r.status === 403)
    expect(refused.length).toBeLessThanOrEqual(2)
  })

  it('an account whose session expires during its first refresh keeps the rows it listed, stale, and asks for sign-in', async () => {
    const fresh = sim.addAccount({ servers: 40 })
    fx = await makeCoreFixture()
    sim.inject({ kind: 'expire-session', path: STATUS_PATH, accountId: fresh.id, skip: 2 })
    const account = await addAccount(fx, sim, sim.accounts.indexOf(fresh))
    await refreshAll(fx)
    const rows = (await servers(fx)).filter((s) => s.accountId === account.id)
    expect(rows.map((s) => s.id).sort()).toEqual(sim.state.servicesOf(fresh.id).map((s) => s.id).sort())
    const health = await healthOf(account)
    expect(health?.state).toBe('needs-sign-in')
    // Stale: the rows are as of the listing, which the account's "last updated" says.
    expect(health?.lastUpdatedAt).toBeDefined()
  })
})

describe('aluy server detail while live status fails (issue 11.9)', () => {
  it('answers at once with what it has; the 5xx is not retried for 14 s', async () => {
    const sim = await startAluySimulator({ seed: 33, accounts: 1, serversPerAccount: 8, variant })
    try {
      const account = first(sim.accounts)
      const vps = sim.state.servicesOf(account.id).find((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId !== null)!
      // The real client's default retry ladder (2 s, 4 s, 8 s).
      const ctx = { ...ctxFor(sim, account), http: createHttpClient({ timeoutMs: 3000 }) }
      const listed = (await adapter.listServers(ctx, undefined, { liveStatus: false })).find((s) => s.id === vps.id)!
      sim.inject({ kind: '5xx', path: `/api/reseller/v1/services/${vps.id}/status`, times: 4 })
      const since = requestsSince(sim)
      const started = performance.now()
      const detail = await adapter.servers!.detail(ctx, listed)
      expect(performance.now() - started).toBeLessThan(1500)
      expect(detail.live).toBeNull()
      expect(detail.server.label).toBe(vps.label)
      expect(since().filter((r) => r.path.endsWith('/status'))).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })
})
