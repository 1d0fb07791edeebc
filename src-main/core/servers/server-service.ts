// One server's detail and actions across providers: finds the server by key,
// checks the provider offers the action, runs it once (never retried), shows its
// known effect in the fleet at once, and records it in the activity log.
import type {
  MetricTimeframe,
  OsTemplate,
  ParsedServerActionInput,
  ServerActionName,
  ServerActionResult,
  ServerDetail,
  ServerMetrics,
  UpgradeQuote
} from '../../shared/contracts/fleet'
import type { Account, ProviderId, Server } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import type { ActivityLog } from '../activity/activity-log'
import type { FleetService } from '../fleet/fleet-service'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import type { ServerOperations } from './server-operations'
import { activityEntry, type ActivitySubject } from './port-handlers'

export interface ServerServiceDeps {
  readonly fleet: FleetService
  readonly activity: ActivityLog
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  /** retry-provision moved a server to a new key. */
  readonly onKeyChanged?: (from: string, to: string) => Promise<void>
  readonly now?: () => Date
}

interface Target {
  readonly server: Server
  readonly ops: ServerOperations
  readonly ctx: AccountContext
}

export class ServerService {
  constructor(private readonly deps: ServerServiceDeps) {}

  async detail(key: string): Promise<ServerDetail> {
    const t = await this.target(key)
    const d = await t.ops.detail(t.ctx, t.server)
    return {
      ...d,
      actions: t.ops.actionsFor(d),
      features: { ...t.ops.features, metrics: t.ops.features.metrics && t.server.kind === 'VPS' },
      fetchedAt: this.now().toISOString()
    }
  }

  async templates(key: string): Promise<OsTemplate[]> {
    const t = await this.target(key)
    if (!t.ops.templates) throw notOffered('reinstall templates')
    return t.ops.templates(t.ctx, t.server)
  }

  async metrics(key: string, timeframe: MetricTimeframe): Promise<ServerMetrics> {
    const t = await this.target(key)
    if (!t.ops.metrics || t.server.kind !== 'VPS') throw notOffered('metrics')
    return t.ops.metrics(t.ctx, t.server, timeframe)
  }

  async upgradeQuote(key: string): Promise<UpgradeQuote> {
    const t = await this.target(key)
    if (!t.ops.upgradeQuote) throw notOffered('upgrades')
    return t.ops.upgradeQuote(t.ctx, t.server)
  }

  /** Runs one action and records it; a failure is recorded and rethrown with the API's words. */
  async act(input: ParsedServerActionInput, jobId?: string): Promise<ServerActionResult> {
    const known = this.deps.fleet.server(input.key)
    try {
      const t = await this.target(input.key)
      checkConfirmation(t.server, input)
      const outcome = await t.ops.act(t.ctx, t.server, input)
      // Shown once to the user; the redactor keeps it out of every log line from now on.
      if (outcome.password !== undefined) this.deps.logger.registerSecret(outcome.password)
      let server = outcome.patch ? this.deps.fleet.applyPatch(t.server.key, outcome.patch) : this.deps.fleet.server(t.server.key)
      let newKey: string | undefined
      if (outcome.newId !== undefined && outcome.newId !== t.server.id) {
        server = this.deps.fleet.replaceId(t.server.key, outcome.newId, outcome.patch ?? {})
        newKey = server?.key
        if (newKey) await this.deps.onKeyChanged?.(t.server.key, newKey)
      }
      await this.record(t.server, input.action, jobId, { newKey })
      return {
        ok: true,
        ...(outcome.message !== undefined ? { message: outcome.message } : {}),
        ...(newKey !== undefined ? { newKey } : {}),
        ...(outcome.password !== undefined ? { password: outcome.password } : {}),
        ...(server !== undefined ? { server } : {})
      }
    } catch (error) {
      await this.record(known ?? subjectOfKey(input.key), input.action, jobId, { error })
      throw error
    }
  }

  private async record(server: ActivitySubject, action: ServerActionName, jobId: string | undefined, r: { newKey?: string | undefined; error?: unknown }): Promise<void> {
    await this.deps.activity.append(activityEntry(server, action, { jobId, ...r }))
  }

  private async target(key: string): Promise<Target> {
    const server = this.deps.fleet.server(key)
    if (!server) throw new FlotillaError('not-found', 'This server is not in the fleet (any more). Refresh the fleet and try again.')
    const account = this.deps.accounts().find((a) => a.id === server.accountId)
    if (!account) throw new FlotillaError('not-found', 'The account of this server was removed.')
    const ops = this.deps.adapterFor(account.provider).servers
    if (!ops) throw notOffered('server actions')
    return { server, ops, ctx: await this.deps.contextFor(account.id) }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }
}

/** Reinstall wipes the disk: the typed name must be the server's name. */
function checkConfirmation(server: Server, input: ParsedServerActionInput): void {
  if (input.action !== 'reinstall') return
  if (input.params.confirmName.trim() !== server.label.trim()) {
    throw new FlotillaError('validation', `To reinstall, type the server's name exactly: ${server.label}`)
  }
}

function notOffered(what: string): FlotillaError {
  return new FlotillaError('bad-request', `This provider does not offer ${what} for this server.`)
}

/** Who an activity line is about. */
/** A key that is not in the fleet still names its account and service id. */
function subjectOfKey(key: string): ActivitySubject {
  const at = key.indexOf(':')
  return { key, accountId: key.slice(0, Math.max(0, at)), provider: null, label: key.slice(at + 1) }
}
