// Every server of every account: loads all accounts in parallel, keeps each
// account's last good list (cached on disk) when a refresh fails, and reports a
// health state per account so one account's trouble never blanks the others.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { FleetDelta } from '../../shared/contracts/fleet'
import { Server, type Account, type AccountHealth, type FleetSnapshot } from '../../shared/domain'
import { isFlotillaError, type ErrorCode } from '../../shared/errors'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { serverKey } from '../providers/shared'
import type { LivePatch, ServerFacts } from '../servers/server-operations'
import { diffServers, isEmptyDiff, type ServerDiff } from './fleet-diff'
import { mergeLive } from './fleet-merge'
import { healthStateFor } from './fleet-health'

export { healthStateFor } from './fleet-health'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import type { ProviderId } from '../../shared/domain'

const FleetCacheFile = z.object({ version: z.literal(1), savedAt: z.string(), servers: z.array(Server) })

interface Running {
  readonly job: Promise<void>
  readonly abort: AbortController
}

/** The rows a refresh listed before live status ran, and when. */
interface ListedRows {
  rows: Server[] | null
  at: string | null
}

interface AccountFleet {
  servers: Server[]
  health: AccountHealth
}

export interface FleetServiceDeps {
  readonly cacheDir: string
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string, signal?: AbortSignal) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly onChanged: (snapshot: FleetSnapshot) => void
  readonly onHealth: (health: AccountHealth[]) => void
  /** Live refreshes and actions push only what changed. */
  readonly onDelta?: (delta: FleetDelta) => void
  /** Keys of the rows on screen: their live status is fetched first. */
  readonly visibleKeys?: () => ReadonlySet<string>
  readonly now?: () => Date
  /** Learn what a list leaves out (aluy: location) in the background after a refresh. Default false (benchmarks measure the refresh alone). */
  readonly learnFacts?: boolean
}

/**
 * 'snapshot': an explicit refresh, answered with the whole fleet (`fleet.changed`).
 * 'delta': a live tick, which pushes only what changed (`fleet.delta`).
 */
export type PublishMode = 'snapshot' | 'delta'

/** Learnt facts reach the table this many servers at a time. */
const FACTS_CHUNK = 20

export class FleetService {
  private readonly byAccount = new Map<string, AccountFleet>()
  private readonly inFlight = new Map<string, Running>()
  /** Background facts learning, per account. */
  private readonly learning = new Map<string, Running>()
  /** Servers whose facts were asked for in this run (found or not): asked once. */
  private readonly factsAsked = new Set<string>()
  private closed = false

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
  /** `skipLive`: keys whose live status was just fetched (the visible rows of a live tick). */
  async refresh(accountIds?: readonly string[], mode: PublishMode = 'snapshot', skipLive?: ReadonlySet<string>): Promise<FleetSnapshot> {
    const known = new Set(this.deps.accounts().map((a) => a.id))
    const ids = (accountIds ?? [...known]).filter((id) => known.has(id))
    await Promise.all(ids.map((id) => this.refreshOne(id, mode, skipLive)))
    return this.snapshot()
  }

  server(key: string): Server | undefined {
    for (const entry of this.byAccount.values()) {
      const found = entry.servers.find((s) => s.key === key)
      if (found) return found
    }
    return undefined
  }

  /**
   * Live status only (no list) for these servers, e.g. the rows just scrolled
   * into view. Returns the keys whose status was asked for.
   */
  async refreshStatus(keys: Iterable<string>): Promise<string[]> {
    const wanted = new Set(keys)
    const asked: string[] = []
    await Promise.all(
      this.deps.accounts().map(async (account) => {
        const ops = this.deps.adapterFor(account.provider).servers
        const servers = (this.byAccount.get(account.id)?.servers ?? []).filter((s) => wanted.has(s.key))
        if (!ops || servers.length === 0 || this.inFlight.has(account.id)) return
        asked.push(...servers.map((s) => s.key))
        try {
          const patches = await ops.liveStatus(await this.deps.contextFor(account.id), servers)
          this.patchAccount(account.id, (s) => patches.get(s.id))
        } catch (error) {
          this.noteStatusFailure(account.id, error)
        }
      })
    )
    return asked
  }

  /** An action's known effect, shown at once; the next live status confirms it. */
  applyPatch(key: string, patch: LivePatch & { label?: string }): Server | undefined {
    const accountId = this.accountOf(key)
    if (accountId === undefined) return undefined
    this.patchAccount(accountId, (s) => (s.key === key ? patch : undefined))
    return this.server(key)
  }

