// Every server of every account: loads all accounts in parallel, keeps each
// account's last good list (cached on disk) when a refresh fails, and reports a
// health state per account so one account's trouble never blanks the others.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Server, type Account, type AccountHealth, type FleetSnapshot } from '../../shared/domain'
import { isFlotillaError, type ErrorCode } from '../../shared/errors'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import type { ProviderId } from '../../shared/domain'

const FleetCacheFile = z.object({ version: z.literal(1), savedAt: z.string(), servers: z.array(Server) })

interface AccountFleet {
  servers: Server[]
  health: AccountHealth
}

export interface FleetServiceDeps {
  readonly cacheDir: string
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly onChanged: (snapshot: FleetSnapshot) => void
  readonly onHealth: (health: AccountHealth[]) => void
  readonly now?: () => Date
}

export class FleetService {
  private readonly byAccount = new Map<string, AccountFleet>()
  private readonly inFlight = new Map<string, Promise<void>>()

  constructor(private readonly deps: FleetServiceDeps) {}

  /** Shows the last fleet at once on start: every account's cached list, marked with when it was saved. */
  async loadCache(): Promise<void> {
    await Promise.all(this.deps.accounts().map((a) => this.loadAccountCache(a.id)))
  }

  snapshot(): FleetSnapshot {
    const servers: Server[] = []
    for (const account of this.deps.accounts()) servers.push(...(this.byAccount.get(account.id)?.servers ?? []))
    return { servers, health: this.health(), generatedAt: this.now().toISOString() }
  }

  health(): AccountHealth[] {
    return this.deps.accounts().map((a) => this.byAccount.get(a.id)?.health ?? { accountId: a.id, state: 'unknown' })
  }

  /** Refreshes the given accounts (default all) in parallel; resolves when every one has finished or failed. */
  async refresh(accountIds?: readonly string[]): Promise<FleetSnapshot> {
    const known = new Set(this.deps.accounts().map((a) => a.id))
    const ids = (accountIds ?? [...known]).filter((id) => known.has(id))
    await Promise.all(ids.map((id) => this.refreshOne(id)))
    return this.snapshot()
  }

  async forget(accountId: string): Promise<void> {
    this.byAccount.delete(accountId)
    await rm(this.cachePath(accountId), { force: true })
    this.publish()
  }

  // One refresh per account at a time: a second request joins the first.
  private refreshOne(accountId: string): Promise<void> {
    const running = this.inFlight.get(accountId)
    if (running) return running
    const job = this.load(accountId).finally(() => this.inFlight.delete(accountId))
    this.inFlight.set(accountId, job)
    return job
  }

  private async load(accountId: string): Promise<void> {
    const account = this.deps.accounts().find((a) => a.id === accountId)
    if (!account) return
    const previous = this.entry(accountId)
    this.setHealth(accountId, { ...previous.health, state: 'refreshing' })
    try {
      const ctx = await this.deps.contextFor(accountId)
      const servers = await this.deps.adapterFor(account.provider).listServers(ctx)
      const at = this.now().toISOString()
      this.byAccount.set(accountId, { servers, health: { accountId, state: 'ok', lastUpdatedAt: at } })
      await this.saveCache(accountId, at, servers)
    } catch (error) {
      this.byAccount.set(accountId, { servers: previous.servers, health: this.failedHealth(accountId, error, previous.health) })
      this.deps.logger.warn('fleet refresh failed', { accountId, error })
    }
    this.publish()
  }

  private failedHealth(accountId: string, error: unknown, previous: AccountHealth): AccountHealth {
    const code: ErrorCode = isFlotillaError(error) ? error.code : 'internal'
    const message = isFlotillaError(error) ? error.message : 'Unexpected error while loading servers.'
    const health: AccountHealth = { accountId, state: healthStateFor(code), code, message }
    if (previous.lastUpdatedAt) health.lastUpdatedAt = previous.lastUpdatedAt
    if (isFlotillaError(error) && error.retryAfterSec !== undefined) {
      health.retryAt = new Date(this.now().getTime() + error.retryAfterSec * 1000).toISOString()
    }
    return health
  }

  private async loadAccountCache(accountId: string): Promise<void> {
    const read = await readJsonFile(this.cachePath(accountId), FleetCacheFile).catch(() => null)
    if (read?.status === 'ok') {
      this.byAccount.set(accountId, {
        servers: read.value.servers,
        health: { accountId, state: 'unknown', lastUpdatedAt: read.value.savedAt }
      })
    } else if (read?.status === 'corrupt') {
      // A damaged cache is only a cache: it was set aside and the next refresh rebuilds it.
      this.deps.logger.warn('fleet cache set aside', { accountId, movedTo: read.movedTo })
    }
  }

  private async saveCache(accountId: string, savedAt: string, servers: Server[]): Promise<void> {
    try {
      await writeJsonAtomic(this.cachePath(accountId), { version: 1, savedAt, servers })
    } catch (error) {
      this.deps.logger.warn('fleet cache not written', { accountId, error })
    }
  }

  private cachePath(accountId: string): string {
    return join(this.deps.cacheDir, accountId, 'fleet.json')
  }

  private entry(accountId: string): AccountFleet {
    return this.byAccount.get(accountId) ?? { servers: [], health: { accountId, state: 'unknown' } }
  }

  private setHealth(accountId: string, health: AccountHealth): void {
    this.byAccount.set(accountId, { ...this.entry(accountId), health })
    this.deps.onHealth(this.health())
  }

  private publish(): void {
    this.deps.onHealth(this.health())
    this.deps.onChanged(this.snapshot())
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }
}

/** Which sidebar state an error puts an account in. */
export function healthStateFor(code: ErrorCode): AccountHealth['state'] {
  switch (code) {
    case 'auth-expired':
    case 'auth-rejected':
    case 'not-reseller':
    case 'credential-missing':
      return 'needs-sign-in'
    case 'rate-limited':
      return 'rate-limited'
    case 'offline':
    case 'timeout':
      return 'offline'
    default:
      return 'error'
  }
}
