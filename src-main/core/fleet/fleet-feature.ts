// The fleet feature's services and its slice of the IPC handler table: live
// scheduling, server detail and actions, bulk jobs, local meta and the activity
// log. app-core builds the FleetService; this module builds everything on top.
import type { HandlerTable } from '../../shared/contract'
import type { fleetContract } from '../../shared/contracts/fleet'
import type { Account, AppWarning, ProviderId } from '../../shared/domain'
import type { EventChannel } from '../../shared/ipc-channels'
import { ActivityLog } from '../activity/activity-log'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { BulkJobs } from '../servers/bulk-jobs'
import { MetaStore } from '../servers/meta-store'
import { ServerService } from '../servers/server-service'
import type { FleetService } from './fleet-service'
import { LiveScheduler } from './live-scheduler'
import { backupHandlers, type BackupHandlers } from '../servers/backup-handlers'
import { firewallHandlers, type FirewallHandlers } from '../servers/firewall-handlers'

export interface FleetFeatureDeps {
  readonly userDataDir: string
  readonly logger: Logger
  readonly fleet: FleetService
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly emit: (event: EventChannel, payload: unknown) => void
  /** Start the live loop (default true). */
  readonly live?: boolean
  /** Told when a state file (server-meta.json, fleet-live.json) was damaged and reset. */
  readonly onWarning?: (warning: AppWarning) => void
}

export type FleetHandlers = Pick<HandlerTable, keyof typeof fleetContract> & BackupHandlers & FirewallHandlers

export interface FleetFeature {
  readonly handlers: FleetHandlers
  readonly live: LiveScheduler
  readonly servers: ServerService
  dispose(): Promise<void>
}

export async function createFleetFeature(deps: FleetFeatureDeps): Promise<FleetFeature> {
  const { fleet, emit } = deps
  const activity = new ActivityLog({ userDataDir: deps.userDataDir, logger: deps.logger, onAdded: (e) => emit('activity.added', e) })
  const meta = new MetaStore(deps.userDataDir, deps.logger)
  await meta.load(deps.onWarning)
  const servers = new ServerService({
    fleet,
    activity,
    logger: deps.logger,
    accounts: deps.accounts,
    contextFor: deps.contextFor,
    adapterFor: deps.adapterFor,
    onKeyChanged: async (from, to) => {
      await meta.rename(from, to)
      emit('servers.metaChanged', meta.get([to]))
    }
  })
  const bulk = new BulkJobs({ fleet, servers, onProgress: (p) => emit('jobs.progress', p) })
  const live = new LiveScheduler({ fleet, userDataDir: deps.userDataDir, logger: deps.logger })
  await live.load(deps.onWarning)
  if (deps.live !== false) live.start()

  const portDeps = { activity, fleet, accounts: deps.accounts, contextFor: deps.contextFor, adapterFor: deps.adapterFor }
  const handlers: FleetHandlers = {
    'fleet.getLive': async () => live.state(),
    'fleet.setLive': async (input) => live.configure(input),
    'fleet.setVisible': async ({ keys }) => ({ accepted: live.setVisible(keys) }),
    'fleet.tick': async () => {
      await live.tick()
      return live.state()
    },
    'servers.detail': async ({ key }) => servers.detail(key),
    'servers.metrics': async ({ key, timeframe }) => servers.metrics(key, timeframe),
    'servers.templates': async ({ key }) => servers.templates(key),
    'servers.upgradeQuote': async ({ key }) => servers.upgradeQuote(key),
    'servers.action': async (input) => servers.act(input),
    'servers.bulk': async ({ keys, action }) => bulk.start(keys, action),
    'servers.meta': async (input) => meta.get(input?.keys),
    'servers.setMeta': async (input) => {
      const changed = await meta.set(input)
      emit('servers.metaChanged', changed)
      return changed
    },
    'jobs.get': async ({ jobId }) => bulk.get(jobId),
    'activity.list': async (input) => activity.list(input ?? {}),
    ...backupHandlers(portDeps),
    ...firewallHandlers(portDeps)
  }

  const dispose = async (): Promise<void> => {
    live.dispose()
    await bulk.settle()
    await activity.flush()
  }
  return { handlers, live, servers, dispose }
}
