// Issue 16, planted bug 7: the transitions a desktop notification is made from
// are produced by main's real core from what the provider reports. Servers
// change at the aluy simulator — one finishes provisioning, one's provisioning
// fails, one is suspended, one comes back — and the live tick's delta must carry
// exactly those transitions (and none for a server seen for the first time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveState, ServerTransition } from '../../src-main/shared/contracts/fleet'
import type { Account } from '../../src-main/shared/domain'
import { startAluySimulator, type AluyService, type AluySimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addAccount, collectEvents, keyOf, refreshAll, type EventLog } from './fleet-support'

let aluy: AluySimulator
let fx: CoreFixture
let events: EventLog
let account: Account

beforeAll(async () => {
  aluy = await startAluySimulator({ seed: 164, accounts: 1, serversPerAccount: 4, invoicesPerAccount: 1 })
  fx = await makeCoreFixture()
  events = collectEvents(fx)
  account = await addAccount(fx, aluy, 0)
})
afterAll(async () => {
  await fx.cleanup()
  await aluy.close()
})

const simAccount = () => aluy.state.account(aluy.accounts[0]!.id)
const tick = async () => unwrap(await fx.dispatch('fleet.tick', undefined)) as LiveState

function newPendingVps(label: string): AluyService {
  const spec = { vmType: 'custom' as const, vmLocation: 'de-fra', cpuCores: 2, ramGb: 4, ssdGb: 60 }
  return aluy.state.addService(simAccount(), { kind: 'VPS', status: 'PENDING', label, period: 'HOURLY', spec, monthlyPriceCents: 2000, createdAtMs: Date.now() }, true)
}

function transitionsSince(mark: number): ServerTransition[] {
  return events.deltas.slice(mark).flatMap((d) => d.transitions)
}

describe('transitions from the provider’s own changes', () => {
  it('provisioning → active is "provisioned", → provision issue is "provision-failed", active → suspended is "suspended"', async () => {
    const ok = newPendingVps('prov-ok')
    const bad = newPendingVps('prov-bad')
    await refreshAll(fx)
    // First sightings are no news.
    expect(transitionsSince(0).filter((t) => t.key === keyOf(account, ok.id) || t.key === keyOf(account, bad.id))).toEqual([])
    const active = simAccount().services.find((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s !== ok && s !== bad)!

    const mark = events.deltas.length
    aluy.state.provision(ok)
    bad.provisionIssue = true
    active.status = 'SUSPENDED'
    await tick()

    const byKey = new Map(transitionsSince(mark).map((t) => [t.key, t]))
    expect(byKey.get(keyOf(account, ok.id))).toMatchObject({ kind: 'provisioned', label: 'prov-ok', from: { status: 'pending' }, to: { status: 'active' } })
    expect(byKey.get(keyOf(account, bad.id))).toMatchObject({ kind: 'provision-failed', label: 'prov-bad' })
    expect(byKey.get(keyOf(account, active.id))).toMatchObject({ kind: 'suspended', from: { status: 'active' }, to: { status: 'suspended' } })
    expect(byKey.size).toBe(3)

    // And back: suspended → active is "unsuspended"; a tick with no change carries nothing.
    const mark2 = events.deltas.length
    active.status = 'ACTIVE'
    await tick()
    expect(transitionsSince(mark2).map((t) => [t.key, t.kind])).toEqual([[keyOf(account, active.id), 'unsuspended']])
    const mark3 = events.deltas.length
    await tick()
    expect(transitionsSince(mark3)).toEqual([])
  })
})
