// GET/POST /tickets, GET /tickets/:id, POST /tickets/:id/reply (409 when CLOSED).
import { asRecord, readJson, trimmedString } from '../../core/body'
import { filterIf, isoAt, pageSlice } from '../../core/paging'
import { json } from '../../core/reply'
import { TICKET_STATUSES, type AluyTicket } from '../model'
import { enumParam, fail, isReply, pageParams, type AluyRouter } from '../context'

export function registerTicketRoutes(router: AluyRouter): void {
  router.get('/tickets', ({ url, account }) => {
    const page = pageParams(url)
    if (isReply(page)) return page
    const status = enumParam(url, 'status', TICKET_STATUSES, 'status')
    if (isReply(status)) return status
    const tickets = filterIf(account.tickets, status ? (t) => t.status === status : null)
    return json(200, { tickets: pageSlice(tickets, page.offset, page.limit).map(ticketSummary), total: tickets.length, limit: page.limit, offset: page.offset })
  })

  router.post('/tickets', async ({ req, account, state }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const subject = trimmedString(input.subject)
    const message = trimmedString(input.message)
    if (!subject) return fail(400, 'Subject is required')
    if (!message) return fail(400, 'Message is required')
    const requested = Array.isArray(input.serviceIds) ? input.serviceIds.filter((id): id is string => typeof id === 'string') : []
    const now = isoAt(Date.now())
    const ticket: AluyTicket = {
      id: state.rng.cuid(),
      subject,
      status: 'OPEN',
      priority: 'NORMAL',
      // Ids the account does not own are dropped without a word, as the API does.
      serviceIds: requested.filter((id) => state.findService(account.sim.id, id) !== undefined),
      messages: [{ id: state.rng.cuid(), author: account.user.email, body: message, staff: false, createdAt: now }],
      createdAt: now,
      updatedAt: now
    }
    account.tickets.unshift(ticket)
    return json(201, {
      ticket: { id: ticket.id, subject, status: ticket.status, messages: ticket.messages.map(({ id, body: text, createdAt }) => ({ id, body: text, createdAt })), createdAt: now }
    })
  })

  router.get('/tickets/:id', ({ params, account, state }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    if (!ticket) return fail(404, 'Ticket not found')
    const relatedServices = ticket.serviceIds.flatMap((id) => {
      const s = state.findService(account.sim.id, id)
      return s ? [{ id: s.id, label: s.label, kind: s.kind }] : []
    })
    const { serviceIds: _ids, ...rest } = ticket
    return json(200, { ticket: { ...rest, relatedServices } })
  })

  router.post('/tickets/:id/reply', async ({ req, params, account, state }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    if (!ticket) return fail(404, 'Ticket not found')
    const body = await readJson(req)
    const text = trimmedString(asRecord(body.ok ? body.value : undefined).message)
    if (!text) return fail(400, 'Message is required')
    if (ticket.status === 'CLOSED') return fail(409, 'Ticket is closed')
    const now = isoAt(Date.now())
    const message = { id: state.rng.cuid(), author: account.user.email, body: text, staff: false, createdAt: now }
    ticket.messages.push(message)
    ticket.status = 'AWAITING_STAFF'
    ticket.updatedAt = now
    return json(201, { message: { id: message.id, body: message.body, createdAt: now } })
  })
}

function ticketSummary(t: AluyTicket): Record<string, unknown> {
  return { id: t.id, subject: t.subject, status: t.status, priority: t.priority, messageCount: t.messages.length, createdAt: t.createdAt, updatedAt: t.updatedAt }
}
