// What every per-server channel beyond the fleet's own actions shares (backups,
// firewall): find the server by key, its account and the provider's port, or say
// in words why not; run a change once and record it in the activity log, ok or
// failed, with the API's words.
import type { ServerActionName } from '../../shared/contracts/fleet'
import type { Account, ProviderId, Server } from '../../shared/domain'
import { FlotillaError, isFlotillaError } from '../../shared/errors'
import type { ActivityLog, NewActivity } from '../activity/activity-log'
import type { FleetService } from '../fleet/fleet-service'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import type { ServerOperations } from './server-operations'

export interface ServerPortDeps {
  /** The fleet's own activity log: one writer for activity.jsonl. */
  readonly activity: ActivityLog
  readonly fleet: Pick<FleetService, 'server'>
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly now?: () => Date
}

export interface PortTarget<P> {
  readonly server: Server
  readonly ops: P
  readonly ctx: AccountContext
}

/** Who an activity entry is about: a server, or a key no longer in the fleet. */
export type ActivitySubject = Pick<Server, 'key' | 'accountId' | 'label'> & { provider: ProviderId | null }

/**
 * Finds a server's port (`pick` chooses it from the provider's ServerOperations);
 * `missing` words the refusal when the provider has none.
 */
export function portTargets<P>(
  deps: ServerPortDeps,
  pick: (ops: ServerOperations) => P | undefined,
  missing: (provider: ProviderId) => string
): (key: string) => Promise<PortTarget<P>> {
  return async (key) => {
    const server = deps.fleet.server(key)
    if (!server) throw new FlotillaError('not-found', 'This server is not in the fleet (any more). Refresh the fleet and try again.')
    const account = deps.accounts().find((a) => a.id === server.accountId)
    if (!account) throw new FlotillaError('not-found', 'The account of this server was removed.')
    const servers = deps.adapterFor(account.provider).servers
    const ops = servers ? pick(servers) : undefined
    if (!ops) throw new FlotillaError('bad-request', missing(account.provider))
    return { server, ops, ctx: await deps.contextFor(account.id) }
  }
}

/** Runs one change once and records it, ok or failed; a failure is rethrown with the API's words. */
export async function recordedChange<P, R>(
  activity: ActivityLog,
  target: (key: string) => Promise<PortTarget<P>>,
  key: string,
  action: ServerActionName,
  run: (t: PortTarget<P>) => Promise<R>
): Promise<R> {
  let server: Server | undefined
  try {
    const t = await target(key)
    server = t.server
    const outcome = await run(t)
    await activity.append(activityEntry(t.server, action, {}))
    return outcome
  } catch (error) {
    // A server that is not in the fleet is not recorded: there is nothing to name.
    if (server) await activity.append(activityEntry(server, action, { error }))
    throw error
  }
}

/** One activity line: the subject, the action, and the outcome (a failure keeps its code and words). */
export function activityEntry(
  subject: ActivitySubject,
  action: ServerActionName,
  outcome: { error?: unknown; jobId?: string | undefined; newKey?: string | undefined }
): NewActivity {
  const failed = 'error' in outcome
  const err = failed && isFlotillaError(outcome.error) ? outcome.error : null
  return {
    accountId: subject.accountId,
    provider: subject.provider,
    serverKey: subject.key,
    serverLabel: subject.label,
    action,
    result: failed ? 'failed' : 'ok',
    ...(outcome.jobId !== undefined ? { jobId: outcome.jobId } : {}),
    ...(failed ? { errorCode: err?.code ?? 'internal', errorMessage: err?.message ?? 'Unexpected error.' } : {}),
    ...(outcome.newKey !== undefined ? { newKey: outcome.newKey } : {})
  }
}
