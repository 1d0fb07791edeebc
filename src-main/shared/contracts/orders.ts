// Orders and catalog (issue 6): what each account can sell, a live client-side
// quote for aluy's custom builder (the same arithmetic main checks the API's
// answer against), promo codes, placing an order without ever placing it twice,
// the orders list/detail/pay, and the same spec priced at every account.
// Compiled for main and renderer: zod and the shared domain only.
import { z } from 'zod'
import { AccountId, ProviderId } from '../domain'
import { SerializedError } from '../errors'
import { OsTemplate, ServerKey } from './fleet'
import { OrderId } from './ids'

const Cents = z.number().int()
const Id = z.string().min(1).max(200)

// ---------------------------------------------------------------- catalog

export const CatalogVariant = z.object({ id: z.string(), name: z.string(), priceCents: Cents, period: z.string() })
export const CatalogProduct = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  description: z.string(),
  /** elizon: where the provider's own order page is ("continue in browser"); null for aluy. */
  browserUrl: z.string().nullable(),
  variants: z.array(CatalogVariant)
})
export type CatalogProduct = z.infer<typeof CatalogProduct>

export const CustomPricing = z.object({ ramPer1GbCents: Cents, cpuPerCoreCents: Cents, ssdPer10GbCents: Cents })
export type CustomPricing = z.infer<typeof CustomPricing>
export const CustomLimits = z.object({
  minRamGb: z.number(),
  maxRamGb: z.number(),
  minCpuCores: z.number(),
  maxCpuCores: z.number(),
  minSsdGb: z.number(),
  maxSsdGb: z.number()
})
export type CustomLimits = z.infer<typeof CustomLimits>
export const CatalogLocation = z.object({ id: z.string(), label: z.string(), country: z.string().nullable() })
export type CatalogLocation = z.infer<typeof CatalogLocation>

export const CustomBuilder = z.object({
  available: z.boolean(),
  pricing: CustomPricing,
  limits: CustomLimits,
  locations: z.array(CatalogLocation),
  extraIpv4: z.object({ monthlyCents: Cents, max: z.number().int() })
})
export type CustomBuilder = z.infer<typeof CustomBuilder>

export const CatalogSshKey = z.object({ id: z.string(), name: z.string(), fingerprint: z.string() })

export const Catalog = z.object({
  accountId: AccountId,
  provider: ProviderId,
  products: z.array(CatalogProduct),
  /** aluy's custom VPS path; null where the provider has none. */
  custom: CustomBuilder.nullable(),
  locations: z.array(CatalogLocation),
  templates: z.array(OsTemplate),
  sshKeys: z.array(CatalogSshKey),
  /** aluy PREPAID / POSTPAID; null when unknown. */
  billingMode: z.string().nullable(),
  balanceCents: Cents.nullable(),
  /** Orders are placed in Flotilla (aluy) or continued on the provider's site (elizon). */
  ordering: z.enum(['in-app', 'browser'])
})
export type Catalog = z.infer<typeof Catalog>

export const CustomSpec = z.object({
  cpuCores: z.number().int().min(1).max(256),
  ramGb: z.number().int().min(1).max(4096),
  ssdGb: z.number().int().min(1).max(100_000),
  location: z.string().min(1).max(100),
  extraIpv4: z.number().int().min(0).max(64).default(0)
})
export type CustomSpec = z.input<typeof CustomSpec>

/** aluy bills custom builds per started 10 GB of SSD (the reference prices "per 10 GB"). */
export function quoteCustomMonthlyCents(pricing: CustomPricing, spec: CustomSpec, extraIpv4Cents = 0): number {
  return (
    spec.ramGb * pricing.ramPer1GbCents +
    spec.cpuCores * pricing.cpuPerCoreCents +
    Math.ceil(spec.ssdGb / 10) * pricing.ssdPer10GbCents +
    (spec.extraIpv4 ?? 0) * extraIpv4Cents
  )
}

