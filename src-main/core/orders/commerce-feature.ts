// Builds the orders, SSH-keys and tickets services (issue 6) and binds them to
// the `catalog.*`, `orders.*`, `sshKeys.*` and `tickets.*` channels, plus the
// staff-answer poller. app-core spreads `handlers`, calls `forget` when an
// account is removed, `settingsChanged` after a settings change, and `dispose`.
import type { HandlerTable } from '../../shared/contract'
import type { EventChannel } from '../../shared/ipc-channels'
import type { SaveFile } from '../billing/billing-handlers'
import { type CacheKeyStore } from '../billing/cache-crypto'
import type { SecretStore } from '../secrets/secret-store'
import { SshKeysService } from '../ssh-keys/ssh-keys-service'
import { TicketCache } from '../tickets/ticket-cache'
import { TicketPoller } from '../tickets/ticket-poller'
import { TicketsService } from '../tickets/tickets-service'
import type { AccountAccess } from './account-access'
import { OrdersService } from './orders-service'

export interface CommerceDeps extends AccountAccess {
  readonly cacheDir: string
  readonly secretStore: SecretStore
  /** The one cache key (keychain entry "cache-key"), shared by every encrypted cache. */
  readonly cacheKeys: CacheKeyStore
  readonly refreshAccount: (accountId: string) => Promise<void>
  /** Electron's save dialog (generated private keys); absent in the web harness. */
  readonly saveFile?: SaveFile
  /** The setting `ticketNotifications`, read when the poller decides. */
  readonly ticketNotifications: () => boolean
  readonly emit: (event: EventChannel, payload: unknown) => void
  /** Default 5 minutes (bounded to 1 min … 1 h). */
  readonly ticketPollMs?: number
}

type CommerceChannel = Extract<keyof HandlerTable, `catalog.${string}` | `orders.${string}` | `sshKeys.${string}` | `tickets.${string}`>

export interface CommerceFeature {
  readonly handlers: Pick<HandlerTable, CommerceChannel>
  readonly ticketPoller: TicketPoller
  forget(accountId: string): void
  /** A setting changed: the poller starts or stops with `ticketNotifications`. */
  settingsChanged(): void
  dispose(): Promise<void>
}

export function createCommerceFeature(deps: CommerceDeps): CommerceFeature {
  const orders = new OrdersService(deps)
  const keys = new SshKeysService(deps)
  const tickets = new TicketsService({ ...deps, cache: new TicketCache(deps.cacheDir, deps.cacheKeys) })
  const ticketPoller = new TicketPoller({
    enabled: deps.ticketNotifications,
    accounts: () => tickets.ticketAccounts(),
    newStaffReplies: (account) => tickets.newStaffReplies(account),
    announce: (reply) => deps.emit('tickets.staffReplied', reply),
    logger: deps.logger,
    ...(deps.ticketPollMs !== undefined ? { intervalMs: deps.ticketPollMs } : {})
  })
  ticketPoller.reconsider()
  const handlers: CommerceFeature['handlers'] = {
    'catalog.get': async ({ accountId }) => orders.catalog(accountId),
    'catalog.promo': async ({ accountId, code, variantId }) => orders.promo(accountId, code, variantId),
    'catalog.price': async (input) => orders.price(input),
    'catalog.compare': async (spec) => orders.compare(spec),
    'orders.place': async (input) => orders.place(input),
    'orders.follow': async ({ serverKey }) => orders.follow(serverKey),
    'orders.list': async () => orders.list(),
    'orders.get': async ({ accountId, orderId }) => orders.detail(accountId, orderId),
    'orders.pay': async ({ accountId, orderId }) => orders.pay(accountId, orderId),
    'sshKeys.list': async () => keys.overview(),
    'sshKeys.add': async ({ accountId, name, publicKey }) => keys.add(accountId, name, publicKey),
    'sshKeys.delete': async ({ accountId, keyId }) => keys.delete(accountId, keyId),
    'sshKeys.generate': async ({ accountId, name }) => keys.generate(accountId, name),
    'sshKeys.push': async ({ accountIds, name, publicKey }) => keys.push(accountIds, name, publicKey),
    'sshKeys.savePrivateKey': async ({ saveId }) => keys.savePrivateKey(saveId),
    'sshKeys.discardPrivateKey': async ({ saveId }) => keys.discardPrivateKey(saveId),
    'tickets.list': async () => tickets.list(),
    'tickets.get': async ({ key }) => tickets.thread(key),
    'tickets.reply': async ({ key, message }) => tickets.reply(key, message),
    'tickets.create': async (input) => tickets.create(input),
    'tickets.setState': async ({ key, state }) => tickets.setState(key, state),
    'tickets.export': async ({ key }) => tickets.exportHtml(key)
  }
  return {
    handlers,
    ticketPoller,
    forget: (accountId) => tickets.forget(accountId),
    settingsChanged: () => ticketPoller.reconsider(),
    dispose: async () => {
      keys.dispose()
      await ticketPoller.dispose()
    }
  }
}
