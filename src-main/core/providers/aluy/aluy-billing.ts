// aluy's billing behind the BillingPort: /balance (wallet, transactions, the
// invoice auto-charge toggle), /services (hourly burn and each service's billing
// period), /invoices with limit/offset pages, and the PDF endpoint whose 400
// marks a legacy (pre-v2) invoice that only exists as metadata.
import { z } from 'zod'
import type { AutoCharge } from '../../../shared/contracts/billing'
import { FlotillaError } from '../../../shared/errors'
import type { BilledService, BillingPort, BillingSnapshot, InvoiceRecord, PdfAnswer } from '../billing-port'
import type { AccountContext } from '../provider-adapter'
import { parseItems } from '../parse-items'
import { collectOffsetPages, declaredLength, MAX_PAGES } from '../shared'
import { allAluyPages, getAluyList } from './aluy-lists'
import { priceMonthly } from './aluy-monthly-price'
import { aluyCall, aluyRequest } from './aluy-request'
import { pathOf } from '../paths'

const PAGE_SIZE = 100
const Id = z.union([z.string().min(1), z.number()]).transform(String)
const Cents = z.number().transform((n) => Math.round(n))

const AutoChargeBody = z.object({ enabled: z.boolean(), locked: z.boolean().optional().default(false) })

const BalanceBody = z.object({
  balanceCents: Cents,
  billingMode: z.string().nullable().optional(),
  invoiceAutoCharge: AutoChargeBody.nullable().optional(),
  transactions: z
    .array(z.object({ id: Id, amountCents: Cents, type: z.string(), description: z.string().nullable().optional(), createdAt: z.string() }))
    .optional()
    .default([])
})

// What GET /services sends about money per service (the reference's example):
// no monthly price. A monthly service's price is worked out from its spec
// (GET /services/:id metadata) × /vm-config pricing, or its catalog variant;
// see docs/assumptions-aluy.md.
const ServiceBilling = z.object({
  id: Id,
  label: z.string().nullable().optional().catch(null),
  status: z.string().catch(''),
  subscriptionBillingPeriod: z.string().nullable().optional().catch(null),
  nextDueAt: z.string().nullable().optional().catch(null)
})

const HourlySummary = z
  .object({
    totalHourlyRateCents: Cents,
    hoursRemaining: z.number().nullable().optional(),
    pendingInvoiceCents: Cents.optional().default(0)
  })
  .nullable()
  .optional()
  .catch(null)

const InvoiceSummaryBody = z.object({
  id: Id,
  number: z.string(),
  issuedAt: z.string(),
  currency: z.string().default('EUR'),
  subtotalCents: Cents,
  vatCents: Cents,
  totalCents: Cents
})

/** What an invoice that does not fully read still shows: its id, and zero where an amount is unreadable. */
const LenientInvoice = z.object({
  id: Id,
  number: z.string().catch(''),
  issuedAt: z.string().catch(''),
  currency: z.string().catch('EUR'),
  subtotalCents: Cents.catch(0),
  vatCents: Cents.catch(0),
  totalCents: Cents.catch(0)
})

const Line = z.object({ label: z.string(), totalCents: Cents, quantity: z.number().optional() })
const InvoiceDetailBody = z.object({
  invoice: InvoiceSummaryBody.extend({
    vatLines: z.array(z.object({ rateBps: z.number().int(), baseCents: Cents, vatCents: Cents })).optional().default([]),
    snapshot: z
      .object({
        schemaVersion: z.number().optional(),
        lines: z.array(Line).optional(),
        items: z.array(z.object({ description: z.string(), amount: Cents })).optional(),
        billTo: z.object({ name: z.string().optional(), country: z.string().optional() }).passthrough().nullable().optional()
      })
      .nullable()
      .optional(),
    orderId: z.string().nullable().optional()
  })
})

export const aluyBilling: BillingPort = {
  snapshot: aluySnapshot,
  setAutoCharge: aluySetAutoCharge,
  listInvoices: aluyListInvoices,
  getInvoice: aluyGetInvoice,
  getInvoicePdf: aluyInvoicePdf
}

async function aluySnapshot(ctx: AccountContext): Promise<BillingSnapshot> {
  const [balance, services] = await Promise.all([aluyRequest(ctx, 'GET', '/balance', BalanceBody), allServices(ctx)])
  return {
    wallet: {
      balanceCents: balance.balanceCents,
      billingMode: balance.billingMode ?? null,
      autoCharge: balance.invoiceAutoCharge ?? null,
      transactions: balance.transactions.map((t) => ({ ...t, description: t.description ?? '' }))
    },
    hourly: services.hourly,
    services: services.list
  }
}

