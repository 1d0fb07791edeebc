// Backups through main's real core against the elizon simulator over HTTP:
// list, create (then the list shows it), restore, delete, the API's own words
// for 404 / 409 / 403, a broken body as invalid-response, one attempt only for
// the changes, aluy refused in words, and the activity entries written.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { BackupList, BackupOutcome } from '../../src-main/shared/contracts/backups'
import type { Account } from '../../src-main/shared/domain'
import { parseBackupList } from '../../src-main/core/providers/elizon/elizon-backups'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { backupsOf } from '../simulators/elizon/routes/backups'
import type { ElizonService } from '../simulators/elizon/model'
import { fails as failsOn, makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'
import { activityOf, addAccount, keyOf, refreshAll, requestsSince } from './fleet-support'

let sims: SimulatorPair
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let elizonAcc: Account
let aluyAcc: Account

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 41, accounts: 1, serversPerAccount: 3 }, { seed: 41, accounts: 1, serversPerAccount: 24 })
  aluy = sims.aluy
  elizon = sims.elizon
})
afterAll(() => sims?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
  elizonAcc = await addAccount(fx, elizon, 0)
  aluyAcc = await addAccount(fx, aluy, 0)
  await refreshAll(fx)
})
afterEach(async () => {
  sims.clearFaults()
  elizon.state.backupJobMs = 400
  await fx.cleanup()
})

/** Running KVM servers with seeded backups; each test takes its own so none sees another's effects. */
let taken = 0
function nextVps(): ElizonService {
  const found = elizon.state
    .servicesOf(elizon.accounts[0]!.id)
    .filter((s) => s.type === 'PROXMOX' && s.status === 'RUNNING' && backupsOf(elizon.state, s).length > 0)
  const vps = found[taken++]
  if (!vps) throw new Error(`the seed has only ${found.length} running KVM servers with backups`)
  return vps
}

const call = async <T>(channel: string, input: unknown): Promise<T> => unwrap(await fx.dispatch(channel, input)) as T
const fails = (channel: string, input: unknown) => failsOn(fx, channel, input)
const activity = () => activityOf(fx)
/** Waits out the simulator's create / restore job. */
async function jobDone(): Promise<void> {
  await new Promise((r) => setTimeout(r, elizon.state.backupJobMs + 50))
}

