// Live fleet status through main's real core and the simulators over HTTP:
// deltas with only what changed, visible rows first, per-account health, the
// HTTP client's retry and rate-limit rules as the live loop meets them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LiveState } from '../../src-main/shared/contracts/fleet'
import type { Account, AccountHealth } from '../../src-main/shared/domain'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'
import { addAccount, collectEvents, keyOf, refreshAll, requestsSince, servers, type EventLog } from './fleet-support'

let sims: SimulatorPair
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let events: EventLog
let aluyAcc: Account
let aluyAcc2: Account
let elizonAcc: Account

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 11, accounts: 2, serversPerAccount: 12 }, { seed: 11, accounts: 1, serversPerAccount: 60 })
  aluy = sims.aluy
  elizon = sims.elizon
})
afterAll(() => sims?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
  events = collectEvents(fx)
  aluyAcc = await addAccount(fx, aluy, 0)
  aluyAcc2 = await addAccount(fx, aluy, 1)
  elizonAcc = await addAccount(fx, elizon, 0)
  await refreshAll(fx)
  events.deltas.length = 0
})
afterEach(async () => {
  sims.clearFaults()
  for (const a of aluy.accounts) aluy.state.account(a.id).sessionExpired = false
  await fx.cleanup()
})

const tick = async (): Promise<LiveState> => unwrap(await fx.dispatch('fleet.tick', undefined)) as LiveState
const health = async (): Promise<AccountHealth[]> => unwrap(await fx.dispatch('accounts.health', undefined)) as AccountHealth[]

function runningAluyVps(index: number) {
  return aluy.state.servicesOf(aluy.accounts[index]!.id).filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.power === 'running' && s.externalId)
}

describe('live status', () => {
  it('fills in aluy power and addresses from /status and elizon power from status-batch', async () => {
    const all = await servers(fx)
    const vps = runningAluyVps(0)[0]!
    const row = all.find((s) => s.key === keyOf(aluyAcc, vps.id))!
    expect(row.power).toBe('running')
    expect(row.primaryIpv4).toBe(vps.ipv4)
    const batches = elizon.requests.filter((r) => r.path === '/api/services/status-batch')
    expect(batches.length).toBeGreaterThan(0)
    // 60 services, most of them running or stopped: more than one batch of ≤ 50.
    const active = elizon.state.servicesOf(elizon.accounts[0]!.id).filter((s) => s.status === 'RUNNING' || s.status === 'STOPPED')
    expect(active.length).toBeGreaterThan(50)
    expect(batches.length).toBeGreaterThanOrEqual(2)
  })

  it('pushes only the servers that changed as a delta, with their transitions', async () => {
    const vps = runningAluyVps(0)[0]!
    vps.power = 'stopped'
    const ez = elizon.state.servicesOf(elizon.accounts[0]!.id).find((s) => s.status === 'STOPPED')!
    ez.status = 'RUNNING'
    ez.startedAtMs = Date.now()

    await tick()

    const upserted = events.deltas.flatMap((d) => d.upserts.map((s) => s.key)).sort()
    expect(upserted).toEqual([keyOf(aluyAcc, vps.id), keyOf(elizonAcc, ez.id)].sort())
    expect(events.deltas.flatMap((d) => d.removedKeys)).toEqual([])
    const kinds = Object.fromEntries(events.deltas.flatMap((d) => d.transitions).map((t) => [t.key, t.kind]))
    expect(kinds).toEqual({ [keyOf(aluyAcc, vps.id)]: 'stopped', [keyOf(elizonAcc, ez.id)]: 'started' })

    events.deltas.length = 0
    await tick()
    expect(events.deltas).toEqual([])
  })

  it('pushes removed servers and new ones', async () => {
    const list = aluy.state.servicesOf(aluy.accounts[1]!.id)
    const gone = list[list.length - 1]!
    aluy.state.removeService(aluy.state.account(aluy.accounts[1]!.id), gone)
    await tick()
    expect(events.deltas.flatMap((d) => d.removedKeys)).toEqual([keyOf(aluyAcc2, gone.id)])
    expect(events.deltas.flatMap((d) => d.transitions).map((t) => t.kind)).toEqual(['removed'])
  })

  it('asks for the visible rows’ status before the rest', async () => {
    const vpsList = runningAluyVps(0)
    const last = vpsList[vpsList.length - 1]!
    unwrap(await fx.dispatch('fleet.setVisible', { keys: [keyOf(aluyAcc, last.id)] }))
    const since = requestsSince(aluy)
    await tick()
    const statusCalls = since().filter((r) => r.path.endsWith('/status') && r.accountId === aluy.accounts[0]!.id)
    expect(statusCalls[0]!.path).toContain(last.id)
    // …and not twice in one tick.
    expect(statusCalls.filter((r) => r.path.includes(last.id))).toHaveLength(1)
  })

  it('runs on the interval the user sets, and pauses while the window is hidden', async () => {
    const off = unwrap(await fx.dispatch('fleet.setLive', { intervalSec: 0 })) as LiveState
    expect(off.nextTickAt).toBeNull()
    const on = unwrap(await fx.dispatch('fleet.setLive', { intervalSec: 5, windowVisible: true })) as LiveState
    expect(on.intervalSec).toBe(5)
    expect(on.nextTickAt).not.toBeNull()
    const hidden = unwrap(await fx.dispatch('fleet.setLive', { windowVisible: false })) as LiveState
    expect(hidden.nextTickAt).toBeNull()
    // The interval is remembered across a restart.
    await fx.restart()
    expect((unwrap(await fx.dispatch('fleet.getLive', undefined)) as LiveState).intervalSec).toBe(5)
    const bad = await fx.dispatch('fleet.setLive', { intervalSec: 2 })
    expect(bad.ok).toBe(false)
  })
})