  /** retry-provision: the service got a new id; the row follows it. */
  replaceId(oldKey: string, newId: string, patch: LivePatch): Server | undefined {
    const accountId = this.accountOf(oldKey)
    const entry = accountId === undefined ? undefined : this.byAccount.get(accountId)
    const old = entry?.servers.find((s) => s.key === oldKey)
    if (!entry || !old || accountId === undefined) return undefined
    const moved: Server = { ...old, ...patch, id: newId, key: serverKey(accountId, newId) }
    const servers = entry.servers.map((s) => (s.key === oldKey ? moved : s))
    this.byAccount.set(accountId, { ...entry, servers })
    this.emitDelta({ upserts: [moved], removedKeys: [oldKey], transitions: [] }, [{ from: oldKey, to: moved.key }])
    return moved
  }

  /** The account is gone: a refresh of it still loading is stopped, and has settled, before its cache goes. */
  async forget(accountId: string): Promise<void> {
    const running = [this.inFlight.get(accountId), this.learning.get(accountId)]
    for (const r of running) r?.abort.abort()
    await Promise.allSettled(running.map((r) => r?.job))
    this.byAccount.delete(accountId)
    await rm(this.cachePath(accountId), { force: true })
    this.publish()
  }

  /**
   * Starts no more refreshes, stops those running and waits for them to
   * settle, so no cache write outlives the core (a quit, or a test removing
   * userData) and quitting never waits on a slow provider.
   */
  async dispose(): Promise<void> {
    this.closed = true
    const all = [...this.inFlight.values(), ...this.learning.values()]
    for (const running of all) running.abort.abort()
    await Promise.allSettled(all.map((r) => r.job))
  }

  // One refresh per account at a time: a second request joins the first.
  private refreshOne(accountId: string, mode: PublishMode, skipLive?: ReadonlySet<string>): Promise<void> {
    if (this.closed) return Promise.resolve()
    const running = this.inFlight.get(accountId)
    if (running) return running.job
    const abort = new AbortController()
    const job = this.load(accountId, mode, abort.signal, skipLive).finally(() => this.inFlight.delete(accountId))
    this.inFlight.set(accountId, { job, abort })
    return job
  }

  private async load(accountId: string, mode: PublishMode, signal: AbortSignal, skipLive?: ReadonlySet<string>): Promise<void> {
    const account = this.deps.accounts().find((a) => a.id === accountId)
    if (!account) return
    const previous = this.entry(accountId)
    this.setHealth(accountId, { ...previous.health, state: 'refreshing' })
    let diff: ServerDiff | null = null
    const listed: ListedRows = { rows: null, at: null }
    try {
      const ctx = await this.deps.contextFor(accountId, signal)
      const servers = await this.fetchServers(this.deps.adapterFor(account.provider), ctx, previous.servers, skipLive, listed)
      const at = this.now().toISOString()
      // Re-read: an action may have patched a row while the list was loading.
      diff = diffServers(this.entry(accountId).servers, servers)
      this.byAccount.set(accountId, { servers, health: { accountId, state: 'ok', lastUpdatedAt: at } })
      // A live tick that changed nothing need not rewrite the cache every interval;
      // an account removed while its list was loading must not get its cache back.
      const wanted = mode === 'snapshot' || !isEmptyDiff(diff) || previous.health.state !== 'ok'
      if (wanted && this.isKnown(accountId)) await this.saveCache(accountId, at, servers)
      this.learnFacts(accountId, account.provider)
    } catch (error) {
      // Stopped on purpose (account removed, app quitting): nothing to report.
      if (signal.aborted) return
      this.keepAfterFailure(accountId, error, previous.health, listed)
      this.deps.logger.warn('fleet refresh failed', { accountId, error })
    }
    if (mode === 'snapshot') return this.publish()
    this.deps.onHealth(this.health())
    if (diff) this.emitDelta(diff)
  }

  /** List, then live status with the visible rows first; a row without fresh status keeps its last live values. */
  private async fetchServers(
    adapter: ProviderAdapter,
    ctx: AccountContext,
    previous: readonly Server[],
    skipLive: ReadonlySet<string> | undefined,
    out: ListedRows
  ): Promise<Server[]> {
    const ops = adapter.servers
    if (!ops) return adapter.listServers(ctx)
    const listed = await adapter.listServers(ctx, undefined, { liveStatus: false })
    const before = new Map(previous.map((s) => [s.key, s]))
    // Kept should live status fail for a lost session: the list itself was read.
    out.rows = listed.map((s) => mergeLive(s, undefined, before.get(s.key)))
    out.at = this.now().toISOString()
    let patches = new Map<string, LivePatch>()
    try {
      const wanted = skipLive ? listed.filter((s) => !skipLive.has(s.key)) : listed
      patches = await ops.liveStatus(ctx, this.visibleFirst(wanted))
    } catch (error) {
      if (isFlotillaError(error) && (healthStateFor(error.code) === 'needs-sign-in' || error.code === 'cancelled')) throw error
      // The list itself is good: show it with the last known live values.
      this.deps.logger.warn('live status failed', { accountId: ctx.accountId, error })
    }
    return listed.map((s) => mergeLive(s, patches.get(s.id), before.get(s.key)))
  }

