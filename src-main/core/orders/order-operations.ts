// The part of the provider port the orders feature adds: the catalog, promo
// codes, server-side prices, placing orders and reading them back. Each adapter
// implements it in its own module (aluy-orders.ts, elizon-orders.ts).
import type {
  CatalogLocation,
  CatalogProduct,
  CustomBuilder,
  OrderDetail,
  ParsedPlaceOrderInput,
  PlacedOrder,
  PriceResult,
  PromoResult
} from '../../shared/contracts/orders'
import type { OsTemplate } from '../../shared/contracts/fleet'
import type { AccountContext } from '../providers/account-context'

export interface ProviderCatalog {
  readonly products: CatalogProduct[]
  readonly custom: CustomBuilder | null
  readonly locations: CatalogLocation[]
  readonly templates: OsTemplate[]
  readonly billingMode: string | null
  readonly balanceCents: number | null
}

/** One row of the provider's orders list, before the service adds account and key. */
export type ProviderOrder = Omit<OrderDetail, 'key' | 'accountId'>

/** elizon's server-side calculation of one configuration. */
export interface PriceRequest {
  readonly productId: string
  readonly locationId?: string | undefined
  readonly cpuCores?: number | undefined
  readonly ramGb?: number | undefined
  readonly diskGb?: number | undefined
  readonly coupon?: string | undefined
}

/** A customizable product's ranges (elizon), for pricing a spec side by side. */
export interface ConfigurableOffer {
  readonly productId: string
  readonly name: string
  readonly cpu: readonly [number, number]
  readonly ramGb: readonly [number, number]
  readonly diskGb: readonly [number, number]
  readonly locations: CatalogLocation[]
}

export interface OrderOperations {
  /** 'in-app': place orders through the API; 'browser': the reference leaves checkout to the provider's site. */
  readonly ordering: 'in-app' | 'browser'
  catalog(ctx: AccountContext): Promise<ProviderCatalog>
  promo?(ctx: AccountContext, code: string, variantId: string | undefined): Promise<PromoResult>
  price?(ctx: AccountContext, req: PriceRequest): Promise<PriceResult>
  configurableOffers?(ctx: AccountContext): Promise<ConfigurableOffer[]>
  /** Sent exactly once: POST /orders is not idempotent. */
  place?(ctx: AccountContext, input: ParsedPlaceOrderInput): Promise<PlacedOrder>
  /** Every order, newest first. */
  list?(ctx: AccountContext): Promise<ProviderOrder[]>
  detail?(ctx: AccountContext, orderId: string): Promise<ProviderOrder>
  pay?(ctx: AccountContext, orderId: string): Promise<void>
  /** The newest service carrying this label (the one an order just created), or null. */
  findServiceByLabel?(ctx: AccountContext, label: string): Promise<string | null>
}
