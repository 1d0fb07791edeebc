// Server detail and every action through main's real core against the
// simulators over HTTP: the request each one sends (the simulator's log and
// state), their error paths in the API's own words, bulk jobs with a failure,
// the activity log and local meta across a restart.
import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ActivityEntry, JobProgress, ServerActionResult, ServerDetail, ServerMetaMap, ServerMetrics, UpgradeQuote } from '../../src-main/shared/contracts/fleet'
import type { Account } from '../../src-main/shared/domain'
import type { SerializedError } from '../../src-main/shared/errors'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'
import { addAccount, collectEvents, keyOf, refreshAll, requestsSince, servers, until, type EventLog } from './fleet-support'

let sims: SimulatorPair
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let events: EventLog
let aluyAcc: Account
let elizonAcc: Account

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 21, accounts: 1, serversPerAccount: 12 }, { seed: 21, accounts: 1, serversPerAccount: 12 })
  aluy = sims.aluy
  elizon = sims.elizon
})
afterAll(() => sims?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
  events = collectEvents(fx)
  aluyAcc = await addAccount(fx, aluy, 0)
  elizonAcc = await addAccount(fx, elizon, 0)
  await refreshAll(fx)
})
afterEach(async () => {
  sims.clearFaults()
  await fx.cleanup()
})

const aluyServices = () => aluy.state.servicesOf(aluy.accounts[0]!.id)
const elizonServices = () => elizon.state.servicesOf(elizon.accounts[0]!.id)
const liveAluyVps = () => aluyServices().filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId !== null)

async function act(input: Record<string, unknown>): Promise<ServerActionResult> {
  return unwrap(await fx.dispatch('servers.action', input)) as ServerActionResult
}
async function actFails(input: Record<string, unknown>): Promise<SerializedError> {
  const res = await fx.dispatch('servers.action', input)
  if (res.ok) throw new Error('expected the action to fail')
  return res.error
}

