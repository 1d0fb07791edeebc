// aluy's support tickets behind the tickets port: /tickets (limit/offset pages,
// status filter), /tickets/:id with relatedServices, POST /tickets with serviceIds,
// POST /tickets/:id/reply (409 when closed). No close, reopen or export here.
import { z } from 'zod'
import type { TicketState } from '../../../shared/contracts/tickets'
import { FlotillaError } from '../../../shared/errors'
import type { ProviderTicket, TicketOperations } from '../../tickets/ticket-operations'
import type { AccountContext } from '../provider-adapter'
import { MAX_PAGES } from '../shared'
import { aluyRequest } from './aluy-request'

const PAGE_SIZE = 100
const STATES: Record<string, TicketState> = {
  OPEN: 'open',
  AWAITING_CUSTOMER: 'awaiting-customer',
  AWAITING_STAFF: 'awaiting-staff',
  CLOSED: 'closed'
}

const TicketBody = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.string(),
  priority: z.string().nullable().optional(),
  messageCount: z.number().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional()
})
const MessageBody = z.object({
  id: z.string(),
  author: z.string().optional(),
  body: z.string(),
  staff: z.boolean().optional(),
  createdAt: z.string()
})
const DetailBody = z.object({
  ticket: TicketBody.extend({
    messages: z.array(MessageBody),
    relatedServices: z.array(z.object({ id: z.string(), label: z.string().nullable().optional(), kind: z.string().nullable().optional() })).default([])
  })
})

export const aluyTickets: TicketOperations = {
  canClose: false,
  canExport: false,
  list,
  async thread(ctx, id) {
    const { ticket } = await aluyRequest(ctx, 'GET', `/tickets/${encodeURIComponent(id)}`, DetailBody)
    return {
      ticket: { ...toTicket(ticket), messageCount: ticket.messages.length },
      messages: ticket.messages.map((m) => ({ id: m.id, author: m.author ?? (m.staff ? 'support' : 'you'), body: m.body, staff: m.staff ?? false, createdAt: m.createdAt })),
      services: ticket.relatedServices.map((s) => ({ id: s.id, label: s.label ?? s.id, kind: s.kind ?? null }))
    }
  },
  async reply(ctx, id, message) {
    try {
      await aluyRequest(ctx, 'POST', `/tickets/${encodeURIComponent(id)}/reply`, z.object({ message: z.unknown() }).loose(), { message })
    } catch (error) {
      if (error instanceof FlotillaError && error.status === 409) throw closedTicket(ctx.accountId)
      throw error
    }
  },
  async create(ctx, subject, message, serviceIds) {
    const body = await aluyRequest(ctx, 'POST', '/tickets', z.object({ ticket: z.object({ id: z.string() }).loose() }), {
      subject,
      message,
      ...(serviceIds.length > 0 ? { serviceIds } : {})
    })
    return body.ticket.id
  }
}

async function list(ctx: AccountContext): Promise<ProviderTicket[]> {
  const out: ProviderTicket[] = []
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const body = await aluyRequest(ctx, 'GET', `/tickets?limit=${PAGE_SIZE}&offset=${offset}`, z.object({ tickets: z.array(TicketBody), total: z.number().optional() }))
    out.push(...body.tickets.map(toTicket))
    offset += body.tickets.length
    if (body.tickets.length === 0 || offset >= (body.total ?? offset)) break
  }
  return out
}

function toTicket(t: z.output<typeof TicketBody>): ProviderTicket {
  return {
    id: t.id,
    subject: t.subject,
    state: STATES[t.status] ?? 'open',
    statusText: t.status,
    priority: t.priority ?? null,
    messageCount: t.messageCount ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt
  }
}

export function closedTicket(accountId: string): FlotillaError {
  return new FlotillaError('conflict', 'This ticket is closed, so it cannot take replies. Open a new ticket instead (or reopen it where the provider allows).', {
    status: 409,
    accountId
  })
}
