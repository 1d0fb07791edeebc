// The port every provider implements. Everything above it speaks the normalised
// domain (Account, Server, …); provider names, URL shapes, body shapes and
// quirks stay inside the adapter that owns them.
import type { ProviderId, Server, VerifyResult } from '../../shared/domain'
import type { ConsoleAccess, ConsoleStreamHandlers } from '../console/console-access'
import type { AccountContext } from './account-context'
import type { ServerOperations } from '../servers/server-operations'
import type { BillingPort } from './billing-port'
import type { OrderOperations } from '../orders/order-operations'
import type { SshKeyOperations } from '../ssh-keys/ssh-key-operations'
import type { TicketOperations } from '../tickets/ticket-operations'

export type { AccountContext }

/** Which optional features a provider offers, so the UI only shows what works. */
export interface ProviderCapabilities {
  readonly batchStatus: boolean
  readonly pagination: 'limit-offset' | 'page-limit'
}

export interface ListProgress {
  /** Items fetched so far and the total the provider announced (if it did). */
  readonly loaded: number
  readonly total: number | null
}

export interface ListOptions {
  /**
   * false: leave out the per-server live calls (aluy /status); the caller fetches
   * live status itself through `servers.liveStatus`, visible rows first. Default true.
   */
  readonly liveStatus?: boolean
}

export interface ProviderAdapter {
  readonly provider: ProviderId
  readonly capabilities: ProviderCapabilities
  /**
   * Turn what the user pasted into the credential to store. aluy accepts a raw
   * token, `name=value`, or a whole `Cookie:` header and keeps only the session
   * token; elizon trims the key. Throws FlotillaError('validation') when nothing usable is in it.
   */
  normaliseCredential(raw: string): string
  /** A cheap authenticated call that tells whether the credential works, in words. Never throws for HTTP outcomes. */
  verify(ctx: AccountContext): Promise<VerifyResult>
  /** Every server of the account, all pages, normalised. Throws FlotillaError on failure. */
  listServers(ctx: AccountContext, onProgress?: (p: ListProgress) => void, options?: ListOptions): Promise<Server[]>
  /** Live status, detail and the actions the provider offers for one server (the fleet feature). */
  readonly servers?: ServerOperations
  /** Consoles (optional): how to reach the server's console; a fresh single-use ticket per call. */
  openConsole?(ctx: AccountContext, serverId: string): Promise<ConsoleAccess>
  /** Reads a `text` console's event stream until it ends or `signal` aborts. */
  streamConsole?(ctx: AccountContext, streamUrl: string, handlers: ConsoleStreamHandlers, signal: AbortSignal): Promise<void>
  /** Sends one command line to a `text` console. */
  sendConsoleCommand?(ctx: AccountContext, serverId: string, command: string): Promise<void>
  /** Billing and invoices (optional): balances, hourly burn, invoice lists, details and PDFs. */
  readonly billing?: BillingPort
  /** Catalog, prices and orders (issue 6). */
  readonly orders?: OrderOperations
  /** The account's SSH public keys (issue 6). */
  readonly sshKeys?: SshKeyOperations
  /** Support tickets (issue 6). */
  readonly tickets?: TicketOperations
}