describe('aluy actions', () => {
  it('power actions POST /power and the row follows at once', async () => {
    const vps = liveAluyVps().find((s) => s.power === 'running')!
    const key = keyOf(aluyAcc, vps.id)
    for (const [action, power] of [['shutdown', 'stopped'], ['start', 'running'], ['stop', 'stopped'], ['restart', 'running']] as const) {
      const since = requestsSince(aluy)
      const result = await act({ key, action })
      expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/reseller/v1/services/${vps.id}/power`])
      expect(vps.power).toBe(power)
      expect(result.server?.power).toBe(power)
    }
  })

  it('renames, cancels and resumes, suspends and unsuspends', async () => {
    const vps = liveAluyVps()[0]!
    const key = keyOf(aluyAcc, vps.id)
    await act({ key, action: 'rename', params: { label: 'edge-renamed' } })
    expect(vps.label).toBe('edge-renamed')
    expect((await servers(fx)).find((s) => s.key === key)?.label).toBe('edge-renamed')
    await act({ key, action: 'cancel' })
    expect(vps.subscriptionCancelledAt).not.toBeNull()
    const detail = unwrap(await fx.dispatch('servers.detail', { key })) as ServerDetail
    expect(detail.actions).toContain('resume')
    expect(detail.actions).not.toContain('cancel')
    await act({ key, action: 'resume' })
    expect(vps.subscriptionCancelledAt).toBeNull()
    await act({ key, action: 'suspend' })
    expect(vps.status).toBe('SUSPENDED')
    expect((await servers(fx)).find((s) => s.key === key)?.status).toBe('suspended')
    await act({ key, action: 'unsuspend' })
    expect(vps.status).toBe('ACTIVE')
  })

  it('reinstalls only with the server’s name typed, from a template the API lists', async () => {
    const vps = liveAluyVps()[0]!
    const key = keyOf(aluyAcc, vps.id)
    const templates = unwrap(await fx.dispatch('servers.templates', { key })) as { id: string; label: string }[]
    expect(templates.map((t) => t.label)).toContain('Debian 12')
    const since = requestsSince(aluy)
    const wrong = await actFails({ key, action: 'reinstall', params: { templateId: templates[1]!.id, confirmName: 'nope' } })
    expect(wrong.code).toBe('validation')
    expect(since()).toEqual([])
    await act({ key, action: 'reinstall', params: { templateId: templates[1]!.id, hostname: 'web.example.com', confirmName: vps.label } })
    expect(since().map((r) => r.path)).toEqual([`/api/reseller/v1/services/${vps.id}/reinstall`])
    expect(vps.hostname).toBe('web.example.com')
  })

  it('resets the password: returned once, never in the log or the activity file', async () => {
    const vps = liveAluyVps()[0]!
    const result = await act({ key: keyOf(aluyAcc, vps.id), action: 'reset-password' })
    expect(result.password).toMatch(/.{8,}/)
    fx.logger.info('after reset', { echoed: result.password })
    await fx.logger.flush()
    const log = await readFile(fx.logFile, 'utf8')
    expect(log).not.toContain(result.password!)
    const activity = await readFile(join(fx.userDataDir, 'activity.jsonl'), 'utf8')
    expect(activity).toContain('reset-password')
    expect(activity).not.toContain(result.password!)
  })

  it('prices an upgrade from /vm-config and upgrades only to larger values', async () => {
    const vps = liveAluyVps()[0]!
    const key = keyOf(aluyAcc, vps.id)
    const quote = unwrap(await fx.dispatch('servers.upgradeQuote', { key })) as UpgradeQuote
    expect(quote.current.ramGb).toBe(vps.metadata.ramGb)
    expect(quote.pricing.ramPer1GbCents).toBe(200)
    expect(quote.limits.maxRamGb).toBe(64)
    const smaller = await actFails({ key, action: 'upgrade', params: { ramGb: 1 } })
    expect(smaller).toMatchObject({ code: 'bad-request', status: 400, message: 'Upgrade not available' })
    await act({ key, action: 'upgrade', params: { ramGb: vps.metadata.ramGb * 2 } })
    expect(vps.metadata.ramGb).toBe(quote.current.ramGb! * 2)
  })

  it('detail carries billing meters and the actions the server offers now', async () => {
    const vps = liveAluyVps().find((s) => s.power === 'running' && s.subscriptionBillingPeriod === 'HOURLY')!
    const d = unwrap(await fx.dispatch('servers.detail', { key: keyOf(aluyAcc, vps.id) })) as ServerDetail
    expect(d.billing.hourlyRateCents).toBe(vps.hourlyRateCents)
    expect(d.billing.billedRunningSeconds).toBe(vps.billedRunningSeconds)
    expect(d.billing.pendingInvoiceCents).toBe(vps.pendingInvoiceCents)
    expect(d.metadata.ramGb).toBe(vps.metadata.ramGb)
    expect(d.actions).toEqual(['shutdown', 'stop', 'restart', 'rename', 'cancel', 'suspend', 'reinstall', 'reset-password', 'upgrade'])
    expect(d.features).toEqual({ metrics: false, templates: true, upgradeQuote: true })
  })

  it('errors carry the API’s words: 409 suspend unprovisioned, 502 without a retry, validation before any request', async () => {
    const pending = aluyServices().find((s) => s.kind === 'VPS' && s.status === 'PENDING')!
    const conflict = await actFails({ key: keyOf(aluyAcc, pending.id), action: 'suspend' })
    expect(conflict).toMatchObject({ code: 'conflict', status: 409, message: 'Service not yet provisioned' })

    const vps = liveAluyVps()[0]!
    aluy.inject({ kind: '5xx', status: 502, path: `/api/reseller/v1/services/${vps.id}/suspend` })
    const since = requestsSince(aluy)
    const upstream = await actFails({ key: keyOf(aluyAcc, vps.id), action: 'suspend' })
    expect(upstream).toMatchObject({ code: 'upstream', status: 502, message: 'Upstream provider error' })
    expect(since().filter((r) => r.path.endsWith('/suspend'))).toHaveLength(1)

    const before = aluy.requests.length
    const bad = await fx.dispatch('servers.action', { key: keyOf(aluyAcc, vps.id), action: 'explode' })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.code).toBe('validation')
    expect(aluy.requests.length).toBe(before)
  })
})

describe('elizon actions', () => {
  it('power and suspension go through POST /action with elizon’s words', async () => {
    const svc = elizonServices().find((s) => s.status === 'RUNNING' && s.type === 'PROXMOX')!
    const key = keyOf(elizonAcc, svc.id)
    for (const [action, status] of [['stop', 'STOPPED'], ['start', 'RUNNING'], ['restart', 'RUNNING'], ['reset', 'RUNNING'], ['suspend', 'SUSPENDED'], ['unsuspend', 'RUNNING']] as const) {
      const since = requestsSince(elizon)
      const result = await act({ key, action })
      expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/services/${svc.id}/action`])
      expect(svc.status).toBe(status)
      expect(result.message).toMatch(/^Service /)
    }
  })

  it('a 400 for an action the state does not allow shows elizon’s message', async () => {
    const svc = elizonServices().find((s) => s.status === 'SUSPENDED')!
    const error = await actFails({ key: keyOf(elizonAcc, svc.id), action: 'start' })
    expect(error).toMatchObject({ code: 'bad-request', status: 400, message: 'Action "start" is not possible while the service is SUSPENDED' })
    const shutdown = await actFails({ key: keyOf(elizonAcc, svc.id), action: 'shutdown' })
    expect(shutdown.code).toBe('bad-request')
  })

  it('renames, cancels the subscription at period end and reactivates it, reinstalls', async () => {
    const svc = elizonServices().find((s) => s.status === 'RUNNING' && !s.cancelAtPeriodEnd)!
    const key = keyOf(elizonAcc, svc.id)
    await act({ key, action: 'rename', params: { label: 'db-renamed' } })
    expect(svc.name).toBe('db-renamed')
    await act({ key, action: 'subscription-cancel' })
    expect(svc.cancelAtPeriodEnd).toBe(true)
    expect(svc.status).toBe('RUNNING')
    const d = unwrap(await fx.dispatch('servers.detail', { key })) as ServerDetail
    expect(d.cancelAtPeriodEnd).toBe(true)
    expect(d.actions).toContain('subscription-reactivate')
    await act({ key, action: 'subscription-reactivate' })
    expect(svc.cancelAtPeriodEnd).toBe(false)
    const templates = unwrap(await fx.dispatch('servers.templates', { key })) as { id: string }[]
    const since = requestsSince(elizon)
    await act({ key, action: 'reinstall', params: { templateId: templates[0]!.id, confirmName: 'db-renamed' } })
    expect(since().map((r) => r.path)).toEqual([`/api/services/${svc.id}/reinstall`])
  })

  it('charts metrics for KVM servers', async () => {
    const svc = elizonServices().find((s) => s.status === 'RUNNING' && s.type === 'PROXMOX')!
    const m = unwrap(await fx.dispatch('servers.metrics', { key: keyOf(elizonAcc, svc.id), timeframe: 'day' })) as ServerMetrics
    expect(m.series.map((s) => s.id)).toEqual(['cpu', 'ram', 'net-in', 'net-out', 'disk-read', 'disk-write'])
    expect(m.series[0]!.points).toHaveLength(96)
    expect(m.bandwidth?.inBytes).toBeGreaterThanOrEqual(0)
    const game = elizonServices().find((s) => s.type === 'PTERODACTYL')!
    const res = await fx.dispatch('servers.metrics', { key: keyOf(elizonAcc, game.id), timeframe: 'day' })
    expect(res.ok).toBe(false)
  })
})

