// GET /invoices, GET /invoices/:id, GET /invoices/:id/pdf (real PDF bytes; legacy v1 → 400).
import { renderInvoicePdf } from '../../core/pdf'
import { pageSlice } from '../../core/paging'
import { json, raw } from '../../core/reply'
import type { AluyInvoice } from '../model'
import { fail, isReply, pageParams, type AluyRouter } from '../context'

export function registerInvoiceRoutes(router: AluyRouter): void {
  router.get('/invoices', ({ url, account }) => {
    const page = pageParams(url)
    if (isReply(page)) return page
    const invoices = pageSlice(account.invoices, page.offset, page.limit).map(invoiceSummary)
    return json(200, { invoices, total: account.invoices.length, limit: page.limit, offset: page.offset })
  })

  router.get('/invoices/:id', ({ params, account }) => {
    const invoice = account.invoices.find((i) => i.id === params.id)
    return invoice ? json(200, { invoice: invoiceDetail(invoice) }) : fail(404, 'Invoice not found')
  })

  router.get('/invoices/:id/pdf', async ({ params, account }) => {
    const invoice = account.invoices.find((i) => i.id === params.id)
    if (!invoice) return fail(404, 'Invoice not found')
    if (invoice.schemaVersion !== 2) return fail(400, 'PDF generation is only available for current-format invoices')
    const bytes = await renderInvoicePdf({
      number: invoice.number,
      issuedAt: invoice.issuedAt,
      billTo: [invoice.billTo.name, invoice.billTo.country],
      lines: invoice.lines,
      netCents: invoice.subtotalCents,
      taxCents: invoice.vatCents,
      totalCents: invoice.totalCents,
      currency: invoice.currency,
      issuer: 'aluy.net'
    })
    return raw(200, 'application/pdf', bytes, {
      'content-disposition': `attachment; filename="${invoice.number}.pdf"`,
      'cache-control': 'private, no-store'
    })
  })
}

function invoiceSummary(i: AluyInvoice): Record<string, unknown> {
  return { id: i.id, number: i.number, issuedAt: i.issuedAt, currency: i.currency, subtotalCents: i.subtotalCents, vatCents: i.vatCents, totalCents: i.totalCents }
}

function invoiceDetail(i: AluyInvoice): Record<string, unknown> {
  return {
    ...invoiceSummary(i),
    vatLines: [{ rateBps: i.vatRateBps, baseCents: i.subtotalCents, vatCents: i.vatCents }],
    snapshot:
      i.schemaVersion === 2
        ? { schemaVersion: 2, invoiceNumber: i.number, lines: i.lines, billTo: i.billTo }
        : { schemaVersion: 1, number: i.number, items: i.lines.map((l) => ({ description: l.label, amount: l.totalCents })) },
    orderId: i.orderId
  }
}
