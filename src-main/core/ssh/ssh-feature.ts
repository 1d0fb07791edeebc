// Builds the SSH terminal feature from what app-core already has, so app-core's
// edit stays a few lines: the fleet's servers, the accounts, the server meta
// (per-server overrides live there) and the activity log (reinstalls).
import { homedir } from 'node:os'
import type { HandlerTable } from '../../shared/contract'
import type { SshOverride } from '../../shared/contracts/ssh'
import type { Account, Server } from '../../shared/domain'
import type { EventChannel } from '../../shared/ipc-channels'
import type { Logger } from '../logging/logger'
import type { SecretStore } from '../secrets/secret-store'
import { sshHandlers } from './ssh-handlers'
import { SshService, type SshServiceDeps } from './ssh-service'

export interface SshFeatureDeps {
  readonly userDataDir: string
  readonly secrets: SecretStore
  readonly logger: Logger
  readonly emit: (event: EventChannel, payload: unknown) => void
  readonly servers: () => readonly Server[]
  readonly accounts: () => readonly Account[]
  /** The fleet feature's handlers: servers.meta / servers.setMeta / activity.list. */
  readonly fleetHandlers: Pick<HandlerTable, 'servers.meta' | 'servers.setMeta' | 'activity.list'>
  readonly openWindow?: SshServiceDeps['openWindow']
  /** Tests: a home with its own ~/.ssh, an agent socket, shorter timeouts. */
  readonly options?: Partial<Pick<SshServiceDeps, 'homeDir' | 'env' | 'platform' | 'connectTimeoutMs' | 'heldKeys'>>
}

export interface SshFeature {
  readonly service: SshService
  readonly handlers: ReturnType<typeof sshHandlers>
  dispose(): void
}

export async function createSshFeature(deps: SshFeatureDeps): Promise<SshFeature> {
  const fleet = deps.fleetHandlers
  const service = new SshService({
    userDataDir: deps.userDataDir,
    homeDir: deps.options?.homeDir ?? homedir(),
    env: deps.options?.env ?? process.env,
    platform: deps.options?.platform ?? process.platform,
    secrets: deps.secrets,
    logger: deps.logger,
    emit: deps.emit,
    serverByKey: (key) => deps.servers().find((s) => s.key === key),
    accountById: (id) => deps.accounts().find((a) => a.id === id),
    overrideOf: async (key): Promise<SshOverride> => (await fleet['servers.meta']({ keys: [key] }))[key]?.ssh ?? {},
    saveOverride: async (key, override) => {
      await fleet['servers.setMeta']({ keys: [key], ssh: override })
    },
    reinstalledAt: async (key) => {
      const entries = await fleet['activity.list']({ limit: 1000 })
      const hit = entries.find((e) => e.serverKey === key && e.action === 'reinstall' && e.result === 'ok')
      return hit?.at ?? null
    },
    ...(deps.openWindow ? { openWindow: deps.openWindow } : {}),
    ...(deps.options?.connectTimeoutMs ? { connectTimeoutMs: deps.options.connectTimeoutMs } : {}),
    ...(deps.options?.heldKeys ? { heldKeys: deps.options.heldKeys } : {})
  })
  await service.load()
  return { service, handlers: sshHandlers(service), dispose: () => service.closeAll() }
}
