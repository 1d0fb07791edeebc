// Every invoice of every account, readable offline. Holds each account's
// encrypted index in memory, answers list/detail/PDF from it, and keeps it
// fresh: a refresh reloads the lists; "keep invoices offline" also fetches every
// detail and PDF in the background (bounded per account, rate limits waited out
// by the HTTP client), saving as it goes so a restart resumes where it stopped.
import { setMaxListeners } from 'node:events'
import pLimit from 'p-limit'
import { z } from 'zod'
import type { InvoiceDetail, InvoiceList, InvoicePdf, InvoiceSummary, InvoiceSyncStatus } from '../../shared/contracts/billing'
import type { Account, AppWarning, ProviderId } from '../../shared/domain'
import { FlotillaError, isFlotillaError, serializeError, type SerializedError } from '../../shared/errors'
import type { Logger } from '../logging/logger'
import type { InvoiceRecord } from '../providers/billing-port'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { setAsideWarning } from '../storage/file-warning'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import { keyMissingError, type CachedInvoice, type InvoiceCache, type InvoiceIndex } from './invoice-cache'

/**
 * Invoices in progress at once per account. The HTTP client sends at most its
 * own per-account cap (4) at a time; twice that many invoices keep it busy
 * while PDFs already received are checked, encrypted and written to disk.
 */
const SYNC_CONCURRENCY = 8
const SAVE_DEBOUNCE_MS = 400
const PROGRESS_EVERY_MS = 150

const SyncSettings = z.object({ keepOffline: z.boolean() })

export interface InvoiceServiceDeps {
  readonly cache: InvoiceCache
  readonly settingsPath: string
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly onStatus: (status: InvoiceSyncStatus) => void
  readonly onChanged: () => void
  readonly now?: () => Date
  /** Told when invoice-sync.json was damaged and "keep invoices offline" reset. */
  readonly onWarning?: (warning: AppWarning) => void
}

interface AccountState {
  index: InvoiceIndex
  problem: SerializedError | null
}

export class InvoiceService {
  private readonly byAccount = new Map<string, AccountState>()
  private keepOffline = false
  private keyMissing = false
  private state: InvoiceSyncStatus['state'] = 'idle'
  private message: string | undefined
  private syncing: Promise<void> | null = null
  private readonly abort = new AbortController()
  private readonly dirty = new Set<string>()
  private saveTimer: NodeJS.Timeout | null = null
  private lastProgressAt = 0

  constructor(private readonly deps: InvoiceServiceDeps) {
    // Every request of a sync listens on this one signal, so it can be stopped at once.
    setMaxListeners(0, this.abort.signal)
  }

  /** Reads every account's cached index and the "keep offline" choice; resumes an unfinished sync. */
  async start(): Promise<void> {
    const settings = await readJsonFile(this.deps.settingsPath, SyncSettings).catch(() => null)
    this.keepOffline = settings?.status === 'ok' && settings.value.keepOffline
    const warning = settings && setAsideWarning('invoice-sync-reset', 'invoice-sync.json', settings, '"Keep invoices offline" is off until you turn it on again.')
    if (warning) this.deps.onWarning?.(warning)
    await Promise.all(this.deps.accounts().map((a) => this.loadAccount(a.id)))
    if (this.keepOffline) this.startSync()
  }

  async dispose(): Promise<void> {
    this.abort.abort()
    await this.syncing?.catch(() => undefined)
    await this.flush()
  }

  list(): InvoiceList {
    const invoices: InvoiceSummary[] = []
    const problems: InvoiceList['problems'] = []
    for (const account of this.deps.accounts()) {
      const state = this.byAccount.get(account.id)
      if (!state) continue
      for (const cached of state.index.invoices) invoices.push(toSummary(account, cached))
      if (state.problem) problems.push({ accountId: account.id, error: state.problem })
    }
    invoices.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
    return { invoices, sync: this.status(), problems }
  }

  /** All cached invoice data, for the spend chart. */
  records(): InvoiceRecord[] {
    return this.liveAccounts().flatMap((a) => this.byAccount.get(a.id)?.index.invoices.map((c) => c.record) ?? [])
  }

