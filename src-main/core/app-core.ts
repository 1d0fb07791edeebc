// Main's core without Electron: builds the services and binds them to the IPC
// contract's handler table. Electron (src-main/index.ts) and the web harness
// (test/harness/) both run exactly this.
import { join } from 'node:path'
import type { HandlerTable } from '../shared/contract'
import type { AppWarning } from '../shared/domain'
import { FlotillaError } from '../shared/errors'
import type { EventChannel } from '../shared/ipc-channels'
import { AccountRepository } from './accounts/account-repository'
import { AccountService } from './accounts/account-service'
import { consoleHandlers } from './console/console-handlers'
import { ConsoleService, type ConsoleEdge } from './console/console-service'
import { createFleetFeature } from './fleet/fleet-feature'
import { FleetService } from './fleet/fleet-service'
import { createHttpClient } from './http/fetch-http-client'
import type { HttpClient } from './http/http-client'
import { httpRequestLog } from './logging/http-log'
import type { Logger } from './logging/logger'
import { getAdapter } from './providers/registry'
import type { SecretStore } from './secrets/secret-store'
import { SettingsStore } from './settings/settings-store'
import { applyRequestedReset, resetPending, setResetRequested } from './settings/local-data'
import { cleanUserDataTemps } from './storage/temp-files'
import { createBillingFeature, type SaveFile } from './billing/billing-handlers'
import { CacheKeyStore } from './billing/cache-crypto'
import { createCommerceFeature } from './orders/commerce-feature'
import { createSshFeature, type SshFeatureDeps } from './ssh/ssh-feature'

export interface AppCoreOptions {
  readonly userDataDir: string
  readonly secretStore: SecretStore
  readonly logger: Logger
  readonly appVersion: string
  readonly platform: string
  readonly systemLocale: string
  /** True in the web harness. */
  readonly harness?: boolean
  /** Tests shorten the retry schedule; production uses the references' 2 s / 4 s / 8 s. */
  readonly http?: HttpClient
  /** Open an https URL in the user's browser (Electron: shell.openExternal; harness: refuse). */
  readonly openExternal?: (url: string) => Promise<boolean>
  /** Refresh the fleet right after start (default true). */
  readonly refreshOnStart?: boolean
  /** Learn what lists leave out (aluy locations) in the background. Default true; tests that count requests turn it off. */
  readonly learnFacts?: boolean
  /** Electron: save a file through a save dialog (invoice PDFs, CSV exports); absent in the harness. */
  readonly saveFile?: SaveFile
  /** Electron's console windows (isolated embeds, pop-outs); absent in the harness. */
  readonly console?: ConsoleEdge
  /** SSH terminal (issue 15): Electron's pop-out window; tests' home, agent and timeouts. */
  readonly ssh?: { readonly openWindow?: SshFeatureDeps['openWindow']; readonly options?: SshFeatureDeps['options'] }
}

export type CoreEventListener = (event: EventChannel, payload: unknown) => void