/** The meter rate aluy derives from a monthly price (730 hours a month, at least one cent). */
export function hourlyFromMonthlyCents(monthlyCents: number): number {
  return Math.max(1, Math.round(monthlyCents / 730))
}

export function applyPercent(cents: number, percent: number): number {
  return cents - Math.round((cents * percent) / 100)
}

/** Problems with a custom spec against the provider's limits, as message keys the UI translates. */
export function customSpecProblems(limits: CustomLimits, spec: CustomSpec): string[] {
  const out: string[] = []
  if (spec.cpuCores < limits.minCpuCores || spec.cpuCores > limits.maxCpuCores) out.push('cpu')
  if (spec.ramGb < limits.minRamGb || spec.ramGb > limits.maxRamGb) out.push('ram')
  if (spec.ssdGb < limits.minSsdGb || spec.ssdGb > limits.maxSsdGb) out.push('ssd')
  return out
}

export const PromoInput = z.object({ accountId: AccountId, code: z.string().trim().max(100), variantId: Id.optional() })
export const PromoResult = z.object({
  valid: z.boolean(),
  code: z.string().nullable(),
  discountPercent: z.number().nullable(),
  discountCents: Cents.nullable(),
  newSubtotalCents: Cents.nullable(),
  /** Why the code does not apply (valid:false is an answer, not an error). */
  reason: z.string().nullable()
})
export type PromoResult = z.infer<typeof PromoResult>

/** elizon: the server-side price of one product in one configuration (/api/cart/calculate). */
export const PriceInput = z.object({
  accountId: AccountId,
  productId: Id,
  locationId: z.string().max(100).optional(),
  cpuCores: z.number().int().min(1).max(256).optional(),
  ramGb: z.number().int().min(1).max(4096).optional(),
  diskGb: z.number().int().min(1).max(100_000).optional(),
  coupon: z.string().trim().max(100).optional()
})
export type PriceInput = z.input<typeof PriceInput>
export const PriceResult = z.object({
  netCents: Cents,
  taxCents: Cents,
  totalCents: Cents,
  discountCents: Cents,
  currency: z.string(),
  cycleDays: z.number().int().nullable()
})
export type PriceResult = z.infer<typeof PriceResult>

// ---------------------------------------------------------------- side by side

export const CompareInput = z.object({
  cpuCores: z.number().int().min(1).max(256),
  ramGb: z.number().int().min(1).max(4096),
  diskGb: z.number().int().min(1).max(100_000),
  /** Two-letter country code ("DE"), or absent for anywhere. */
  country: z.string().trim().length(2).toUpperCase().optional()
})
export type CompareInput = z.input<typeof CompareInput>

export const CompareRow = z.object({
  accountId: AccountId,
  provider: ProviderId,
  /** What is priced: "Custom VPS" or the elizon product's name. */
  offer: z.string().nullable(),
  location: z.string().nullable(),
  monthlyCents: Cents.nullable(),
  hourlyCents: Cents.nullable(),
  /** Where the price comes from: computed from aluy's published pricing, or elizon's server-side calculation. */
  source: z.enum(['published-pricing', 'server-calculated']).nullable(),
  /** Why this account cannot sell the spec, when it cannot. */
  unavailable: z.string().nullable(),
  error: SerializedError.nullable()
})
export type CompareRow = z.infer<typeof CompareRow>

// ---------------------------------------------------------------- placing

const OrderCommon = {
  accountId: AccountId,
  period: z.enum(['hourly', 'monthly']),
  label: z.string().trim().min(1).max(200),
  promoCode: z.string().trim().max(100).optional(),
  operatingSystemId: z.number().int().positive().optional(),
  sshKeyIds: z.array(z.string().regex(/^\d+$/)).max(50).default([]),
  /** The price the user confirmed (monthly list price before promo), to check against what the API applied. */
  quotedMonthlyCents: Cents.optional()
}

