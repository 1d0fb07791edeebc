// elizon's catalog behind the orders port: /products, /products/locations,
// /products/templates (public) and the server-side price of a configuration
// (POST /cart/calculate). The reference names /api/checkout but not its body,
// and checkout starts a payment on the provider's site, so ordering continues
// in the browser on the product's own page.
import { z } from 'zod'
import type { CatalogLocation, CatalogProduct, PriceResult } from '../../../shared/contracts/orders'
import type { ConfigurableOffer, OrderOperations, PriceRequest, ProviderCatalog } from '../../orders/order-operations'
import type { AccountContext } from '../provider-adapter'
import { elizonRequest } from './elizon-request'
import { pathOrNull } from '../paths'

const Range = z.tuple([z.number(), z.number()])
const ProductBody = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  category: z.object({ key: z.string(), name: z.string().optional() }),
  priceCents: z.number(),
  cycleDays: z.number().nullable().optional(),
  configurable: z.object({ cpu: Range, ramGb: Range, diskGb: Range }).nullable().optional(),
  locationIds: z.array(z.string()).default([])
})
type ProductBody = z.output<typeof ProductBody>
const LocationBody = z.object({ id: z.string(), name: z.string(), city: z.string().optional(), flag: z.string().optional() })
const CalcBody = z.object({
  totals: z.object({
    netCents: z.number(),
    discountCents: z.number().optional(),
    taxCents: z.number(),
    totalCents: z.number(),
    currency: z.string(),
    cycleDays: z.number().nullable().optional()
  })
})

export const elizonOrders: OrderOperations = {
  ordering: 'browser',
  catalog,
  price,
  async configurableOffers(ctx) {
    const [products, locations] = await Promise.all([productsOf(ctx), locationsOf(ctx)])
    return products.flatMap((p): ConfigurableOffer[] =>
      p.configurable && p.category.key === 'vps'
        ? [{ productId: p.id, name: p.name, cpu: p.configurable.cpu, ramGb: p.configurable.ramGb, diskGb: p.configurable.diskGb, locations: locations.filter((l) => p.locationIds.includes(l.id)) }]
        : []
    )
  }
}

async function catalog(ctx: AccountContext): Promise<ProviderCatalog> {
  const [products, locations, templates] = await Promise.all([
    productsOf(ctx),
    locationsOf(ctx),
    elizonRequest(ctx, 'GET', '/products/templates', z.object({ templates: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() })) }))
  ])
  return {
    products: products.map((p) => toProduct(ctx, p)),
    custom: null,
    locations,
    templates: templates.templates.map((t) => ({ id: t.id, label: t.name })),
    billingMode: null,
    balanceCents: null
  }
}

async function productsOf(ctx: AccountContext): Promise<ProductBody[]> {
  return (await elizonRequest(ctx, 'GET', '/products?limit=100', z.object({ products: z.array(ProductBody) }))).products
}

async function locationsOf(ctx: AccountContext): Promise<CatalogLocation[]> {
  const body = await elizonRequest(ctx, 'GET', '/products/locations', z.object({ locations: z.array(LocationBody) }))
  return body.locations.map((l) => ({ id: l.id, label: l.city ? `${l.name} (${l.city})` : l.name, country: l.flag ? l.flag.toUpperCase() : null }))
}

function toProduct(ctx: AccountContext, p: ProductBody): CatalogProduct {
  return {
    id: p.id,
    name: p.name,
    category: p.category.name ?? p.category.key,
    description: p.description ?? '',
    browserUrl: productPageUrl(ctx, p.category.key, p.slug),
    variants: [{ id: p.id, name: p.configurable ? 'configurable' : p.name, priceCents: p.priceCents, period: `${p.cycleDays ?? 30} days` }]
  }
}

/** The product's page on the website; null (no link) when the catalog gave a key or slug that is not one path segment. */
function productPageUrl(ctx: AccountContext, category: string, slug: string): string | null {
  const path = pathOrNull`/products/${category}/${slug}`
  return path === null ? null : `${siteOrigin(ctx)}${path}`
}

/** The website sits at the API's origin without `/api`. */
function siteOrigin(ctx: AccountContext): string {
  return ctx.baseUrl.replace(/\/+$/, '').replace(/\/api$/, '')
}

async function price(ctx: AccountContext, req: PriceRequest): Promise<PriceResult> {
  const config = req.cpuCores !== undefined && req.ramGb !== undefined && req.diskGb !== undefined ? { cpu: req.cpuCores, ramGb: req.ramGb, diskGb: req.diskGb } : undefined
  const item = { productId: req.productId, ...(req.locationId ? { locationId: req.locationId } : {}), ...(config ? { config } : {}) }
  const body = await elizonRequest(ctx, 'POST', '/cart/calculate', CalcBody, { items: [item], ...(req.coupon ? { coupon: req.coupon } : {}) })
  const t = body.totals
  return { netCents: t.netCents, taxCents: t.taxCents, totalCents: t.totalCents, discountCents: t.discountCents ?? 0, currency: t.currency, cycleDays: t.cycleDays ?? null }
}
