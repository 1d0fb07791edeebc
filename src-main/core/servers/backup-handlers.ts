// The backups channels: find the server by key, check its provider offers
// backups, call the port once, and record create / restore / delete in the
// activity log (failures too, with the API's words), through port-handlers.ts.
import type { HandlerTable } from '../../shared/contract'
import type { backupsContract, BackupOutcome } from '../../shared/contracts/backups'
import { portTargets, recordedChange, type ServerPortDeps } from './port-handlers'

export type BackupHandlers = Pick<HandlerTable, keyof typeof backupsContract>

export function backupHandlers(deps: ServerPortDeps): BackupHandlers {
  const target = portTargets(
    deps,
    (ops) => ops.backups,
    (provider) => `${provider} offers no backups through its API, so Flotilla cannot manage them for this server.`
  )
  const toOutcome = (change: BackupOutcome): BackupOutcome => ({ message: change.message, backup: change.backup })
  return {
    'backups.list': async ({ key }) => {
      const t = await target(key)
      return { backups: await t.ops.list(t.ctx, t.server), fetchedAt: (deps.now?.() ?? new Date()).toISOString() }
    },
    'backups.create': async ({ key, name }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'backup-create', (t) => t.ops.create(t.ctx, t.server, name))),
    'backups.restore': async ({ key, backupId }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'backup-restore', (t) => t.ops.restore(t.ctx, t.server, backupId))),
    'backups.delete': async ({ key, backupId }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'backup-delete', (t) => t.ops.delete(t.ctx, t.server, backupId)))
  }
}
