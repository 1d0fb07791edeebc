// The billing and invoices part of the IPC contract: balances, hourly burn and
// projections per account, and every invoice of every account (cached, searchable,
// readable offline). Money is integer cents everywhere; the renderer formats it.
// No Electron or Node imports: compiled for main and renderer.
import { z } from 'zod'
import { AccountId, ProviderId } from '../domain'
import { SerializedError } from '../errors'
import { InvoiceKey as InvoiceKeyText } from './ids'

const Cents = z.number().int()

export const BillingTransaction = z.object({
  id: z.string(),
  amountCents: Cents,
  type: z.string(),
  description: z.string(),
  createdAt: z.string()
})
export type BillingTransaction = z.infer<typeof BillingTransaction>

export const AutoCharge = z.object({ enabled: z.boolean(), locked: z.boolean() })
export type AutoCharge = z.infer<typeof AutoCharge>

/** A monthly-billed server that is powered off: it still costs money. */
export const IdleBilledServer = z.object({
  serverKey: z.string(),
  label: z.string(),
  monthlyPriceCents: Cents.nullable()
})
export type IdleBilledServer = z.infer<typeof IdleBilledServer>

export const AccountBilling = z.object({
  accountId: AccountId,
  provider: ProviderId,
  /** null where the provider does not tell (elizon's API key cannot read the wallet). */
  balanceCents: Cents.nullable(),
  billingMode: z.string().nullable(),
  autoCharge: AutoCharge.nullable(),
  transactions: z.array(BillingTransaction),
  /** aluy `/services` → `hourly`; null for providers without hourly billing. */
  hourlyRateCents: Cents.nullable(),
  hoursRemaining: z.number().nullable(),
  pendingInvoiceCents: Cents.nullable(),
  /** Sum of the monthly prices of the account's monthly-billed servers. */
  monthlyCommittedCents: Cents,
  /** Expected charges until the end of this month: pending + hourly rate × hours left (+ monthly renewals not yet invoiced are not guessed). */
  monthEndProjectionCents: Cents,
  idleBilledServers: z.array(IdleBilledServer),
  /** Set when this account's billing could not be loaded; the other accounts still show. */
  error: SerializedError.optional(),
  fetchedAt: z.string()
})
export type AccountBilling = z.infer<typeof AccountBilling>

export const SpendPoint = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), totalCents: Cents })
export type SpendPoint = z.infer<typeof SpendPoint>

/** Invoice totals per calendar month (UTC), oldest first: main's overview and the renderer's live chart. */
export function spendByMonth(invoices: Iterable<{ issuedAt: string; totalCents: number }>): SpendPoint[] {
  const sums = new Map<string, number>()
  for (const inv of invoices) {
    const month = inv.issuedAt.slice(0, 7)
    if (!/^\d{4}-\d{2}$/.test(month)) continue
    sums.set(month, (sums.get(month) ?? 0) + inv.totalCents)
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, totalCents]) => ({ month, totalCents }))
}

export const BillingOverview = z.object({
  accounts: z.array(AccountBilling),
  totals: z.object({
    balanceCents: Cents,
    hourlyRateCents: Cents,
    pendingInvoiceCents: Cents,
    monthEndProjectionCents: Cents
  }),
  /** Invoice totals per month across all accounts, oldest first (from the invoice index, so it works offline). */
  spendByMonth: z.array(SpendPoint),
  generatedAt: z.string()
})
export type BillingOverview = z.infer<typeof BillingOverview>

export const PDF_STATES = ['cached', 'not-cached', 'legacy', 'damaged'] as const

export const InvoiceLine = z.object({ label: z.string(), quantity: z.number().nullable(), totalCents: Cents })
export const VatLine = z.object({ rateBps: z.number().int(), baseCents: Cents, vatCents: Cents })

export const InvoiceSummary = z.object({
  /** Unique across accounts: `${accountId}:${id}`. */
  key: z.string(),
  id: z.string(),
  accountId: AccountId,
  provider: ProviderId,
  number: z.string(),
  issuedAt: z.string(),
  currency: z.string(),
  netCents: Cents,
  vatCents: Cents,
  totalCents: Cents,
  /** elizon's PAID/OPEN/…; aluy has none. */
  status: z.string().nullable(),
  /** Line labels, for search; empty until the detail was loaded. */
  lineLabels: z.array(z.string()),
  pdf: z.enum(PDF_STATES)
})
export type InvoiceSummary = z.infer<typeof InvoiceSummary>

export const InvoiceDetail = InvoiceSummary.extend({
  lines: z.array(InvoiceLine),
  vatLines: z.array(VatLine),
  /** Name first, then address lines. */
  billTo: z.array(z.string()),
  orderId: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** aluy invoices before the v2 schema: metadata only, no PDF. */
  legacy: z.boolean()
})
export type InvoiceDetail = z.infer<typeof InvoiceDetail>

export const SYNC_STATES = ['idle', 'syncing', 'offline', 'error', 'key-missing'] as const
export const InvoiceSyncStatus = z.object({
  keepOffline: z.boolean(),
  state: z.enum(SYNC_STATES),
  /** Invoices whose data and PDF are cached, of all known. */
  done: z.number().int(),
  total: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  message: z.string().optional()
})
export type InvoiceSyncStatus = z.infer<typeof InvoiceSyncStatus>

export const InvoiceList = z.object({
  invoices: z.array(InvoiceSummary),
  sync: InvoiceSyncStatus,
  /** Accounts whose list could not be refreshed (shown from the cache). */
  problems: z.array(z.object({ accountId: AccountId, error: SerializedError }))
})
export type InvoiceList = z.infer<typeof InvoiceList>

export const InvoicePdf = z.object({
  /** The PDF, base64 (the harness bridge is JSON). */
  base64: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  fromCache: z.boolean()
})
export type InvoicePdf = z.infer<typeof InvoicePdf>

const InvoiceKey = z.object({ key: InvoiceKeyText })
const Saved = z.object({ saved: z.boolean(), path: z.string().optional() })

export const billingContract = {
  'billing.overview': { input: z.undefined(), output: BillingOverview },
  'billing.setAutoCharge': { input: z.object({ accountId: AccountId, enabled: z.boolean() }), output: AutoCharge },
  'invoices.list': { input: z.undefined(), output: InvoiceList },
  'invoices.refresh': { input: z.undefined(), output: InvoiceList },
  'invoices.get': { input: InvoiceKey, output: InvoiceDetail },
  // refresh: download again even when cached; a failed download keeps the cached copy.
  'invoices.pdf': { input: InvoiceKey.extend({ refresh: z.boolean().optional() }), output: InvoicePdf },
  'invoices.savePdf': { input: InvoiceKey, output: Saved },
  'invoices.saveCsv': { input: z.object({ fileName: z.string().min(1).max(200), csv: z.string().max(20_000_000) }), output: Saved },
  'invoices.syncStatus': { input: z.undefined(), output: InvoiceSyncStatus },
  'invoices.setKeepOffline': { input: z.object({ enabled: z.boolean() }), output: InvoiceSyncStatus }
} as const

export const billingEvents = {
  'invoices.sync': InvoiceSyncStatus,
  'invoices.changed': z.object({ at: z.string() })
} as const
