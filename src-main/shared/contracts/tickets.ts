// Support tickets across accounts (issue 6): one list (unread staff replies
// first), threads with their attached servers, reply, create with servers
// attached, elizon close / reopen / HTML export. Threads are cached encrypted in
// main and readable offline. Compiled for main and renderer: zod only.
import { z } from 'zod'
import { AccountId, ProviderId } from '../domain'
import { SerializedError } from '../errors'
import { ServerKey } from './fleet'
import { TicketKey } from './ids'

/** Both providers' statuses, normalised: who is expected to answer next. */
export const TICKET_STATES = ['open', 'awaiting-customer', 'awaiting-staff', 'closed'] as const
export const TicketState = z.enum(TICKET_STATES)
export type TicketState = z.infer<typeof TicketState>

/** `${accountId}:${ticketId}` (see ids.ts) */
export { TicketKey }

export const TicketSummary = z.object({
  key: z.string(),
  accountId: AccountId,
  provider: ProviderId,
  id: z.string(),
  subject: z.string(),
  state: TicketState,
  /** The provider's own word. */
  statusText: z.string(),
  priority: z.string().nullable(),
  messageCount: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Staff answered since the user last opened the thread. */
  unreadStaff: z.boolean()
})
export type TicketSummary = z.infer<typeof TicketSummary>

export const TicketMessage = z.object({
  id: z.string(),
  author: z.string(),
  body: z.string(),
  staff: z.boolean(),
  createdAt: z.string()
})
export type TicketMessage = z.infer<typeof TicketMessage>

export const TicketService = z.object({
  /** The fleet's server key (link target). */
  serverKey: z.string(),
  label: z.string(),
  kind: z.string().nullable()
})

export const TicketThread = z.object({
  summary: TicketSummary,
  messages: z.array(TicketMessage),
  services: z.array(TicketService),
  /** Shown from the encrypted cache because the provider could not be reached. */
  fromCache: z.boolean(),
  cachedAt: z.string().nullable(),
  canClose: z.boolean(),
  canExport: z.boolean()
})
export type TicketThread = z.infer<typeof TicketThread>

export const AccountTicketsState = z.object({
  accountId: AccountId,
  /** live: fetched now; cached: provider unreachable, the cached list is shown. */
  source: z.enum(['live', 'cached', 'none']),
  syncedAt: z.string().nullable(),
  error: SerializedError.nullable()
})

export const TicketsOverview = z.object({ tickets: z.array(TicketSummary), accounts: z.array(AccountTicketsState) })
export type TicketsOverview = z.infer<typeof TicketsOverview>

/** Unread staff replies first, then the most recently updated. */
export function sortTickets(list: readonly TicketSummary[]): TicketSummary[] {
  return [...list].sort((a, b) => Number(b.unreadStaff) - Number(a.unreadStaff) || b.updatedAt.localeCompare(a.updatedAt))
}

const Body = z.string().trim().min(1, 'message is empty').max(20_000, 'message is too long')

export const CreateTicketInput = z
  .object({
    subject: z.string().trim().min(1, 'subject is empty').max(200, 'subject is too long'),
    message: Body,
    /** Servers to attach; their accounts decide where the ticket goes (one ticket per account). */
    serverKeys: z.array(ServerKey).max(100).default([]),
    /** Required when no server is attached. */
    accountId: AccountId.optional()
  })
  .refine((t) => t.serverKeys.length > 0 || t.accountId !== undefined, { message: 'choose an account or attach a server' })
export type CreateTicketInput = z.input<typeof CreateTicketInput>

export const CreateTicketResult = z.object({
  created: z.array(z.object({ accountId: AccountId, key: z.string() })),
  failures: z.array(z.object({ accountId: AccountId, error: SerializedError }))
})
export type CreateTicketResult = z.infer<typeof CreateTicketResult>

/** Main's poller found a staff answer the user has not seen (only with `ticketNotifications` on). */
export const StaffReplied = z.object({
  accountId: AccountId,
  ticketId: z.string(),
  /** The ticket key, for opening it. */
  key: z.string(),
  subject: z.string()
})
export type StaffReplied = z.infer<typeof StaffReplied>

export const ticketsEvents = {
  'tickets.staffReplied': StaffReplied
} as const

const KeyInput = z.object({ key: TicketKey })

export const ticketsContract = {
  'tickets.list': { input: z.object({ refresh: z.boolean().optional() }).optional(), output: TicketsOverview },
  'tickets.get': { input: KeyInput, output: TicketThread },
  'tickets.reply': { input: z.object({ key: TicketKey, message: Body }), output: TicketThread },
  'tickets.create': { input: CreateTicketInput, output: CreateTicketResult },
  'tickets.setState': { input: z.object({ key: TicketKey, state: z.enum(['open', 'closed']) }), output: TicketThread },
  'tickets.export': { input: KeyInput, output: z.object({ fileName: z.string(), html: z.string() }) }
} as const
