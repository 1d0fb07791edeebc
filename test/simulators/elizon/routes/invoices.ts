// GET /invoices (offset-style), GET /invoices/:id (with billingAddress), GET /invoices/:id/document (PDF).
import { renderInvoicePdf } from '../../core/pdf'
import { json, raw } from '../../core/reply'
import { referenceList } from '../reference'
import { variantOn, withExtras } from '../variant'
import type { ElizonInvoice } from '../model'
import { isReply, notFound, offsetQuery, ok, type ElizonRouter } from '../context'

export function registerInvoiceRoutes(router: ElizonRouter): void {
  router.get('/invoices', ({ url, account, options }) => {
    const q = offsetQuery(url)
    if (isReply(q)) return q
    const variant = variantOn(options)
    const invoices = account.invoices.slice(q.offset, q.offset + q.limit).map((i) => (variant ? withExtras(publicInvoice(i)) : publicInvoice(i)))
    const total = account.invoices.length
    return json(200, referenceList('/invoices', invoices, { total, limit: q.limit, offset: q.offset, hasMore: q.offset + invoices.length < total }))
  })

  router.get('/invoices/:id', ({ params, account }) => {
    const invoice = account.invoices.find((i) => i.id === params.id)
    return invoice ? ok({ invoice: { ...publicInvoice(invoice), billingAddress: invoice.billingAddress } }) : notFound()
  })

  router.get('/invoices/:id/document', async ({ params, account }) => {
    const invoice = account.invoices.find((i) => i.id === params.id)
    if (!invoice) return notFound()
    const a = invoice.billingAddress
    const bytes = await renderInvoicePdf({
      number: invoice.number,
      issuedAt: invoice.createdAt,
      billTo: [a.name, a.street, `${a.zip} ${a.city}`, a.country],
      lines: invoice.items.map((it) => ({ label: `${it.quantity} x ${it.description}`, totalCents: it.totalCents })),
      netCents: invoice.netCents,
      taxCents: invoice.taxCents,
      totalCents: invoice.totalCents,
      currency: invoice.currency,
      issuer: 'elizon'
    })
    return raw(200, 'application/pdf', bytes, { 'content-disposition': `attachment; filename="${invoice.number}.pdf"` })
  })
}

function publicInvoice(i: ElizonInvoice): Omit<ElizonInvoice, 'billingAddress'> {
  const { billingAddress: _address, ...rest } = i
  return rest
}
