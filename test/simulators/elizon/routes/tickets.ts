// Tickets (shapes agreed for the simulator; the reference names only the routes):
//   T = { id, subject, status: OPEN|ANSWERED|CUSTOMER_REPLY|CLOSED, priority: LOW|MEDIUM|HIGH,
//         serviceId: string|null, messageCount, createdAt, updatedAt }
//   GET    /tickets?page=&limit=   → { success, tickets: [T], pagination: { page, limit, total, pages } }
//   POST   /tickets {subject, message, priority?, serviceId?} → 201 { success, ticket: T & { messages } }
//   GET    /tickets/:id            → { success, ticket: T & { messages: [{ id, body, author, staff, createdAt }] } }
//   POST   /tickets/:id {message}  → 201 { success, message }   (400 INVALID_STATE when CLOSED)
//   PATCH  /tickets/:id {status: "OPEN"|"CLOSED"} → { success, ticket: T }
//   GET    /tickets/:id/export     → text/html chat history
import { asRecord, readJson, trimmedString } from '../../core/body'
import { isoAt } from '../../core/paging'
import { json, raw } from '../../core/reply'
import { referenceList } from '../reference'
import { variantOn, withExtras } from '../variant'
import type { ElizonTicket } from '../model'
import { fail, invalid, isReply, notFound, ok, pageQuery, pagePayload, type ElizonRouter } from '../context'

const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const

export function registerTicketRoutes(router: ElizonRouter): void {
  router.get('/tickets', ({ url, account, options }) => {
    const q = pageQuery(url)
    if (isReply(q)) return q
    const { slice, pagination } = pagePayload(account.tickets, q.page, q.limit)
    const tickets = slice.map((t) => (variantOn(options) ? withExtras(summary(t)) : summary(t)))
    return json(200, referenceList('/tickets', tickets, pagination))
  })

  router.post('/tickets', async ({ req, account, state }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const subject = trimmedString(input.subject)
    const message = trimmedString(input.message)
    const priority = input.priority ?? 'MEDIUM'
    const errors = [
      ...(subject ? [] : ['subject is required']),
      ...(message ? [] : ['message is required']),
      ...((PRIORITIES as readonly unknown[]).includes(priority) ? [] : ['priority must be LOW, MEDIUM or HIGH'])
    ]
    if (errors.length || !subject || !message) return invalid(...errors)
    const serviceId = typeof input.serviceId === 'string' && state.findService(account.sim.id, input.serviceId) ? input.serviceId : null
    const now = isoAt(Date.now())
    const ticket: ElizonTicket = {
      id: state.rng.cuid(),
      subject,
      status: 'OPEN',
      priority: priority as ElizonTicket['priority'],
      serviceId,
      messages: [{ id: state.rng.cuid(), body: message, author: account.user.name, staff: false, createdAt: now }],
      createdAt: now,
      updatedAt: now
    }
    account.tickets.unshift(ticket)
    return ok({ ticket: { ...summary(ticket), messages: ticket.messages } }, 201)
  })

  router.get('/tickets/:id', ({ params, account }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    return ticket ? ok({ ticket: { ...summary(ticket), messages: ticket.messages } }) : notFound()
  })

  router.post('/tickets/:id', async ({ req, params, account, state }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    if (!ticket) return notFound()
    const body = await readJson(req)
    const text = trimmedString(asRecord(body.ok ? body.value : undefined).message)
    if (!text) return invalid('message is required')
    if (ticket.status === 'CLOSED') return fail(400, 'Ticket is closed', { errorKey: 'INVALID_STATE' })
    const now = isoAt(Date.now())
    const message = { id: state.rng.cuid(), body: text, author: account.user.name, staff: false, createdAt: now }
    ticket.messages.push(message)
    ticket.status = 'CUSTOMER_REPLY'
    ticket.updatedAt = now
    return ok({ message }, 201)
  })

  router.patch('/tickets/:id', async ({ req, params, account }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    if (!ticket) return notFound()
    const body = await readJson(req)
    const status = asRecord(body.ok ? body.value : undefined).status
    if (status !== 'OPEN' && status !== 'CLOSED') return invalid('status must be OPEN or CLOSED')
    ticket.status = status
    ticket.updatedAt = isoAt(Date.now())
    return ok({ ticket: summary(ticket) })
  })

  router.get('/tickets/:id/export', ({ params, account }) => {
    const ticket = account.tickets.find((t) => t.id === params.id)
    return ticket ? raw(200, 'text/html; charset=utf-8', exportHtml(ticket)) : notFound()
  })
}

function summary(t: ElizonTicket): Record<string, unknown> {
  return { id: t.id, subject: t.subject, status: t.status, priority: t.priority, serviceId: t.serviceId, messageCount: t.messages.length, createdAt: t.createdAt, updatedAt: t.updatedAt }
}

function exportHtml(t: ElizonTicket): string {
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  const rows = t.messages.map((m) => `<article><h2>${esc(m.author)} <time>${esc(m.createdAt)}</time></h2><p>${esc(m.body)}</p></article>`).join('\n')
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>Ticket ${esc(t.subject)}</title></head><body>\n<h1>${esc(t.subject)}</h1>\n${rows}\n</body></html>\n`
}
