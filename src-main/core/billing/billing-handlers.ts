// Builds the billing feature (services, encrypted cache) and binds it to the
// `billing.*` and `invoices.*` channels. app-core spreads `billing.handlers`.
import { join } from 'node:path'
import type { HandlerTable } from '../../shared/contract'
import type { Account, AppWarning, ProviderId, Server } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import type { EventChannel } from '../../shared/ipc-channels'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import type { SecretStore } from '../secrets/secret-store'
import { BillingService } from './billing-service'
import { type CacheKeyStore } from './cache-crypto'
import { InvoiceCache } from './invoice-cache'
import { InvoiceService } from './invoice-service'

/**
 * Electron: a save dialog, then the write; resolves with the chosen path, or null when the user cancelled.
 * A 'private-key' file is written readable by its owner only (0600).
 */
export type SaveFile = (suggestedName: string, bytes: Uint8Array, kind: SaveKind) => Promise<string | null>
export type SaveKind = 'pdf' | 'csv' | 'private-key'

export interface BillingFeatureDeps {
  readonly userDataDir: string
  readonly cacheDir: string
  readonly secretStore: SecretStore
  /** The one cache key (keychain entry "cache-key"), shared by every encrypted cache. */
  readonly cacheKeys: CacheKeyStore
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly servers: () => readonly Server[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly emit: (event: EventChannel, payload: unknown) => void
  /** Absent in the web harness: the renderer then offers a browser download. */
  readonly saveFile?: SaveFile
  /** Told when invoice-sync.json was damaged and "keep invoices offline" reset. */
  readonly onWarning?: (warning: AppWarning) => void
}

type BillingChannel = Extract<keyof HandlerTable, `billing.${string}` | `invoices.${string}`>

export interface BillingFeature {
  readonly handlers: Pick<HandlerTable, BillingChannel>
  readonly invoices: InvoiceService
  start(): Promise<void>
  dispose(): Promise<void>
}

export function createBillingFeature(deps: BillingFeatureDeps): BillingFeature {
  const cache = new InvoiceCache(deps.cacheDir, deps.cacheKeys)
  const invoices = new InvoiceService({
    cache,
    settingsPath: join(deps.userDataDir, 'invoice-sync.json'),
    logger: deps.logger,
    accounts: deps.accounts,
    contextFor: deps.contextFor,
    adapterFor: deps.adapterFor,
    onStatus: (status) => deps.emit('invoices.sync', status),
    onChanged: () => deps.emit('invoices.changed', { at: new Date().toISOString() }),
    ...(deps.onWarning ? { onWarning: deps.onWarning } : {})
  })
  const billing = new BillingService({ ...deps, invoices })
  const save = async (name: string, bytes: Uint8Array, kind: 'pdf' | 'csv') => {
    if (!deps.saveFile) throw new FlotillaError('unavailable', 'Saving through a dialog is not available here.')
    const path = await deps.saveFile(name, bytes, kind)
    return path === null ? { saved: false } : { saved: true, path }
  }
  const handlers: BillingFeature['handlers'] = {
    'billing.overview': async () => billing.overview(),
    'billing.setAutoCharge': async ({ accountId, enabled }) => billing.setAutoCharge(accountId, enabled),
    'invoices.list': async () => invoices.list(),
    'invoices.refresh': async () => invoices.refresh(),
    'invoices.get': async ({ key }) => invoices.detail(key),
    'invoices.pdf': async ({ key, refresh }) => invoices.pdf(key, refresh ?? false),
    'invoices.savePdf': async ({ key }) => {
      const { bytes, fileName } = await invoices.pdfBytes(key)
      return save(fileName, bytes, 'pdf')
    },
    'invoices.saveCsv': async ({ fileName, csv }) => save(fileName, Buffer.from(csv, 'utf8'), 'csv'),
    'invoices.syncStatus': async () => invoices.status(),
    'invoices.setKeepOffline': async ({ enabled }) => invoices.setKeepOffline(enabled)
  }
  return { handlers, invoices, start: () => invoices.start(), dispose: () => invoices.dispose() }
}
