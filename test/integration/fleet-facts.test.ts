// What a provider's list leaves out, learnt in the background through main's
// real core and the aluy simulator over HTTP: aluy lists no location, so each
// server's detail is read once and its location id named as /vm-config names it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Account, Server } from '../../src-main/shared/domain'
import type { AluySimulator } from '../simulators/index'
import { LOCATIONS } from '../simulators/aluy/model'
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'
import { addAccount, collectEvents, keyOf, refreshAll, requestsSince, servers, type EventLog } from './fleet-support'

let sims: SimulatorPair
let aluy: AluySimulator
let fx: CoreFixture
let events: EventLog
let account: Account
/** The simulator's requests since this test began. */
let sinceStart: () => AluySimulator['requests']

const DETAIL_PATH = /^\/api\/reseller\/v1\/services\/[^/]+$/

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 23, accounts: 1, serversPerAccount: 25 }, { seed: 23, accounts: 1, serversPerAccount: 3 })
  aluy = sims.aluy
})
afterAll(() => sims?.close())
beforeEach(async () => {
  sinceStart = requestsSince(aluy)
  fx = await makeCoreFixture({ learnFacts: true })
  events = collectEvents(fx)
  account = await addAccount(fx, aluy, 0)
})
afterEach(async () => {
  sims.clearFaults()
  await fx.cleanup()
})

/** The location label the simulator's data implies for each of the account's services. */
function expectedLocations(): Map<string, string> {
  const names = new Map<string, string>(LOCATIONS.map((l) => [l.id, l.label]))
  return new Map(aluy.state.servicesOf(aluy.accounts[0]!.id).map((s) => [keyOf(account, s.id), names.get(s.metadata.vmLocation)!]))
}

async function aluyRows(): Promise<Server[]> {
  return (await servers(fx)).filter((s) => s.accountId === account.id)
}

async function allLocated(): Promise<Server[]> {
  let rows: Server[] = []
  await vi.waitFor(
    async () => {
      rows = await aluyRows()
      expect(rows.length).toBe(25)
      expect(rows.filter((r) => r.location === null)).toEqual([])
    },
    { timeout: 10_000, interval: 50 }
  )
  return rows
}

describe('aluy locations', () => {
  it('fills in every server’s location from its detail, named as /vm-config names it, and pushes it as a delta', async () => {
    const rows = await allLocated()
    const expected = expectedLocations()
    for (const row of rows) expect(row.location).toBe(expected.get(row.key))
    const pushed = events.deltas.flatMap((d) => d.upserts).filter((s) => s.location !== null)
    expect(pushed.length).toBeGreaterThan(0)
    // One /vm-config for the names of the whole pass, however many servers.
    expect(sinceStart().filter((r) => r.path === '/api/reseller/v1/vm-config')).toHaveLength(1)
  })

  it('reads each detail once: later refreshes keep the locations without asking again', async () => {
    await allLocated()
    const since = requestsSince(aluy)
    await refreshAll(fx)
    const rows = await aluyRows()
    expect(rows.filter((r) => r.location === null)).toEqual([])
    // The only details read are the live status of pending servers (to learn whether provisioning failed).
    const pending = aluy.state.servicesOf(aluy.accounts[0]!.id).filter((s) => s.status === 'PENDING' && s.kind === 'VPS')
    const details = since().filter((r) => r.method === 'GET' && DETAIL_PATH.test(r.path))
    expect(details.map((r) => r.path.split('/').pop()).sort()).toEqual(pending.map((s) => s.id).sort())
  })

  it('keeps learnt locations in the cache, so they show after a restart with the provider gone', async () => {
    const before = await allLocated()
    await vi.waitFor(async () => {
      // The cache is written once the last chunk is in.
      await fx.restart()
      const cached = await aluyRows()
      expect(cached.map((r) => [r.key, r.location]).sort()).toEqual(before.map((r) => [r.key, r.location]).sort())
    })
  })

  it('leaves a server whose detail fails without a location and fills in the others', async () => {
    const victim = aluy.state.servicesOf(aluy.accounts[0]!.id)[3]!
    // A fresh core over an empty cache, with one detail failing from the start.
    aluy.inject({ kind: '5xx', path: `/api/reseller/v1/services/${victim.id}`, method: 'GET', times: Infinity })
    await fx.cleanup()
    fx = await makeCoreFixture({ learnFacts: true })
    account = await addAccount(fx, aluy, 0)
    const expected = expectedLocations()
    await vi.waitFor(
      async () => {
        const rows = await aluyRows()
        expect(rows.filter((r) => r.location !== null)).toHaveLength(24)
      },
      { timeout: 10_000, interval: 50 }
    )
    const rows = await aluyRows()
    expect(rows.find((r) => r.key === keyOf(account, victim.id))?.location).toBeNull()
    for (const row of rows.filter((r) => r.key !== keyOf(account, victim.id))) expect(row.location).toBe(expected.get(row.key))
  })

  it('asks again on the next refresh when a lost session stopped the pass', async () => {
    await fx.cleanup()
    aluy.inject({ kind: '5xx', status: 403, path: '/api/reseller/v1/vm-config', times: 1 })
    fx = await makeCoreFixture({ learnFacts: true })
    account = await addAccount(fx, aluy, 0)
    await vi.waitFor(() => expect(aluy.requests.some((r) => r.path === '/api/reseller/v1/vm-config' && r.status === 403)).toBe(true))
    await vi.waitFor(
      async () => {
        await refreshAll(fx)
        expect((await aluyRows()).filter((r) => r.location === null)).toEqual([])
      },
      { timeout: 10_000, interval: 100 }
    )
  })

  it('names a location /vm-config no longer offers by its id', async () => {
    const service = aluy.state.servicesOf(aluy.accounts[0]!.id)[0]!
    const original = service.metadata.vmLocation
    service.metadata.vmLocation = 'sg-sin'
    try {
      await fx.cleanup()
      fx = await makeCoreFixture({ learnFacts: true })
      account = await addAccount(fx, aluy, 0)
      const rows = await allLocated()
      expect(rows.find((r) => r.key === keyOf(account, service.id))?.location).toBe('sg-sin')
    } finally {
      service.metadata.vmLocation = original
    }
  })
})