export const PlaceOrderInput = z.discriminatedUnion('path', [
  z.object({ path: z.literal('preset'), variantId: Id, ...OrderCommon }),
  z.object({ path: z.literal('custom'), spec: CustomSpec, ...OrderCommon })
])
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>
export type ParsedPlaceOrderInput = z.output<typeof PlaceOrderInput>

/** What the API applied: the truth shown after ordering. */
export const PlacedOrder = z.object({
  id: z.string(),
  status: z.string(),
  billingMode: z.string().nullable(),
  period: z.string().nullable(),
  hourlyRateCents: Cents.nullable(),
  totalCents: Cents.nullable(),
  discountCents: Cents.nullable(),
  note: z.string().nullable()
})
export type PlacedOrder = z.infer<typeof PlacedOrder>

export const PlaceOrderResult = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('placed'),
    order: PlacedOrder,
    /** True when the answer was lost and the order was found afterwards in GET /orders. */
    recovered: z.boolean(),
    /** The new server's key once found in the account's services. */
    serverKey: ServerKey.nullable(),
    /** What the API charges differs from the quote the user confirmed (the API's figure is the truth). */
    priceDiffers: z.boolean()
  }),
  /** The answer was lost and the order is not in GET /orders: nothing was placed, retrying is safe. */
  z.object({ outcome: z.literal('not-placed'), error: SerializedError }),
  /** The answer was lost and the orders list could not be read either: do not retry blindly. */
  z.object({ outcome: z.literal('unknown'), error: SerializedError })
])
export type PlaceOrderResult = z.infer<typeof PlaceOrderResult>

export const FollowResult = z.object({
  serverKey: ServerKey,
  status: z.string(),
  statusText: z.string(),
  ipv4: z.string().nullable(),
  provisionIssue: z.boolean(),
  /** Active, running and addressed. */
  reachable: z.boolean()
})
export type FollowResult = z.infer<typeof FollowResult>

// ---------------------------------------------------------------- orders list

export const OrderRow = z.object({
  key: z.string(),
  accountId: AccountId,
  id: z.string(),
  status: z.string(),
  currency: z.string(),
  totalCents: Cents,
  label: z.string(),
  createdAt: z.string()
})
export type OrderRow = z.infer<typeof OrderRow>

export const OrdersList = z.object({
  orders: z.array(OrderRow),
  failures: z.array(z.object({ accountId: AccountId, error: SerializedError }))
})
export type OrdersList = z.infer<typeof OrdersList>

export const OrderPayment = z.object({
  id: z.string(),
  provider: z.string(),
  amountCents: Cents,
  currency: z.string(),
  status: z.string(),
  createdAt: z.string()
})
export const OrderDetail = OrderRow.extend({
  subtotalCents: Cents,
  vatCents: Cents,
  lines: z.array(z.object({ label: z.string(), quantity: z.number(), unitCents: Cents, totalCents: Cents })),
  payments: z.array(OrderPayment)
})
export type OrderDetail = z.infer<typeof OrderDetail>

const OrderRef = z.object({ accountId: AccountId, orderId: OrderId })

export const ordersContract = {
  'catalog.get': { input: z.object({ accountId: AccountId }), output: Catalog },
  'catalog.promo': { input: PromoInput, output: PromoResult },
  'catalog.price': { input: PriceInput, output: PriceResult },
  'catalog.compare': { input: CompareInput, output: z.array(CompareRow) },
  'orders.place': { input: PlaceOrderInput, output: PlaceOrderResult },
  'orders.follow': { input: z.object({ serverKey: ServerKey }), output: FollowResult },
  'orders.list': { input: z.undefined(), output: OrdersList },
  'orders.get': { input: OrderRef, output: OrderDetail },
  'orders.pay': { input: OrderRef, output: z.object({ ok: z.literal(true) }) }
} as const