describe('bulk, activity and meta', () => {
  it('runs a bulk stop across providers, with per-item progress and the failure’s reason', async () => {
    const running = liveAluyVps().find((s) => s.power === 'running')!
    const suspended = aluyServices().find((s) => s.kind === 'VPS' && s.status === 'SUSPENDED' && s.externalId !== null)!
    const ez = elizonServices().find((s) => s.status === 'RUNNING')!
    const keys = [keyOf(aluyAcc, running.id), keyOf(aluyAcc, suspended.id), keyOf(elizonAcc, ez.id)]
    const started = unwrap(await fx.dispatch('servers.bulk', { keys, action: 'stop' })) as JobProgress
    expect(started.items.map((i) => i.state)).toEqual(['queued', 'queued', 'queued'])
    await until(() => events.jobs.some((j) => j.jobId === started.jobId && j.finished), 'the bulk job to finish')
    const final = unwrap(await fx.dispatch('jobs.get', { jobId: started.jobId })) as JobProgress
    expect(final).toMatchObject({ total: 3, done: 3, failed: 1, finished: true })
    const failed = final.items.find((i) => i.state === 'failed')!
    expect(failed.key).toBe(keyOf(aluyAcc, suspended.id))
    expect(failed.error).toMatchObject({ code: 'conflict', message: 'Service is suspended' })
    expect(running.power).toBe('stopped')
    expect(ez.status).toBe('STOPPED')
    const activity = unwrap(await fx.dispatch('activity.list', {})) as ActivityEntry[]
    expect(activity.filter((a) => a.jobId === started.jobId)).toHaveLength(3)
  })

  it('keeps the activity across a restart, newest first, skipping a damaged line', async () => {
    const vps = liveAluyVps()[0]!
    await act({ key: keyOf(aluyAcc, vps.id), action: 'restart' })
    await actFails({ key: keyOf(aluyAcc, aluyServices().find((s) => s.status === 'PENDING')!.id), action: 'suspend' })
    await appendFile(join(fx.userDataDir, 'activity.jsonl'), '{"half a line\n')
    await fx.restart()
    const list = unwrap(await fx.dispatch('activity.list', { limit: 10 })) as ActivityEntry[]
    expect(list.map((a) => [a.action, a.result, a.errorCode ?? null])).toEqual([
      ['suspend', 'failed', 'conflict'],
      ['restart', 'ok', null]
    ])
    expect(list[1]).toMatchObject({ accountId: aluyAcc.id, serverKey: keyOf(aluyAcc, vps.id), serverLabel: vps.label, provider: 'aluy' })
  })

  it('keeps tags, notes and favourites on this machine across a restart, sending nothing to a provider', async () => {
    const [a, b] = (await servers(fx)).map((s) => s.key)
    const aluyBefore = aluy.requests.length
    const elizonBefore = elizon.requests.length
    unwrap(await fx.dispatch('servers.setMeta', { keys: [a], tags: ['prod'], note: 'customer X', favourite: true }))
    unwrap(await fx.dispatch('servers.setMeta', { keys: [a, b], addTags: ['eu'] }))
    await fx.restart()
    const meta = unwrap(await fx.dispatch('servers.meta', undefined)) as ServerMetaMap
    expect(meta[a!]).toEqual({ tags: ['prod', 'eu'], note: 'customer X', favourite: true })
    expect(meta[b!]).toEqual({ tags: ['eu'], note: '', favourite: false })
    expect(aluy.requests.length).toBe(aluyBefore)
    expect(elizon.requests.length).toBe(elizonBefore)
  })
})

