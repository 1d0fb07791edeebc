// elizon's catalog behind the orders port: /products, and per product
// /products/locations and /products/templates (all public: sent without the
// API key, ?productId= assumed — docs/assumptions-elizon.md), and the server-side price of a configuration
// (POST /cart/calculate). The reference names /api/checkout but not its body,
// and checkout starts a payment on the provider's site, so ordering continues
// in the browser on the product's own page.
import { z } from 'zod'
import type { CatalogLocation, CatalogProduct, PriceResult } from '../../../shared/contracts/orders'
import type { ConfigurableOffer, OrderOperations, PriceRequest, ProviderCatalog } from '../../orders/order-operations'
import type { AccountContext } from '../provider-adapter'
import { elizonPublic, elizonRequest } from './elizon-request'
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
    const configurable = (await productsOf(ctx)).filter((p) => p.configurable && p.category.key === 'vps')
    return Promise.all(
      configurable.map(async (p): Promise<ConfigurableOffer> => {
        const c = p.configurable ?? { cpu: [0, 0], ramGb: [0, 0], diskGb: [0, 0] }
        return { productId: p.id, name: p.name, cpu: c.cpu, ramGb: c.ramGb, diskGb: c.diskGb, locations: await locationsOf(ctx, p.id) }
      })
    )
  }
}

/** Locations and templates are per product in the reference; the catalog offers each one once. */
async function catalog(ctx: AccountContext): Promise<ProviderCatalog> {
  const products = await productsOf(ctx)
  const perProduct = await Promise.all(products.map(async (p) => ({ locations: await locationsOf(ctx, p.id), templates: await templatesOf(ctx, p.id) })))
  return {
    products: products.map((p) => toProduct(ctx, p)),
    custom: null,
    locations: uniqueById(perProduct.flatMap((p) => p.locations)),
    templates: uniqueById(perProduct.flatMap((p) => p.templates)),
    billingMode: null,
    balanceCents: null
  }
}

async function productsOf(ctx: AccountContext): Promise<ProductBody[]> {
  return (await elizonPublic(ctx, '/products?limit=100', z.object({ products: z.array(ProductBody) }))).products
}

const TemplatesBody = z.object({ templates: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() })) })

async function templatesOf(ctx: AccountContext, productId: string): Promise<{ id: string; label: string }[]> {
  const body = await elizonPublic(ctx, `/products/templates?productId=${encodeURIComponent(productId)}`, TemplatesBody)
  return body.templates.map((t) => ({ id: t.id, label: t.name }))
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()]
}

async function locationsOf(ctx: AccountContext, productId: string): Promise<CatalogLocation[]> {
  const body = await elizonPublic(ctx, `/products/locations?productId=${encodeURIComponent(productId)}`, z.object({ locations: z.array(LocationBody) }))
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
