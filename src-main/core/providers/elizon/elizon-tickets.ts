// elizon's support tickets behind the tickets port: /tickets (page/limit),
// /tickets/:id, POST /tickets/:id (reply; a closed ticket answers 400),
// PATCH /tickets/:id (close / reopen), GET /tickets/:id/export (HTML).
import { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import type { ProviderTicket, TicketOperations } from '../../tickets/ticket-operations'
import { closedTicket, toProviderThread, toProviderTicket, type TicketStateTable } from '../../tickets/ticket-mapping'
import type { AccountContext } from '../provider-adapter'
import { MAX_PAGES } from '../shared'
import { readItems } from './elizon-items'
import { elizonRequest, elizonText } from './elizon-request'
import { pathOf } from '../paths'

const PAGE_SIZE = 100
const STATES: TicketStateTable = {
  OPEN: 'open',
  ANSWERED: 'awaiting-customer',
  CUSTOMER_REPLY: 'awaiting-staff',
  CLOSED: 'closed'
}

const TicketBody = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  subject: z.string(),
  status: z.string(),
  priority: z.string().nullable().optional(),
  serviceId: z.string().nullable().optional(),
  messageCount: z.number().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional()
})
const MessageBody = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  body: z.string(),
  author: z.string().optional(),
  staff: z.boolean().optional(),
  createdAt: z.string()
})
const ListBody = z.object({ tickets: z.array(z.unknown()), pagination: z.object({ pages: z.number() }).loose().optional() })

export const elizonTickets: TicketOperations = {
  canClose: true,
  canExport: true,
  list,
  async thread(ctx, id) {
    const { ticket } = await elizonRequest(ctx, 'GET', pathOf`/tickets/${id}`, z.object({ ticket: TicketBody.extend({ messages: z.array(MessageBody) }) }))
    // The list and thread give only the service id; the fleet supplies the label.
    return toProviderThread(ticket, STATES, ticket.serviceId ? [{ id: ticket.serviceId, label: ticket.serviceId, kind: null }] : [])
  },
  async reply(ctx, id, message) {
    try {
      await elizonRequest(ctx, 'POST', pathOf`/tickets/${id}`, z.object({}).loose(), { message })
    } catch (error) {
      if (error instanceof FlotillaError && error.status === 400 && (await isClosed(ctx, id))) throw closedTicket(ctx.accountId)
      throw error
    }
  },
  async create(ctx, subject, message, serviceIds) {
    // elizon attaches one service per ticket; the others are named in the message so staff still see them.
    const [first, ...others] = serviceIds
    const text = others.length > 0 ? `${message}\n\nAlso about these services: ${others.join(', ')}` : message
    const body = await elizonRequest(ctx, 'POST', '/tickets', z.object({ ticket: TicketBody }), {
      subject,
      message: text,
      ...(first !== undefined ? { serviceId: first } : {})
    })
    return body.ticket.id
  },
  async setState(ctx, id, state) {
    await elizonRequest(ctx, 'PATCH', pathOf`/tickets/${id}`, z.object({}).loose(), { status: state === 'closed' ? 'CLOSED' : 'OPEN' })
  },
  exportHtml: (ctx, id) => elizonText(ctx, pathOf`/tickets/${id}/export`)
}

/** elizon answers a reply to a closed ticket with a plain 400; the ticket's status tells it apart from a bad message. */
async function isClosed(ctx: AccountContext, id: string): Promise<boolean> {
  try {
    const { ticket } = await elizonRequest(ctx, 'GET', pathOf`/tickets/${id}`, z.object({ ticket: TicketBody }))
    return ticket.status === 'CLOSED'
  } catch {
    return false
  }
}

/** What an odd ticket shows where its own field does not read. */
function ticketStandIns(id: string): Record<string, unknown> {
  return { subject: `Ticket ${id}`, status: 'OPEN', priority: null, serviceId: null, messageCount: null, createdAt: new Date(0).toISOString(), updatedAt: undefined }
}

async function list(ctx: AccountContext): Promise<ProviderTicket[]> {
  const out: ProviderTicket[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await elizonRequest(ctx, 'GET', `/tickets?page=${page}&limit=${PAGE_SIZE}`, ListBody)
    out.push(...readItems(body.tickets, TicketBody, (t) => toProviderTicket(t, STATES), ticketStandIns))
    if (body.tickets.length < PAGE_SIZE || page >= (body.pagination?.pages ?? page)) break
  }
  return out
}
