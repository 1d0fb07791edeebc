// aluy's support tickets behind the tickets port: /tickets (limit/offset pages,
// status filter), /tickets/:id with relatedServices, POST /tickets with serviceIds,
// POST /tickets/:id/reply (409 when closed). No close, reopen or export here.
import { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import type { ProviderTicket, TicketOperations } from '../../tickets/ticket-operations'
import { closedTicket, toProviderThread, toProviderTicket, type TicketStateTable } from '../../tickets/ticket-mapping'
import type { AccountContext } from '../provider-adapter'
import { MAX_PAGES } from '../shared'
import { aluyRequest } from './aluy-request'
import { pathOf } from '../paths'
import { allAluyPages } from './aluy-lists'
import { parseItems } from '../parse-items'

const PAGE_SIZE = 100
const STATES: TicketStateTable = {
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
    const { ticket } = await aluyRequest(ctx, 'GET', pathOf`/tickets/${id}`, DetailBody)
    return toProviderThread(
      ticket,
      STATES,
      ticket.relatedServices.map((s) => ({ id: s.id, label: s.label ?? s.id, kind: s.kind ?? null }))
    )
  },
  async reply(ctx, id, message) {
    try {
      await aluyRequest(ctx, 'POST', pathOf`/tickets/${id}/reply`, z.object({ message: z.unknown() }).loose(), { message })
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
  const raw = await allAluyPages(ctx, (offset) => `/tickets?limit=${PAGE_SIZE}&offset=${offset}`, 'tickets', PAGE_SIZE, MAX_PAGES)
  // A ticket that does not fully read is listed with what could be read; one without an id is left out.
  return parseItems(raw, TicketBody, (t) => toProviderTicket(t, STATES), (item) => {
    const t = LenientTicket.safeParse(item)
    return t.success ? toProviderTicket({ ...t.data, subject: t.data.subject ?? t.data.id, status: t.data.status ?? '', createdAt: t.data.createdAt ?? '' }, STATES) : null
  }).rows
}

const LenientTicket = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  subject: z.string().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  priority: z.string().nullable().optional().catch(null),
  messageCount: z.number().nullable().optional().catch(null),
  createdAt: z.string().optional().catch(undefined),
  updatedAt: z.string().optional().catch(undefined)
})