async function allServices(ctx: AccountContext): Promise<{ list: BilledService[]; hourly: BillingSnapshot['hourly'] }> {
  let hourly: BillingSnapshot['hourly'] = null
  const raw = await allAluyPages(
    ctx,
    (offset) => `/services?limit=${PAGE_SIZE}&offset=${offset}`,
    'services',
    PAGE_SIZE,
    MAX_PAGES,
    (page) => {
      const summary = HourlySummary.parse(page.body['hourly'])
      if (summary && hourly === null) hourly = { totalHourlyRateCents: summary.totalHourlyRateCents, hoursRemaining: summary.hoursRemaining ?? null, pendingInvoiceCents: summary.pendingInvoiceCents }
    }
  )
  const services = parseItems(raw, ServiceBilling, (s) => s, () => null).rows
  const list = await priceMonthly(ctx, services.map(toBilledService))
  return { list, hourly }
}

function toBilledService(s: z.output<typeof ServiceBilling>): BilledService {
  const period = (s.subscriptionBillingPeriod ?? '').toUpperCase()
  return {
    id: s.id,
    label: s.label ?? s.id,
    period: period === 'HOURLY' ? 'hourly' : period === 'MONTHLY' ? 'monthly' : 'other',
    monthlyPriceCents: null,
    active: s.status.toUpperCase() === 'ACTIVE',
    nextDueAt: s.nextDueAt ?? null
  }
}

async function aluySetAutoCharge(ctx: AccountContext, enabled: boolean): Promise<AutoCharge> {
  const body = await aluyRequest(ctx, 'PATCH', '/balance', z.object({ invoiceAutoCharge: AutoChargeBody }), { invoiceAutoCharge: enabled })
  return body.invoiceAutoCharge
}

async function aluyListInvoices(ctx: AccountContext): Promise<InvoiceRecord[]> {
  return collectOffsetPages(
    async (offset) => {
      const page = await getAluyList(ctx, `/invoices?limit=${PAGE_SIZE}&offset=${offset}`, 'invoices')
      const items = parseItems(page.items, InvoiceSummaryBody, (i) => i, (raw) => {
        const lenient = LenientInvoice.safeParse(raw)
        return lenient.success ? { ...lenient.data, number: lenient.data.number || lenient.data.id } : null
      }).rows
      // Without a total, a short page is the last one.
      const end = page.total === null ? page.items.length < PAGE_SIZE : offset + page.items.length >= page.total
      return { items, done: end }
    },
    summaryRecord,
    { url: ctx.baseUrl, accountId: ctx.accountId }
  )
}

function summaryRecord(i: z.output<typeof InvoiceSummaryBody>): InvoiceRecord {
  return {
    id: i.id,
    number: i.number,
    issuedAt: i.issuedAt,
    currency: i.currency,
    netCents: i.subtotalCents,
    vatCents: i.vatCents,
    totalCents: i.totalCents,
    status: null,
    dueAt: null,
    lines: [],
    vatLines: [],
    billTo: [],
    orderId: null,
    legacy: false,
    detailed: false
  }
}

async function aluyGetInvoice(ctx: AccountContext, id: string): Promise<InvoiceRecord> {
  const { invoice } = await aluyRequest(ctx, 'GET', pathOf`/invoices/${id}`, InvoiceDetailBody)
  const snap = invoice.snapshot ?? null
  const legacy = snap?.schemaVersion !== undefined && snap.schemaVersion < 2
  const lines = snap?.lines?.map((l) => ({ label: l.label, quantity: l.quantity ?? null, totalCents: l.totalCents })) ??
    snap?.items?.map((l) => ({ label: l.description, quantity: null, totalCents: l.amount })) ??
    []
  const billTo = [snap?.billTo?.name, snap?.billTo?.country].filter((v): v is string => typeof v === 'string' && v !== '')
  return { ...summaryRecord(invoice), lines, vatLines: invoice.vatLines, billTo, orderId: invoice.orderId ?? null, legacy, detailed: true }
}

async function aluyInvoicePdf(ctx: AccountContext, id: string): Promise<PdfAnswer> {
  try {
    const path = pathOf`/invoices/${id}/pdf`
    const res = await aluyCall<Uint8Array>(ctx, { method: 'GET', path, responseType: 'bytes', timeoutMs: 60_000 })
    return { kind: 'pdf', bytes: res.data, declaredLength: declaredLength(res.headers) }
  } catch (error) {
    // The reference documents 400 as "legacy schema, cannot be rendered" and says to switch on the status, never the wording.
    if (error instanceof FlotillaError && error.status === 400) {
      return { kind: 'legacy', message: error.message }
    }
    throw error
  }
}
