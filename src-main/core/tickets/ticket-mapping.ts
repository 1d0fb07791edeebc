// What both ticket adapters do once a provider's body is parsed: a ticket and
// its messages in the port's shape, the provider's status word mapped through
// the adapter's own table, and the one "closed ticket" error. Each provider's
// URLs, paging, schemas and status words stay in its adapter.
import type { TicketMessage, TicketState } from '../../shared/contracts/tickets'
import { FlotillaError } from '../../shared/errors'
import type { ProviderThread, ProviderTicket } from './ticket-operations'

/** A provider's status word → our state; a word not in the table counts as open. */
export type TicketStateTable = Readonly<Record<string, TicketState>>

/** The fields both providers send for a ticket (after the adapter's schema). */
export interface RawTicket {
  readonly id: string
  readonly subject: string
  readonly status: string
  readonly priority?: string | null | undefined
  readonly messageCount?: number | null | undefined
  readonly createdAt: string
  readonly updatedAt?: string | undefined
}

export interface RawMessage {
  readonly id: string
  readonly author?: string | undefined
  readonly body: string
  readonly staff?: boolean | undefined
  readonly createdAt: string
}

export function toProviderTicket(t: RawTicket, states: TicketStateTable): ProviderTicket {
  return {
    id: t.id,
    subject: t.subject,
    state: states[t.status] ?? 'open',
    statusText: t.status,
    priority: t.priority ?? null,
    messageCount: t.messageCount ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt
  }
}

function toMessage(m: RawMessage): TicketMessage {
  return { id: m.id, author: m.author ?? (m.staff ? 'support' : 'you'), body: m.body, staff: m.staff ?? false, createdAt: m.createdAt }
}

/** A thread: the count is the messages actually there, whatever the ticket's own count says. */
export function toProviderThread(
  t: RawTicket & { readonly messages: readonly RawMessage[] },
  states: TicketStateTable,
  services: ProviderThread['services']
): ProviderThread {
  return {
    ticket: { ...toProviderTicket(t, states), messageCount: t.messages.length },
    messages: t.messages.map(toMessage),
    services
  }
}

export function closedTicket(accountId: string): FlotillaError {
  return new FlotillaError('conflict', 'This ticket is closed, so it cannot take replies. Open a new ticket instead (or reopen it where the provider allows).', {
    status: 409,
    accountId
  })
}
