// The billing half of a provider adapter: wallet, hourly burn, invoices and
// their PDFs, normalised. Each provider implements what its API offers; the
// BillingService above it never sees a URL or a body shape.
import type { AutoCharge, BillingTransaction } from '../../shared/contracts/billing'
import type { AccountContext } from './account-context'

export interface WalletInfo {
  readonly balanceCents: number
  readonly billingMode: string | null
  readonly autoCharge: AutoCharge | null
  readonly transactions: BillingTransaction[]
}

/** One billed service as the provider's billing sees it (joined with the fleet's power state above). */
export interface BilledService {
  readonly id: string
  readonly label: string
  readonly period: 'hourly' | 'monthly' | 'other'
  readonly monthlyPriceCents: number | null
  readonly active: boolean
  /** Monthly subscriptions: the next renewal (ISO); absent or null when not said. */
  readonly nextDueAt?: string | null
}

export interface HourlyBurn {
  readonly totalHourlyRateCents: number
  readonly hoursRemaining: number | null
  readonly pendingInvoiceCents: number
}

export interface BillingSnapshot {
  /** null where the provider's API (with this credential) has no wallet. */
  readonly wallet: WalletInfo | null
  readonly hourly: HourlyBurn | null
  /** null: the provider's billing does not list services; the fleet's servers are used instead. */
  readonly services: BilledService[] | null
}

/** An invoice, normalised; what the encrypted cache stores. `detailed` is false until the detail call filled lines and bill-to. */
export interface InvoiceRecord {
  id: string
  number: string
  issuedAt: string
  currency: string
  netCents: number
  vatCents: number
  totalCents: number
  status: string | null
  dueAt: string | null
  lines: { label: string; quantity: number | null; totalCents: number }[]
  vatLines: { rateBps: number; baseCents: number; vatCents: number }[]
  billTo: string[]
  orderId: string | null
  legacy: boolean
  detailed: boolean
}

export type PdfAnswer =
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array; readonly declaredLength: number | null }
  /** aluy 400 "only available for current-format invoices": readable as metadata only. */
  | { readonly kind: 'legacy'; readonly message: string }

export interface BillingPort {
  snapshot(ctx: AccountContext): Promise<BillingSnapshot>
  /** aluy `PATCH /balance`; providers without the toggle throw `unavailable`. */
  setAutoCharge(ctx: AccountContext, enabled: boolean): Promise<AutoCharge>
  /** Every invoice, all pages (summary level; `detailed` may already be true where the list carries everything). */
  listInvoices(ctx: AccountContext): Promise<InvoiceRecord[]>
  getInvoice(ctx: AccountContext, id: string): Promise<InvoiceRecord>
  getInvoicePdf(ctx: AccountContext, id: string): Promise<PdfAnswer>
}