// Last: retry-provision turns the simulator's one pending VPS into an active one.
describe('retry-provision', () => {
  it('retry-provision follows the new id: delta with the old key removed, meta moved', async () => {
    const pending = aluyServices().find((s) => s.kind === 'VPS' && s.status === 'PENDING' && s.provisionIssue)!
    const oldKey = keyOf(aluyAcc, pending.id)
    const detail = unwrap(await fx.dispatch('servers.detail', { key: oldKey })) as ServerDetail
    expect(detail.hasProvisionIssue).toBe(true)
    expect(detail.actions).toContain('retry-provision')
    unwrap(await fx.dispatch('servers.setMeta', { keys: [oldKey], tags: ['customer-a'] }))
    const result = await act({ key: oldKey, action: 'retry-provision' })
    expect(result.newKey).toBeDefined()
    expect(result.newKey).not.toBe(oldKey)
    const keys = (await servers(fx)).map((s) => s.key)
    expect(keys).toContain(result.newKey)
    expect(keys).not.toContain(oldKey)
    expect(events.deltas.at(-1)?.renamedKeys).toEqual([{ from: oldKey, to: result.newKey }])
    const meta = unwrap(await fx.dispatch('servers.meta', { keys: [result.newKey] })) as ServerMetaMap
    expect(meta[result.newKey!]?.tags).toEqual(['customer-a'])
  })
})