  status(): InvoiceSyncStatus {
    let done = 0
    let total = 0
    const synced: string[] = []
    for (const account of this.liveAccounts()) {
      const state = this.byAccount.get(account.id)
      if (!state) continue
      total += state.index.invoices.length
      done += state.index.invoices.filter(isComplete).length
      if (state.index.syncedAt) synced.push(state.index.syncedAt)
    }
    const out: InvoiceSyncStatus = {
      keepOffline: this.keepOffline,
      state: this.keyMissing && this.state !== 'syncing' ? 'key-missing' : this.state,
      done,
      total,
      // The oldest account's sync: "last synced" must not claim more freshness than the stalest account has.
      lastSyncedAt: synced.sort()[0] ?? null
    }
    const message = this.keyMissing && this.state !== 'syncing' ? keyMissingError().message : this.message
    if (message !== undefined) out.message = message
    return out
  }

  async setKeepOffline(enabled: boolean): Promise<InvoiceSyncStatus> {
    this.keepOffline = enabled
    await writeJsonAtomic(this.deps.settingsPath, { keepOffline: enabled })
    if (enabled) this.startSync()
    this.publishStatus(true)
    return this.status()
  }

  /** Reloads every account's list (and, when keeping offline, fetches what is missing). Resolves when the lists are in. */
  async refresh(): Promise<InvoiceList> {
    await Promise.all(this.liveAccounts().map((a) => this.refreshList(a)))
    this.overallState()
    this.deps.onChanged()
    if (this.keepOffline) this.startSync()
    return this.list()
  }

  /** Starts a background sync unless one is running. */
  startSync(): Promise<void> {
    if (this.syncing) return this.syncing
    this.state = 'syncing'
    this.message = undefined
    this.publishStatus(true)
    this.syncing = this.syncAll().finally(() => {
      this.syncing = null
    })
    return this.syncing
  }

  async detail(key: string): Promise<InvoiceDetail> {
    const { account, cached } = this.find(key)
    if (!cached.record.detailed) {
      try {
        await this.fetchDetail(account, cached)
        this.markDirty(account.id)
      } catch (error) {
        // Offline: the summary is still worth showing; the lines arrive with the next sync.
        if (!isNetworkTrouble(error)) throw error
      }
    }
    return toDetail(account, cached)
  }

  async pdf(key: string, refresh = false): Promise<InvoicePdf> {
    const { account, cached } = this.find(key)
    const fileName = `${safeFileName(cached.record.number)}.pdf`
    if (cached.pdf && !refresh) {
      try {
        const bytes = await this.deps.cache.readPdf(account.id, cached.record.id, cached.pdf)
        return { base64: bytes.toString('base64'), fileName, sizeBytes: bytes.byteLength, fromCache: true }
      } catch (error) {
        if (isFlotillaError(error) && error.code === 'keychain-unavailable') throw error
        cached.pdf = null
        cached.pdfDamaged = true
        this.markDirty(account.id)
        this.deps.logger.warn('cached invoice PDF set aside', { accountId: account.id, error })
      }
    }
    if (cached.record.legacy) throw legacyError(account.id)
    const bytes = await this.fetchPdf(account, cached)
    this.markDirty(account.id)
    this.deps.onChanged()
    return { base64: Buffer.from(bytes).toString('base64'), fileName, sizeBytes: bytes.byteLength, fromCache: false }
  }

  /** PDF bytes for saving; same path as viewing. */
  async pdfBytes(key: string): Promise<{ bytes: Buffer; fileName: string }> {
    const pdf = await this.pdf(key)
    return { bytes: Buffer.from(pdf.base64, 'base64'), fileName: pdf.fileName }
  }

  // ── loading and saving ────────────────────────────────────────────────────

  private async loadAccount(accountId: string): Promise<void> {
    const read = await this.deps.cache.readIndex(accountId).catch((error: unknown) => {
      this.deps.logger.warn('invoice cache unreadable', { accountId, error })
      return null
    })
    if (read?.status === 'ok') this.byAccount.set(accountId, { index: read.index, problem: null })
    if (read?.status === 'key-missing') this.keyMissing = true
    if (read?.status === 'corrupt') this.deps.logger.warn('invoice index set aside', { accountId, movedTo: read.movedTo })
  }

