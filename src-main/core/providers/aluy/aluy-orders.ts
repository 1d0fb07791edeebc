// aluy's catalog and orders behind the orders port: /products, /vm-config,
// /balance (billing mode), /services/:id/templates (the package's list, usable
// before ordering), /promo/validate, POST /orders (sent once), /orders with
// limit/offset pages, /orders/:id and /orders/:id/pay.
import { z } from 'zod'
import type { CatalogLocation, OrderDetail, ParsedPlaceOrderInput, PlacedOrder, PromoResult } from '../../../shared/contracts/orders'
import type { OrderOperations, ProviderCatalog, ProviderOrder } from '../../orders/order-operations'
import type { AccountContext } from '../provider-adapter'
import { MAX_PAGES } from '../shared'
import { aluyRequest } from './aluy-request'
import { pathOf } from '../paths'
import { allAluyPages, getAluyList } from './aluy-lists'
import { parseItems } from '../parse-items'

const PAGE_SIZE = 100
const Num = z.number()
const OptNum = z.number().nullable().optional()
const OptStr = z.string().nullable().optional()

const ProductsBody = z.object({
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: OptStr,
      category: z.string(),
      variants: z.array(z.object({ id: z.string(), name: z.string(), priceCents: Num, period: OptStr }))
    })
  )
})
const VmConfigBody = z.object({
  custom: z.object({
    available: z.boolean(),
    pricing: z.object({ ramPer1GbCents: Num, cpuPerCoreCents: Num, ssdPer10GbCents: Num }),
    limits: z.object({ minRamGb: Num, maxRamGb: Num, minCpuCores: Num, maxCpuCores: Num, minSsdGb: Num, maxSsdGb: Num }),
    locations: z.array(z.object({ id: z.string(), label: z.string() }))
  }),
  extraIpv4: z.object({ monthlyCents: Num, max: Num }).optional()
})
const BalanceBody = z.object({ balanceCents: OptNum, billingMode: OptStr }).loose()
const ServiceRef = z.object({ id: z.string(), label: OptStr, kind: OptStr })

/** The services of one list page that read as id + label (any documented list shape). */
async function serviceRefs(ctx: AccountContext, path: string): Promise<z.output<typeof ServiceRef>[]> {
  return parseItems((await getAluyList(ctx, path, 'services')).items, ServiceRef, (s) => s, () => null).rows
}
const TemplatesBody = z.object({ templates: z.array(z.object({ id: z.union([z.number(), z.string()]).transform(String), label: z.string() })) })
const PromoBody = z.object({
  valid: z.boolean(),
  code: OptStr,
  discountPercent: OptNum,
  discountCents: OptNum,
  newSubtotalCents: OptNum,
  error: OptStr
})
const PlacedBody = z.object({
  order: z.object({
    id: z.string(),
    status: z.string(),
    totalCents: OptNum,
    discountCents: OptNum,
    billingMode: OptStr,
    period: OptStr,
    hourlyRateCents: OptNum,
    note: OptStr
  })
})
const Line = z.object({ label: z.string(), quantity: Num.optional(), unitCents: Num.optional(), totalCents: Num })
const OrderBody = z.object({
  id: z.string(),
  status: z.string(),
  currency: z.string().optional(),
  subtotalCents: Num.optional(),
  vatCents: Num.optional(),
  totalCents: Num,
  lines: z.array(Line).default([]),
  payments: z
    .array(z.object({ id: z.string(), provider: z.string(), amountCents: Num, currency: z.string().optional(), status: z.string(), createdAt: z.string() }))
    .default([]),
  createdAt: z.string()
})

export const aluyOrders: OrderOperations = {
  ordering: 'in-app',
  catalog,
  promo,
  place,
  list: listOrders,
  detail: async (ctx, id) => toOrder((await aluyRequest(ctx, 'GET', pathOf`/orders/${id}`, z.object({ order: OrderBody }))).order),
  pay: async (ctx, id) => {
    await aluyRequest(ctx, 'POST', pathOf`/orders/${id}/pay`, z.object({ ok: z.boolean() }).loose(), { method: 'balance' })
  },
  findServiceByLabel
}

async function catalog(ctx: AccountContext): Promise<ProviderCatalog> {
  const [products, config, balance, templates] = await Promise.all([
    aluyRequest(ctx, 'GET', '/products', ProductsBody),
    aluyRequest(ctx, 'GET', '/vm-config', VmConfigBody),
    aluyRequest(ctx, 'GET', '/balance', BalanceBody),
    packageTemplates(ctx)
  ])
  const locations = config.custom.locations.map(toLocation)
  return {
    products: products.products
      .filter((p) => p.category === 'VPS')
      .map((p) => ({
        id: p.id,
        name: p.name,
        category: p.category,
        description: p.description ?? '',
        browserUrl: null,
        variants: p.variants.map((v) => ({ id: v.id, name: v.name, priceCents: v.priceCents, period: v.period ?? 'MONTHLY' }))
      })),
    custom: {
      available: config.custom.available,
      pricing: config.custom.pricing,
      limits: config.custom.limits,
      locations,
      extraIpv4: config.extraIpv4 ?? { monthlyCents: 0, max: 0 }
    },
    locations,
    templates,
    billingMode: balance.billingMode ?? null,
    balanceCents: balance.balanceCents ?? null
  }
}

