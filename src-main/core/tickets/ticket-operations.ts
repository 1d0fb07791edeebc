// The part of the provider port the tickets feature adds. Statuses arrive
// already normalised (TicketState) beside the provider's own word.
import type { TicketMessage, TicketState } from '../../shared/contracts/tickets'
import type { AccountContext } from '../providers/account-context'

export interface ProviderTicket {
  readonly id: string
  readonly subject: string
  readonly state: TicketState
  readonly statusText: string
  readonly priority: string | null
  readonly messageCount: number | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface ProviderThread {
  readonly ticket: ProviderTicket
  readonly messages: TicketMessage[]
  /** Attached services by provider id, with the label the provider knows. */
  readonly services: { id: string; label: string; kind: string | null }[]
}

export interface TicketOperations {
  /** Close / reopen and HTML export (elizon). */
  readonly canClose: boolean
  readonly canExport: boolean
  list(ctx: AccountContext): Promise<ProviderTicket[]>
  thread(ctx: AccountContext, id: string): Promise<ProviderThread>
  /** Throws `conflict` in words when the ticket is closed. */
  reply(ctx: AccountContext, id: string, message: string): Promise<void>
  /** Returns the new ticket's id. */
  create(ctx: AccountContext, subject: string, message: string, serviceIds: readonly string[]): Promise<string>
  setState?(ctx: AccountContext, id: string, state: 'open' | 'closed'): Promise<void>
  exportHtml?(ctx: AccountContext, id: string): Promise<string>
}