export interface AppCore {
  readonly handlers: HandlerTable
  onEvent(listener: CoreEventListener): () => void
  /** One staff-answer poll round now, as the timer runs it (tests; shares a round already running). */
  pollTicketsNow(): Promise<void>
  dispose(): Promise<void>
}

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const listeners = new Set<CoreEventListener>()
  const emit: CoreEventListener = (event, payload) => listeners.forEach((l) => l(event, payload))
  const warnings: AppWarning[] = []
  const warn = (w: AppWarning | null): void => {
    if (!w) return
    warnings.push(w)
    opts.logger.warn('warning shown to user', { code: w.code })
    emit('app.warning', w)
  }

  const cacheDir = join(opts.userDataDir, 'cache')
  const http = opts.http ?? createHttpClient({ userAgent: `Flotilla/${opts.appVersion}`, onRequest: httpRequestLog(opts.logger) })
  // Leftovers of writes a kill interrupted; before anything reads or writes userData.
  await cleanUserDataTemps(opts.userDataDir)
  // Before any feature reads its files: a reset the user asked for last time.
  warn(await applyRequestedReset(opts.userDataDir))
  const repo = new AccountRepository(opts.userDataDir)
  const settings = new SettingsStore(opts.userDataDir)
  warn(await repo.load())
  warn(await settings.load())
  applyLogLevel(opts.logger, settings.get().logLevel)

  const accounts: AccountService = new AccountService({
    repo,
    secrets: opts.secretStore,
    http,
    logger: opts.logger,
    adapterFor: getAdapter,
    cacheDir,
    onChanged: (list) => emit('accounts.changed', list),
    onRemoved: async (id) => {
      commerce.forget(id)
      await fleet.forget(id)
    },
    onSaved: (account) => void fleet.refresh([account.id])
  })
  const fleet: FleetService = new FleetService({
    cacheDir,
    logger: opts.logger,
    accounts: () => repo.list(),
    contextFor: (id, signal) => accounts.contextFor(id, signal),
    adapterFor: getAdapter,
    onChanged: (snapshot) => emit('fleet.changed', snapshot),
    onHealth: (health) => emit('accounts.health', health),
    onDelta: (delta) => emit('fleet.delta', delta),
    visibleKeys: () => fleetFeature.live.visibleKeys(),
    learnFacts: opts.learnFacts !== false
  })
  await fleet.loadCache()
  const fleetFeature = await createFleetFeature({
    userDataDir: opts.userDataDir,
    logger: opts.logger,
    fleet,
    accounts: () => repo.list(),
    contextFor: (id) => accounts.contextFor(id),
    adapterFor: getAdapter,
    emit,
    live: opts.refreshOnStart !== false,
    onWarning: warn
  })
  if (opts.refreshOnStart !== false) void fleet.refresh()

  const consoles = new ConsoleService({
    logger: opts.logger,
    serverByKey: (key) => fleet.snapshot().servers.find((s) => s.key === key),
    contextFor: (id) => accounts.contextFor(id),
    adapterFor: getAdapter,
    emit,
    edge: opts.console,
    powerAction: (key, action) => fleetFeature.servers.act({ key, action })
  })

  // One key store for every encrypted cache, so two features can never race to create two keys.
  const cacheKeys = new CacheKeyStore(opts.secretStore)
  const billing = createBillingFeature({
    cacheKeys,
    userDataDir: opts.userDataDir,
    cacheDir,
    secretStore: opts.secretStore,
    logger: opts.logger,
    accounts: () => repo.list(),
    servers: () => fleet.snapshot().servers,
    contextFor: (id) => accounts.contextFor(id),
    adapterFor: getAdapter,
    emit,
    onWarning: warn,
    ...(opts.saveFile ? { saveFile: opts.saveFile } : {})
  })
  await billing.start()

  // Orders, SSH keys and tickets (issue 6).
  const commerce = createCommerceFeature({
    cacheKeys,
    logger: opts.logger,
    cacheDir,
    secretStore: opts.secretStore,
    accounts: () => repo.list(),
    contextFor: (id) => accounts.contextFor(id),
    adapterFor: getAdapter,
    servers: () => fleet.snapshot().servers,
    refreshAccount: async (id) => {
      await fleet.refresh([id])
    },
    ticketNotifications: () => settings.get().ticketNotifications === true,
    emit,
    ...(opts.saveFile ? { saveFile: opts.saveFile } : {})
  })

  const ssh = await createSshFeature({
    userDataDir: opts.userDataDir,
    secrets: opts.secretStore,
    logger: opts.logger,
    emit,
    servers: () => fleet.snapshot().servers,
    accounts: () => repo.list(),
    fleetHandlers: fleetFeature.handlers,
    ...(opts.ssh?.openWindow ? { openWindow: opts.ssh.openWindow } : {}),
    ...(opts.ssh?.options ? { options: opts.ssh.options } : {})
  })

  const handlers: HandlerTable = {
    'app.info': async () => ({
      name: 'Flotilla',
      version: opts.appVersion,
      platform: opts.platform,
      systemLocale: opts.systemLocale,
      harness: opts.harness ?? false,
      warnings: [...warnings],
      dataDir: opts.userDataDir,
      resetPending: await resetPending(opts.userDataDir)
    }),
    'app.openExternal': async ({ url }) => {
      if (!opts.openExternal) throw new FlotillaError('unavailable', 'Opening links is not available here.')
      return { opened: await opts.openExternal(url) }
    },
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => {
      const next = await settings.set(patch)
      commerce.settingsChanged()
      applyLogLevel(opts.logger, next.logLevel)
      return next
    },
    'settings.requestReset': async ({ requested }) => ({ pending: await setResetRequested(opts.userDataDir, requested) }),
    'accounts.list': async () => accounts.list(),
    'accounts.verify': async (draft) => accounts.verify(draft),
    'accounts.add': async (input) => accounts.add(input),
    'accounts.update': async (input) => accounts.update(input),
    'accounts.remove': async ({ id }) => ({ removed: await accounts.remove(id) }),
    'accounts.health': async () => fleet.health(),
    'fleet.get': async () => fleet.snapshot(),
    'fleet.refresh': async (input) => fleet.refresh(input?.accountIds),
    // Feature handlers: spread from each feature's handler module, above this marker.
    ...consoleHandlers(consoles),
    ...billing.handlers,
    ...fleetFeature.handlers,
    ...commerce.handlers,
    ...ssh.handlers,
    // @feature-handlers
  }

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    pollTicketsNow: () => commerce.ticketPoller.pollOnce(),
    async dispose() {
      consoles.closeAll()
      ssh.dispose()
      // Background work (refreshes, ticket rounds, invoice syncs, bulk jobs) settles before the core is gone.
      await Promise.all([fleetFeature.dispose(), billing.dispose(), commerce.dispose(), fleet.dispose()])
      listeners.clear()
      await opts.logger.flush()
    }
  }
}

/** The log file's level follows the setting; a logger that cannot change level keeps its own. */
function applyLogLevel(logger: Logger, level: 'info' | 'debug' | undefined): void {
  logger.setLevel?.(level ?? 'info')
}