/** "Frankfurt, DE" → DE: the reference's labels end in the country code. */
function toLocation(l: { id: string; label: string }): CatalogLocation {
  const match = /,\s*([A-Z]{2})$/.exec(l.label)
  return { id: l.id, label: l.label, country: match?.[1] ?? null }
}

/** The reference: a service's templates endpoint returns the package list even before provisioning, so any VPS will do. */
async function packageTemplates(ctx: AccountContext): Promise<{ id: string; label: string }[]> {
  const first = (await serviceRefs(ctx, '/services?kind=VPS&limit=1'))[0]
  if (!first) return []
  return (await aluyRequest(ctx, 'GET', pathOf`/services/${first.id}/templates`, TemplatesBody)).templates
}

async function promo(ctx: AccountContext, code: string, variantId: string | undefined): Promise<PromoResult> {
  const body = await aluyRequest(ctx, 'POST', '/promo/validate', PromoBody, { code, ...(variantId ? { variantId } : {}) })
  return {
    valid: body.valid,
    code: body.code ?? null,
    discountPercent: body.discountPercent ?? null,
    discountCents: body.discountCents ?? null,
    newSubtotalCents: body.newSubtotalCents ?? null,
    reason: body.valid ? null : (body.error ?? 'The code does not apply.')
  }
}

async function place(ctx: AccountContext, input: ParsedPlaceOrderInput): Promise<PlacedOrder> {
  const common = {
    label: input.label,
    period: input.period,
    ...(input.promoCode ? { promoCode: input.promoCode } : {}),
    ...(input.operatingSystemId !== undefined ? { operatingSystemId: input.operatingSystemId } : {}),
    ...(input.sshKeyIds.length > 0 ? { sshKeys: input.sshKeyIds.map(Number) } : {})
  }
  const body =
    input.path === 'preset'
      ? { variantId: input.variantId, ...common }
      : {
          type: 'vm-custom',
          ramGb: input.spec.ramGb,
          cpuCores: input.spec.cpuCores,
          ssdGb: input.spec.ssdGb,
          location: input.spec.location,
          ...(input.spec.extraIpv4 > 0 ? { extraIpv4: input.spec.extraIpv4 } : {}),
          ...common
        }
  const { order } = await aluyRequest(ctx, 'POST', '/orders', PlacedBody, body)
  return {
    id: order.id,
    status: order.status,
    billingMode: order.billingMode ?? null,
    period: order.period ?? null,
    hourlyRateCents: order.hourlyRateCents ?? null,
    totalCents: order.totalCents ?? null,
    discountCents: order.discountCents ?? null,
    note: order.note ?? null
  }
}

async function listOrders(ctx: AccountContext): Promise<ProviderOrder[]> {
  const raw = await allAluyPages(ctx, (offset) => `/orders?limit=${PAGE_SIZE}&offset=${offset}`, 'orders', PAGE_SIZE, MAX_PAGES)
  // An order that does not read is left out (nothing to act on); the others are listed.
  return parseItems(raw, OrderBody, toOrder, () => null).rows
}

function toOrder(o: z.output<typeof OrderBody>): ProviderOrder {
  const currency = o.currency ?? 'EUR'
  const detail: Omit<OrderDetail, 'key' | 'accountId'> = {
    id: o.id,
    status: o.status,
    currency,
    totalCents: o.totalCents,
    subtotalCents: o.subtotalCents ?? o.totalCents,
    vatCents: o.vatCents ?? 0,
    label: o.lines[0]?.label ?? o.id,
    createdAt: o.createdAt,
    lines: o.lines.map((l) => ({ label: l.label, quantity: l.quantity ?? 1, unitCents: l.unitCents ?? l.totalCents, totalCents: l.totalCents })),
    payments: o.payments.map((p) => ({ id: p.id, provider: p.provider, amountCents: p.amountCents, currency: p.currency ?? currency, status: p.status, createdAt: p.createdAt }))
  }
  return detail
}

async function findServiceByLabel(ctx: AccountContext, label: string): Promise<string | null> {
  return (await serviceRefs(ctx, '/services?kind=VPS&limit=50')).find((s) => s.label === label)?.id ?? null
}
