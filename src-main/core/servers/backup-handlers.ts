// The backups channels: find the server by key, check its provider offers
// backups, call the port once, and record create / restore / delete in the
// activity log (failures too, with the API's words) — as ServerService does for
// the other server actions.
import type { HandlerTable } from '../../shared/contract'
import type { backupsContract, BackupOutcome } from '../../shared/contracts/backups'
import type { ServerActionName } from '../../shared/contracts/fleet'
import type { Account, ProviderId, Server } from '../../shared/domain'
import { FlotillaError, isFlotillaError } from '../../shared/errors'
import type { ActivityLog } from '../activity/activity-log'
import type { FleetService } from '../fleet/fleet-service'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import type { BackupChange, BackupOperations } from './server-operations'

export interface BackupHandlerDeps {
  /** The fleet's own activity log: one writer for activity.jsonl. */
  readonly activity: ActivityLog
  readonly fleet: Pick<FleetService, 'server'>
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly now?: () => Date
}

export type BackupHandlers = Pick<HandlerTable, keyof typeof backupsContract>

type BackupAction = Extract<ServerActionName, 'backup-create' | 'backup-restore' | 'backup-delete'>

interface Target {
  readonly server: Server
  readonly ops: BackupOperations
  readonly ctx: AccountContext
}

export function backupHandlers(deps: BackupHandlerDeps): BackupHandlers {
  const { activity } = deps

  async function target(key: string): Promise<Target> {
    const server = deps.fleet.server(key)
    if (!server) throw new FlotillaError('not-found', 'This server is not in the fleet (any more). Refresh the fleet and try again.')
    const account = deps.accounts().find((a) => a.id === server.accountId)
    if (!account) throw new FlotillaError('not-found', 'The account of this server was removed.')
    const ops = deps.adapterFor(account.provider).servers?.backups
    if (!ops) throw new FlotillaError('bad-request', `${account.provider} offers no backups through its API, so Flotilla cannot manage them for this server.`)
    return { server, ops, ctx: await deps.contextFor(account.id) }
  }

  /** Runs one change once and records it, ok or failed; a failure is rethrown with the API's words. */
  async function change(key: string, action: BackupAction, run: (t: Target) => Promise<BackupChange>): Promise<BackupOutcome> {
    let server: Server | undefined
    try {
      const t = await target(key)
      server = t.server
      const outcome = await run(t)
      await record(activity, t.server, action, null)
      return { message: outcome.message, backup: outcome.backup }
    } catch (error) {
      // A server that is not in the fleet is not recorded: there is nothing to name.
      if (server) await record(activity, server, action, error)
      throw error
    }
  }

  return {
    'backups.list': async ({ key }) => {
      const t = await target(key)
      return { backups: await t.ops.list(t.ctx, t.server), fetchedAt: (deps.now?.() ?? new Date()).toISOString() }
    },
    'backups.create': async ({ key, name }) => change(key, 'backup-create', (t) => t.ops.create(t.ctx, t.server, name)),
    'backups.restore': async ({ key, backupId }) => change(key, 'backup-restore', (t) => t.ops.restore(t.ctx, t.server, backupId)),
    'backups.delete': async ({ key, backupId }) => change(key, 'backup-delete', (t) => t.ops.delete(t.ctx, t.server, backupId))
  }
}

async function record(activity: ActivityLog, server: Server, action: BackupAction, error: unknown): Promise<void> {
  const failed = error !== null
  const err = failed && isFlotillaError(error) ? error : null
  await activity.append({
    accountId: server.accountId,
    provider: server.provider,
    serverKey: server.key,
    serverLabel: server.label,
    action,
    result: failed ? 'failed' : 'ok',
    ...(failed ? { errorCode: err?.code ?? 'internal', errorMessage: err?.message ?? 'Unexpected error.' } : {})
  })
}