describe('per-account health during live refresh', () => {
  it('an expired aluy session marks only that account, keeps its servers, and re-sign-in brings it back', async () => {
    const before = (await servers(fx)).filter((s) => s.accountId === aluyAcc.id)
    aluy.expireCredential(aluy.accounts[0]!.id)
    await tick()
    const states = Object.fromEntries((await health()).map((h) => [h.accountId, h.state]))
    expect(states).toEqual({ [aluyAcc.id]: 'needs-sign-in', [aluyAcc2.id]: 'ok', [elizonAcc.id]: 'ok' })
    expect((await servers(fx)).filter((s) => s.accountId === aluyAcc.id)).toEqual(before)

    // The user signs in again and pastes the cookie: the account is checked, stored and refreshed.
    aluy.state.account(aluy.accounts[0]!.id).sessionExpired = false
    unwrap(await fx.dispatch('accounts.update', { id: aluyAcc.id, credential: aluy.accounts[0]!.credential }))
    await fx.dispatch('fleet.refresh', { accountIds: [aluyAcc.id] })
    expect((await health()).find((h) => h.accountId === aluyAcc.id)?.state).toBe('ok')
  })

  it('waits out elizon’s 429 retryAfter during the status batch', async () => {
    elizon.inject({ kind: 'rate-limit', retryAfterSec: 1, path: '/api/services/status-batch', times: 1 })
    const since = requestsSince(elizon)
    await tick()
    const batches = since().filter((r) => r.path === '/api/services/status-batch')
    expect(batches[0]!.status).toBe(429)
    // Two chunks of ≤ 50 went out together; the refused one was sent again once retryAfter had passed.
    expect(batches.map((r) => r.status)).toEqual([429, 200, 200])
    expect(batches[2]!.at - batches[0]!.at).toBeGreaterThanOrEqual(900)
    expect((await health()).find((h) => h.accountId === elizonAcc.id)?.state).toBe('ok')
  })

  it('a 429 on the list that lasts too long shows rate-limited with a retry time, others stay ok', async () => {
    elizon.inject({ kind: 'rate-limit', retryAfterSec: 600, path: '/api/services', times: 1 })
    await tick()
    const h = (await health()).find((x) => x.accountId === elizonAcc.id)!
    expect(h.state).toBe('rate-limited')
    expect(Date.parse(h.retryAt!)).toBeGreaterThan(Date.now() + 500_000)
    expect((await health()).filter((x) => x.accountId !== elizonAcc.id).every((x) => x.state === 'ok')).toBe(true)
  })

  it('retries a 5xx on the list GET per the rules and ends ok', async () => {
    aluy.inject({ kind: '5xx', times: 2, path: '/api/reseller/v1/services', method: 'GET' })
    const since = requestsSince(aluy)
    await tick()
    const lists = since().filter((r) => r.path === '/api/reseller/v1/services')
    expect(lists.map((r) => r.status).slice(0, 3)).toEqual([502, 502, 200])
    expect((await health()).every((h) => h.state === 'ok')).toBe(true)
  })

  it('one server whose /status fails keeps its last live values (no delta for it)', async () => {
    const vps = runningAluyVps(0)[0]!
    aluy.inject({ kind: '5xx', times: 1, path: `/api/reseller/v1/services/${vps.id}/status` })
    await tick()
    expect(events.deltas.flatMap((d) => d.upserts.map((s) => s.key))).not.toContain(keyOf(aluyAcc, vps.id))
    expect((await servers(fx)).find((s) => s.key === keyOf(aluyAcc, vps.id))?.power).toBe('running')
  })
})
