// elizon's billing behind the BillingPort. An API key cannot read the wallet
// (GET /api/auth/me is session-only), so the snapshot has no wallet and the
// fleet's own servers stand in for the billed services. Invoices page with
// offset/hasMore; PDFs come from /invoices/:id/document. The per-key rate limit
// is waited out (the HTTP client honours retryAfter and X-RateLimit-Remaining).
import { z } from 'zod'
import type { AutoCharge } from '../../../shared/contracts/billing'
import { FlotillaError } from '../../../shared/errors'
import type { BillingPort, BillingSnapshot, InvoiceRecord, PdfAnswer } from '../billing-port'
import type { AccountContext } from '../provider-adapter'
import { collectOffsetPages, declaredLength } from '../shared'
import { readItems } from './elizon-items'
import { elizonCall, elizonJson } from './elizon-request'
import { pathOf } from '../paths'

const PAGE_SIZE = 100
const Id = z.union([z.string().min(1), z.number()]).transform(String)
const Cents = z.number().transform((n) => Math.round(n))

const Item = z.object({
  description: z.string(),
  quantity: z.number().nullable().optional(),
  unitCents: z.number().nullable().optional(),
  totalCents: Cents
})

const Invoice = z.object({
  id: Id,
  number: z.string(),
  status: z.string().nullable().optional(),
  createdAt: z.string(),
  dueAt: z.string().nullable().optional(),
  totalCents: Cents,
  netCents: Cents.optional(),
  taxCents: Cents.optional(),
  currency: z.string().default('EUR'),
  items: z.array(Item).optional(),
  billingAddress: z
    .object({
      name: z.string().nullable().optional(),
      street: z.string().nullable().optional(),
      zip: z.string().nullable().optional(),
      city: z.string().nullable().optional(),
      country: z.string().nullable().optional()
    })
    .nullable()
    .optional()
})
type Invoice = z.output<typeof Invoice>

const ListBody = z.object({
  invoices: z.array(z.unknown()),
  pagination: z.object({ total: z.number().optional(), hasMore: z.boolean().optional() }).nullable().optional()
})

export const elizonBilling: BillingPort = {
  snapshot: async (): Promise<BillingSnapshot> => ({ wallet: null, hourly: null, services: null }),
  setAutoCharge: async (ctx: AccountContext): Promise<AutoCharge> => {
    throw new FlotillaError('unavailable', 'elizon has no invoice auto-charge setting reachable with an API key.', { accountId: ctx.accountId })
  },
  listInvoices: elizonListInvoices,
  getInvoice: async (ctx, id) => toRecord((await elizonGet(ctx, pathOf`/invoices/${id}`, z.object({ invoice: Invoice }))).invoice),
  getInvoicePdf: elizonInvoicePdf
}

async function elizonListInvoices(ctx: AccountContext): Promise<InvoiceRecord[]> {
  return collectOffsetPages(
    async (offset) => {
      const body = await elizonGet(ctx, `/invoices?offset=${offset}&limit=${PAGE_SIZE}`, ListBody)
      // hasMore is the documented signal; a short page ends a list that does not send it.
      const hasMore = body.pagination?.hasMore ?? body.invoices.length >= PAGE_SIZE
      return { items: readItems(body.invoices, Invoice, (i) => i, invoiceStandIns, { status: 'UNREADABLE' }), done: !hasMore }
    },
    toRecord,
    { url: ctx.baseUrl, accountId: ctx.accountId }
  )
}

/** What an odd invoice shows where its own field does not read: its id as number, no amounts, no lines. */
function invoiceStandIns(id: string): Record<string, unknown> {
  return { number: id, status: null, createdAt: new Date(0).toISOString(), dueAt: null, totalCents: 0, netCents: undefined, taxCents: undefined, currency: 'EUR', items: undefined, billingAddress: null }
}

function toRecord(i: Invoice): InvoiceRecord {
  const taxCents = i.taxCents ?? 0
  const netCents = i.netCents ?? i.totalCents - taxCents
  const a = i.billingAddress ?? null
  const billTo = a === null ? [] : [a.name, a.street, [a.zip, a.city].filter(Boolean).join(' '), a.country].filter((v): v is string => typeof v === 'string' && v.trim() !== '')
  return {
    id: i.id,
    number: i.number,
    issuedAt: i.createdAt,
    currency: i.currency,
    netCents,
    vatCents: taxCents,
    totalCents: i.totalCents,
    status: i.status ?? null,
    dueAt: i.dueAt ?? null,
    lines: (i.items ?? []).map((it) => ({ label: it.description, quantity: it.quantity ?? null, totalCents: it.totalCents })),
    vatLines: netCents > 0 ? [{ rateBps: Math.round((taxCents / netCents) * 10_000), baseCents: netCents, vatCents: taxCents }] : [],
    billTo,
    orderId: null,
    legacy: false,
    // The list already carries the lines; only the detail has the billing address.
    detailed: a !== null
  }
}

async function elizonInvoicePdf(ctx: AccountContext, id: string): Promise<PdfAnswer> {
  const path = pathOf`/invoices/${id}/document`
  const res = await elizonCall<Uint8Array>(ctx, { method: 'GET', path, responseType: 'bytes', waitOnRateLimit: true, timeoutMs: 60_000 })
  return { kind: 'pdf', bytes: res.data, declaredLength: declaredLength(res.headers) }
}

function elizonGet<S extends z.ZodType>(ctx: AccountContext, path: string, schema: S): Promise<z.output<S>> {
  return elizonJson(ctx, { method: 'GET', path, waitOnRateLimit: true }, schema)
}