  private markDirty(accountId: string): void {
    this.dirty.add(accountId)
    if (this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      void this.flush()
    }, SAVE_DEBOUNCE_MS)
  }

  private async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    const ids = [...this.dirty]
    this.dirty.clear()
    await Promise.all(
      ids.map(async (id) => {
        const state = this.byAccount.get(id)
        if (!state || !this.liveAccounts().some((a) => a.id === id)) return
        try {
          await this.deps.cache.writeIndex(id, state.index)
          this.keyMissing = false
        } catch (error) {
          this.deps.logger.warn('invoice index not written', { accountId: id, error })
        }
      })
    )
  }

  // ── syncing ───────────────────────────────────────────────────────────────

  private async syncAll(): Promise<void> {
    await Promise.all(this.liveAccounts().map((a) => this.syncAccount(a)))
    await this.flush()
    this.overallState()
    this.publishStatus(true)
    this.deps.onChanged()
  }

  private async syncAccount(account: Account): Promise<void> {
    if (!(await this.refreshList(account))) return
    const state = this.byAccount.get(account.id)
    if (!state) return
    const limit = pLimit(SYNC_CONCURRENCY)
    let networkDown = false
    await Promise.all(
      state.index.invoices.filter((c) => !isComplete(c)).map((cached) =>
        limit(async () => {
          if (networkDown || this.abort.signal.aborted) return
          try {
            await this.syncInvoice(account, cached)
          } catch (error) {
            if (isNetworkTrouble(error) || (isFlotillaError(error) && error.code === 'auth-expired')) {
              networkDown = true
              state.problem = serializeError(error)
            } else {
              this.deps.logger.warn('invoice not cached', { accountId: account.id, error })
            }
          }
          this.markDirty(account.id)
          this.publishStatus(false)
        })
      )
    )
    if (!networkDown && !this.abort.signal.aborted && state.index.invoices.every(isComplete)) {
      state.index.syncedAt = this.now().toISOString()
      this.markDirty(account.id)
    }
  }

  /**
   * An invoice's detail and PDF at once: the HTTP client's per-account cap and
   * rate-limit hold still bound them, and its slot is free again while the PDF
   * is checked and written. The PDF is asked before the detail says whether the
   * invoice is legacy, so a legacy aluy invoice costs one extra (400) request.
   */
  private async syncInvoice(account: Account, cached: CachedInvoice): Promise<void> {
    const detail = cached.record.detailed ? undefined : this.fetchDetail(account, cached)
    const pdf = cached.pdf || cached.record.legacy ? undefined : this.downloadPdf(account, cached)
    const outcomes = await Promise.allSettled([detail, pdf])
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
    if (failed) throw failed.reason
  }

  /** One account's list, merged into its index (nothing cached is dropped). False when it could not be loaded. */
  private async refreshList(account: Account): Promise<boolean> {
    const state = this.byAccount.get(account.id) ?? { index: { version: 1, syncedAt: null, invoices: [] }, problem: null }
    this.byAccount.set(account.id, state)
    const adapter = this.deps.adapterFor(account.provider)
    try {
      if (!adapter.billing) throw new FlotillaError('unavailable', 'This provider has no invoices in Flotilla yet.')
      const ctx = await this.ctx(account.id)
      const fresh = await adapter.billing.listInvoices(ctx)
      mergeList(state.index, fresh)
      state.problem = null
      if (!this.keepOffline) state.index.syncedAt = this.now().toISOString()
      this.markDirty(account.id)
      return true
    } catch (error) {
      state.problem = serializeError(error)
      this.deps.logger.warn('invoice list not refreshed', { accountId: account.id, error })
      return false
    }
  }

  private async fetchDetail(account: Account, cached: CachedInvoice): Promise<void> {
    const billing = this.billingOf(account)
    const record = await billing.getInvoice(await this.ctx(account.id), cached.record.id)
    // A PDF answer fetched alongside may already have found the invoice legacy.
    cached.record = { ...record, legacy: record.legacy || cached.record.legacy }
  }

  private async fetchPdf(account: Account, cached: CachedInvoice): Promise<Uint8Array> {
    const bytes = await this.downloadPdf(account, cached)
    if (!bytes) throw legacyError(account.id)
    return bytes
  }

  /** Downloads, checks and caches an invoice's PDF; null when the provider has none (legacy invoice). */
  private async downloadPdf(account: Account, cached: CachedInvoice): Promise<Uint8Array | null> {
    const billing = this.billingOf(account)
    const answer = await billing.getInvoicePdf(await this.ctx(account.id), cached.record.id)
    if (answer.kind === 'legacy') {
      cached.record.legacy = true
      return null
    }
    cached.pdf = await this.deps.cache.writePdf(account.id, cached.record.id, answer.bytes, answer.declaredLength, this.now())
    cached.pdfDamaged = false
    return answer.bytes
  }

  private overallState(): void {
    const problems = this.liveAccounts().map((a) => this.byAccount.get(a.id)?.problem ?? null).filter((p): p is SerializedError => p !== null)
    const offline = problems.some((p) => p.code === 'offline' || p.code === 'timeout')
    this.state = offline ? 'offline' : problems.length > 0 ? 'error' : 'idle'
    this.message = problems[0]?.message
  }

  private publishStatus(force: boolean): void {
    const at = Date.now()
    if (!force && at - this.lastProgressAt < PROGRESS_EVERY_MS) return
    this.lastProgressAt = at
    this.deps.onStatus(this.status())
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private find(key: string): { account: Account; cached: CachedInvoice } {
    const split = key.indexOf(':')
    const accountId = key.slice(0, split)
    const id = key.slice(split + 1)
    const account = this.liveAccounts().find((a) => a.id === accountId)
    const cached = account ? this.byAccount.get(account.id)?.index.invoices.find((c) => c.record.id === id) : undefined
    if (!account || !cached) throw new FlotillaError('not-found', 'That invoice is not known (its account may have been removed).')
    return { account, cached }
  }

  private billingOf(account: Account) {
    const billing = this.deps.adapterFor(account.provider).billing
    if (!billing) throw new FlotillaError('unavailable', 'This provider has no invoices in Flotilla yet.')
    return billing
  }

  private async ctx(accountId: string): Promise<AccountContext> {
    return { ...(await this.deps.contextFor(accountId)), signal: this.abort.signal }
  }

  /** Accounts that still exist: a removed account's invoices vanish with it. */
  private liveAccounts(): Account[] {
    const accounts = this.deps.accounts()
    const live = new Set(accounts.map((a) => a.id))
    for (const id of this.byAccount.keys()) if (!live.has(id)) this.byAccount.delete(id)
    return accounts
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }
}