  /**
   * Fills in what the list leaves out (ServerFacts) for servers that lack it,
   * in the background and in chunks, each chunk patched into the table as it
   * arrives and the cache written at the end. Each server is asked once per run.
   */
  private learnFacts(accountId: string, provider: ProviderId): void {
    const facts = this.deps.adapterFor(provider).servers?.facts
    if (!facts || !this.deps.learnFacts || this.closed || this.learning.has(accountId)) return
    const missing = this.entry(accountId).servers.filter((s) => s.location === null && !this.factsAsked.has(s.key))
    if (missing.length === 0) return
    for (const s of missing) this.factsAsked.add(s.key)
    const abort = new AbortController()
    let found = new Map<string, ServerFacts>()
    const apply = (): void => {
      const batch = found
      found = new Map()
      if (batch.size > 0 && !abort.signal.aborted && this.isKnown(accountId)) this.patchAccount(accountId, (s) => batch.get(s.id))
    }
    const learn = async (): Promise<void> => {
      const ctx = await this.deps.contextFor(accountId, abort.signal)
      await facts(ctx, missing, (serverId, value) => {
        found.set(serverId, value)
        if (found.size >= FACTS_CHUNK) apply()
      })
      apply()
      if (abort.signal.aborted || !this.isKnown(accountId)) return
      const entry = this.entry(accountId)
      await this.saveCache(accountId, entry.health.lastUpdatedAt ?? this.now().toISOString(), entry.servers)
    }
    const job = learn()
      .catch((error: unknown) => {
        if (abort.signal.aborted) return
        apply()
        // The whole pass failed (session lost, provider down): the next refresh asks again for what is still missing.
        for (const s of missing) if (!this.server(s.key)?.location) this.factsAsked.delete(s.key)
        this.deps.logger.warn('server facts not learnt', { accountId, error })
        // A lost session on this background call is the account's problem too: ask for a new sign-in.
        if (isFlotillaError(error) && healthStateFor(error.code) === 'needs-sign-in' && this.isKnown(accountId)) {
          this.setHealth(accountId, this.failedHealth(accountId, error, this.entry(accountId).health))
        }
      })
      .finally(() => this.learning.delete(accountId))
    this.learning.set(accountId, { job, abort })
  }

  private visibleFirst(servers: readonly Server[]): Server[] {
    const visible = this.deps.visibleKeys?.()
    if (!visible || visible.size === 0) return [...servers]
    return [...servers.filter((s) => visible.has(s.key)), ...servers.filter((s) => !visible.has(s.key))]
  }

  private patchAccount(accountId: string, patchFor: (s: Server) => (LivePatch & ServerFacts & { label?: string }) | undefined): void {
    const entry = this.byAccount.get(accountId)
    if (!entry) return
    const servers = entry.servers.map((s) => {
      const patch = patchFor(s)
      return patch ? { ...s, ...patch } : s
    })
    const diff = diffServers(entry.servers, servers)
    this.byAccount.set(accountId, { ...entry, servers })
    this.emitDelta(diff)
  }

  /**
   * A failed refresh keeps the last good rows; when the list itself was read
   * before the failure (a session lost during live status, even on an
   * account's first refresh) those rows stay instead, stale, shown with the
   * account's state (e.g. the re-sign-in prompt) and the time they were read.
   */
  private keepAfterFailure(accountId: string, error: unknown, previous: AccountHealth, listed: ListedRows): void {
    const health = this.failedHealth(accountId, error, previous)
    if (listed.rows === null || listed.at === null) {
      this.byAccount.set(accountId, { servers: this.entry(accountId).servers, health })
      return
    }
    this.byAccount.set(accountId, { servers: listed.rows, health: { ...health, lastUpdatedAt: listed.at } })
  }

  private noteStatusFailure(accountId: string, error: unknown): void {
    this.deps.logger.warn('live status failed', { accountId, error })
    if (!isFlotillaError(error) || healthStateFor(error.code) === 'error') return
    const previous = this.entry(accountId)
    this.setHealth(accountId, this.failedHealth(accountId, error, previous.health))
  }

  private emitDelta(diff: ServerDiff, renamedKeys: FleetDelta['renamedKeys'] = []): void {
    if (isEmptyDiff(diff) && renamedKeys.length === 0) return
    this.deps.onDelta?.({ ...diff, renamedKeys, generatedAt: this.now().toISOString() })
  }

  private accountOf(key: string): string | undefined {
    for (const [accountId, entry] of this.byAccount) if (entry.servers.some((s) => s.key === key)) return accountId
    return undefined
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

  private isKnown(accountId: string): boolean {
    return this.deps.accounts().some((a) => a.id === accountId)
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