describe('elizon backups', () => {
  it('lists the service’s backups with name, time, size, status and lock', async () => {
    const vps = nextVps()
    const list = await call<BackupList>('backups.list', { key: keyOf(elizonAcc, vps.id) })
    const seeded = backupsOf(elizon.state, vps)
    expect(list.backups.map((b) => b.id)).toEqual(seeded.map((b) => b.id))
    expect(list.backups[0]).toEqual({
      id: seeded[0]!.id,
      name: 'weekly',
      createdAt: seeded[0]!.createdAt,
      sizeBytes: seeded[0]!.sizeBytes,
      status: 'completed',
      locked: true
    })
  })

  it('creates a backup with the given name, once, and the list then shows it; the activity says so', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const since = requestsSince(elizon)
    const created = await call<BackupOutcome>('backups.create', { key, name: '  before-migration ' })
    expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/services/${vps.id}/backups`])
    expect(created.message).toBe('Backup started')
    expect(created.backup).toMatchObject({ name: 'before-migration', status: 'creating' })
    const list = await call<BackupList>('backups.list', { key })
    expect(list.backups[0]).toMatchObject({ id: created.backup!.id, name: 'before-migration', status: 'creating' })
    await jobDone()
    expect((await call<BackupList>('backups.list', { key })).backups[0]!.status).toBe('completed')
    const [entry] = await activity()
    expect(entry).toMatchObject({ serverKey: key, serverLabel: vps.name, action: 'backup-create', result: 'ok', provider: 'elizon' })
  })

  it('creates without a name by sending an empty object', async () => {
    const vps = nextVps()
    const created = await call<BackupOutcome>('backups.create', { key: keyOf(elizonAcc, vps.id), name: '' })
    expect(created.backup?.name).toMatch(/^backup-\d{4}-\d{2}-\d{2}$/)
  })

  it('restores a backup with one POST, and records it', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const backup = backupsOf(elizon.state, vps)[1]!
    const since = requestsSince(elizon)
    const restored = await call<BackupOutcome>('backups.restore', { key, backupId: backup.id })
    expect(restored.message).toBe('Restore started')
    expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/services/${vps.id}/backups/${backup.id}`])
    expect(backup.status).toBe('restoring')
    expect((await activity())[0]).toMatchObject({ serverKey: key, action: 'backup-restore', result: 'ok' })
  })

  it('deletes an unlocked backup; a locked one is refused in the API’s words', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const [locked, unlocked] = backupsOf(elizon.state, vps)
    await call<BackupOutcome>('backups.delete', { key, backupId: unlocked!.id })
    expect((await call<BackupList>('backups.list', { key })).backups.map((b) => b.id)).toEqual([locked!.id])
    const refused = await fails('backups.delete', { key, backupId: locked!.id })
    expect(refused).toMatchObject({ code: 'conflict', status: 409, message: 'This backup is locked and cannot be deleted' })
    const [failed, done] = await activity()
    expect(failed).toMatchObject({ action: 'backup-delete', result: 'failed', errorCode: 'conflict', errorMessage: 'This backup is locked and cannot be deleted' })
    expect(done).toMatchObject({ action: 'backup-delete', result: 'ok' })
  })

  it('an unknown backup is not-found', async () => {
    const vps = nextVps()
    const error = await fails('backups.restore', { key: keyOf(elizonAcc, vps.id), backupId: 'bkp_nope' })
    expect(error).toMatchObject({ code: 'not-found', status: 404 })
  })

  it('a second create or restore while one runs is a conflict in the API’s words, sent once', async () => {
    elizon.state.backupJobMs = 60_000
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    await call<BackupOutcome>('backups.create', { key })
    const since = requestsSince(elizon)
    const again = await fails('backups.create', { key })
    expect(again).toMatchObject({ code: 'conflict', status: 409, message: 'A backup creation is already running for this service' })
    const restore = await fails('backups.restore', { key, backupId: backupsOf(elizon.state, vps)[1]!.id })
    expect(restore.message).toBe('A backup creation is already running for this service')
    expect(since()).toHaveLength(2)
  })

  it('a key without the backup permission is refused in the API’s words', async () => {
    const scoped = elizon.addAccount({ servers: 2, permissions: ['view'] })
    const acc = await addAccount(fx, elizon, elizon.accounts.indexOf(scoped), 'scoped')
    await refreshAll(fx)
    const vps = elizon.state.servicesOf(scoped.id)[0]!
    const error = await fails('backups.list', { key: keyOf(acc, vps.id) })
    expect(error).toMatchObject({ code: 'forbidden', status: 403, message: 'Insufficient permissions' })
  })

  it('a restore that fails with a 5xx is not retried', async () => {
    const vps = nextVps()
    const backup = backupsOf(elizon.state, vps)[1]!
    elizon.inject({ kind: '5xx', path: `/api/services/${vps.id}/backups/${backup.id}`, method: 'POST', times: 3 })
    const since = requestsSince(elizon)
    const error = await fails('backups.restore', { key: keyOf(elizonAcc, vps.id), backupId: backup.id })
    expect(error.code).toBe('upstream')
    expect(since()).toHaveLength(1)
    expect((await activity())[0]).toMatchObject({ action: 'backup-restore', result: 'failed', errorCode: 'upstream' })
  })

  it('a malformed body is invalid-response', async () => {
    const vps = nextVps()
    elizon.inject({ kind: 'malformed-json', path: `/api/services/${vps.id}/backups`, method: 'GET', times: 5 })
    const error = await fails('backups.list', { key: keyOf(elizonAcc, vps.id) })
    expect(error.code).toBe('invalid-response')
  })

  it('aluy servers have no backups: refused in words without a request', async () => {
    const service = aluy.state.servicesOf(aluy.accounts[0]!.id)[0]!
    const since = requestsSince(aluy)
    const error = await fails('backups.list', { key: keyOf(aluyAcc, service.id) })
    expect(error).toMatchObject({ code: 'bad-request', message: 'aluy offers no backups through its API, so Flotilla cannot manage them for this server.' })
    expect(since()).toEqual([])
  })
})

describe('reading elizon’s backup list tolerantly', () => {
  it('takes an array under data, ids as numbers, other field names, and skips entries without an id', () => {
    const list = parseBackupList(
      {
        success: true,
        data: [
          { uuid: 'b-1', label: 'nightly', created_at: 1_700_000_000, bytes: '1024', state: 'COMPLETED', is_locked: true, extra: { x: 1 } },
          { id: 7, date: '2026-01-02T03:04:05Z', size: 5, status: 'creating', name: 42 },
          { name: 'no id' }
        ]
      },
      'acc_test0000'
    )
    expect(list).toEqual([
      { id: 'b-1', name: 'nightly', createdAt: new Date(1_700_000_000_000).toISOString(), sizeBytes: 1024, status: 'completed', locked: true },
      { id: '7', name: null, createdAt: '2026-01-02T03:04:05.000Z', sizeBytes: 5, status: 'creating', locked: false }
    ])
  })

  it('names the fields it received when there is no list, never their values', () => {
    expect(() => parseBackupList({ success: true, items: [{ id: 'secret-value' }], total: 1 }, 'acc_test0000')).toThrow(
      expect.objectContaining({ code: 'invalid-response', message: 'elizon answered with the backup list in a shape Flotilla does not know (fields: items, total).' })
    )
  })

  it('refuses a list whose entries all lack an id, naming the first entry’s fields', () => {
    expect(() => parseBackupList({ backups: [{ name: 'a', when: 'x' }] }, 'acc_test0000')).toThrow(
      expect.objectContaining({ code: 'invalid-response', message: 'elizon answered with 1 backup entries without an id in a shape Flotilla does not know (fields: name, when).' })
    )
  })
})