function mergeList(index: InvoiceIndex, fresh: InvoiceRecord[]): void {
  const known = new Map(index.invoices.map((c) => [c.record.id, c]))
  for (const record of fresh) {
    const existing = known.get(record.id)
    if (!existing) {
      const entry: CachedInvoice = { record, pdf: null, pdfDamaged: false }
      index.invoices.push(entry)
      known.set(record.id, entry)
    } else if (!existing.record.detailed) {
      existing.record = { ...record, legacy: existing.record.legacy || record.legacy }
    }
  }
  index.invoices.sort((a, b) => b.record.issuedAt.localeCompare(a.record.issuedAt))
}

function isComplete(c: CachedInvoice): boolean {
  return c.record.detailed && (c.pdf !== null || c.record.legacy)
}

function pdfState(c: CachedInvoice): InvoiceSummary['pdf'] {
  if (c.record.legacy) return 'legacy'
  if (c.pdf) return 'cached'
  return c.pdfDamaged ? 'damaged' : 'not-cached'
}

function toSummary(account: Account, c: CachedInvoice): InvoiceSummary {
  const r = c.record
  return {
    key: `${account.id}:${r.id}`,
    id: r.id,
    accountId: account.id,
    provider: account.provider,
    number: r.number,
    issuedAt: r.issuedAt,
    currency: r.currency,
    netCents: r.netCents,
    vatCents: r.vatCents,
    totalCents: r.totalCents,
    status: r.status,
    lineLabels: r.lines.map((l) => l.label),
    pdf: pdfState(c)
  }
}

function toDetail(account: Account, c: CachedInvoice): InvoiceDetail {
  const r = c.record
  return { ...toSummary(account, c), lines: r.lines, vatLines: r.vatLines, billTo: r.billTo, orderId: r.orderId, dueAt: r.dueAt, legacy: r.legacy }
}

function legacyError(accountId: string): FlotillaError {
  return new FlotillaError(
    'unavailable',
    'This invoice predates the current invoice format, so the provider has no PDF for it; its data is shown instead.',
    { accountId, status: 400 }
  )
}

function isNetworkTrouble(error: unknown): boolean {
  return isFlotillaError(error) && (error.code === 'offline' || error.code === 'timeout' || error.code === 'cancelled')
}

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'invoice'
}
