// Backups per service: list, create (optional name), restore, delete and the
// Pterodactyl-only download URL, all under the `backup` permission. The public
// reference names these endpoints without bodies; these shapes are the ones
// elizon-backups.ts assumes. A create or restore runs for `state.backupJobMs`;
// another create or restore on the same service meanwhile is a 409, and so is
// deleting a locked or busy backup. Seeded: two backups on about two thirds of
// the KVM servers, chosen by a hash of the id so the seeded RNG stays untouched.
import { createHash } from 'node:crypto'
import { asRecord, readJson } from '../../core/body'
import { fail, invalid, notFound, ok, withService, type ElizonRouter } from '../context'
import type { ElizonBackup, ElizonService } from '../model'
import type { ElizonState } from '../state'

const DAY_MS = 86_400_000
const GIB = 1024 ** 3

export function registerBackupRoutes(router: ElizonRouter): void {
  router.get('/services/:id/backups', withService('backup', ({ state, service }) => ok({ backups: backupsOf(state, service).map(view) })))

  router.post('/services/:id/backups', withService('backup', async ({ req, state, service }) => {
    const body = await readJson(req)
    if (!body.ok) return invalid('body must be JSON')
    const name = asRecord(body.value).name
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) return invalid('name must be 1–100 characters')
    const refused = refuseWhileBusy(state, service)
    if (refused) return refused
    const list = backupsOf(state, service)
    const backup: ElizonBackup = {
      id: `bkp_${state.rng.cuid()}`,
      name: typeof name === 'string' ? name.trim() : `backup-${new Date().toISOString().slice(0, 10)}`,
      createdAt: new Date().toISOString(),
      sizeBytes: Math.round(service.resources.diskGb * GIB * 0.2),
      status: 'creating',
      locked: false,
      busyUntilMs: Date.now() + state.backupJobMs
    }
    list.unshift(backup)
    return ok({ message: 'Backup started', backup: view(backup) }, 202)
  }))

  router.post('/services/:id/backups/:backupId', withService('backup', ({ params, state, service }) => {
    const backup = backupsOf(state, service).find((b) => b.id === params.backupId)
    if (!backup) return notFound()
    const refused = refuseWhileBusy(state, service)
    if (refused) return refused
    if (backup.status === 'failed') return fail(400, 'This backup failed and cannot be restored')
    backup.status = 'restoring'
    backup.busyUntilMs = Date.now() + state.backupJobMs
    return ok({ message: 'Restore started' }, 202)
  }))

  router.delete('/services/:id/backups/:backupId', withService('backup', ({ params, state, service }) => {
    const list = backupsOf(state, service)
    const backup = list.find((b) => b.id === params.backupId)
    if (!backup) return notFound()
    settle(backup)
    if (backup.locked) return fail(409, 'This backup is locked and cannot be deleted', { errorKey: 'BACKUP_LOCKED' })
    if (backup.busyUntilMs !== null) return fail(409, `This backup is ${backup.status} and cannot be deleted now`, { errorKey: 'BACKUP_BUSY' })
    list.splice(list.indexOf(backup), 1)
    return ok({ message: 'Backup deleted' })
  }))

  router.get('/services/:id/backups/:backupId/download', withService('backup', ({ params, state, service }) => {
    const backup = backupsOf(state, service).find((b) => b.id === params.backupId)
    if (!backup) return notFound()
    if (service.type !== 'PTERODACTYL') return fail(400, 'Downloads are only available for game server backups')
    return ok({ url: `https://files.elizon.example/backups/${encodeURIComponent(backup.id)}?token=${state.rng.cuid()}` })
  }))
}

/** The service's backups, seeded on first use; finished jobs are settled on every read. */
export function backupsOf(state: ElizonState, service: ElizonService): ElizonBackup[] {
  let list = state.backups.get(service.id)
  if (!list) {
    list = seedBackups(service)
    state.backups.set(service.id, list)
  }
  list.forEach(settle)
  return list
}

/** A create or restore still running on any of the service's backups: the API answers 409. */
function refuseWhileBusy(state: ElizonState, service: ElizonService) {
  const busy = backupsOf(state, service).find((b) => b.busyUntilMs !== null)
  return busy ? fail(409, `A backup ${busy.status === 'restoring' ? 'restore' : 'creation'} is already running for this service`, { errorKey: 'BACKUP_IN_PROGRESS' }) : null
}

function settle(backup: ElizonBackup): void {
  if (backup.busyUntilMs === null || Date.now() < backup.busyUntilMs) return
  backup.busyUntilMs = null
  backup.status = 'completed'
}

function view(b: ElizonBackup): Record<string, unknown> {
  return { id: b.id, name: b.name, createdAt: b.createdAt, sizeBytes: b.sizeBytes, status: b.status, locked: b.locked }
}

function seedBackups(service: ElizonService): ElizonBackup[] {
  const h = createHash('sha1').update(`backups:${service.id}`).digest()
  if (service.type !== 'PROXMOX' || h.readUInt8(0) % 3 === 0) return []
  const base = Date.parse(service.createdAt)
  const disk = service.resources.diskGb * GIB
  return [
    seeded(`bkp_${h.toString('hex').slice(0, 12)}`, 'weekly', base + 14 * DAY_MS, Math.round(disk * 0.18), true),
    seeded(`bkp_${h.toString('hex').slice(12, 24)}`, 'before-upgrade', base + 7 * DAY_MS, Math.round(disk * 0.15), false)
  ]
}

function seeded(id: string, name: string, atMs: number, sizeBytes: number, locked: boolean): ElizonBackup {
  return { id, name, createdAt: new Date(atMs).toISOString(), sizeBytes, status: 'completed', locked, busyUntilMs: null }
}
