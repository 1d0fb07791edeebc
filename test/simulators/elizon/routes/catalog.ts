// Catalog and cart (shapes agreed for the simulator; the reference names only the routes):
//   P = { id, slug, name, description, category: { key, name }, priceCents, cycleDays,
//         resources: { cpu, ramMb, diskGb } | null,
//         configurable: { cpu: [min,max], ramGb: [min,max], diskGb: [min,max] } | null, locationIds }
//   GET  /products                     → { success, products: [P], pagination }            (public: no key)
//   GET  /products/locations?productId → { success, locations: [{ id, name, flag, city, pingUrl }] }  (public; per product)
//   GET  /products/templates?productId → { success, templates: [{ id, name }] }  (public; per product)
//   POST /cart/calculate { items: [{ productId, locationId?, config?: { cpu, ramGb, diskGb } }], coupon? }
//        → { success, items: [{ productId, netCents }], totals: { netCents, discountCents, taxCents, totalCents, currency, cycleDays } }
//        (400 validationErrors for an unknown product, location or an out-of-range config)
//   /checkout is not simulated: the reference does not describe its body, so clients continue in the browser.
import { asRecord, readJson } from '../../core/body'
import type { Reply } from '../../core/reply'
import type { Router } from '../../core/router'
import { fail, invalid, isReply, ok, type ElizonRouter } from '../context'
import { LOCATIONS } from '../model'

interface SimProduct {
  id: string
  slug: string
  name: string
  description: string
  category: { key: string; name: string }
  priceCents: number
  cycleDays: number
  resources: { cpu: number; ramMb: number; diskGb: number } | null
  configurable: { cpu: [number, number]; ramGb: [number, number]; diskGb: [number, number] } | null
  locationIds: string[]
}

/** Per-resource monthly prices of configurable products, known only to the server (hence /cart/calculate). */
export const ELIZON_PRICING = { baseCents: 200, cpuCents: 250, ramGbCents: 150, disk10GbCents: 80, taxBps: 1900 }
export const ELIZON_COUPONS: Record<string, number> = { ELIZON10: 10 }

export const ELIZON_PRODUCTS: readonly SimProduct[] = [
  {
    id: 'prod_cloud_flex',
    slug: 'cloud-flex',
    name: 'Cloud VPS Flex',
    description: 'Configurable KVM VPS',
    category: { key: 'vps', name: 'VPS' },
    priceCents: 200,
    cycleDays: 30,
    resources: null,
    configurable: { cpu: [1, 12], ramGb: [1, 48], diskGb: [20, 800] },
    locationIds: ['loc_fra1', 'loc_nbg1', 'loc_ams1']
  },
  {
    id: 'prod_vps_s',
    slug: 'vps-s',
    name: 'VPS S',
    description: '2 vCPU, 4 GB RAM, 80 GB NVMe',
    category: { key: 'vps', name: 'VPS' },
    priceCents: 799,
    cycleDays: 30,
    resources: { cpu: 2, ramMb: 4096, diskGb: 80 },
    configurable: null,
    locationIds: ['loc_fra1', 'loc_nbg1']
  },
  {
    id: 'prod_mc_4g',
    slug: 'minecraft-4g',
    name: 'Minecraft 4 GB',
    description: 'Game server',
    category: { key: 'gameserver', name: 'Game servers' },
    priceCents: 600,
    cycleDays: 30,
    resources: { cpu: 2, ramMb: 4096, diskGb: 30 },
    configurable: null,
    locationIds: ['loc_fra1']
  }
]

const TEMPLATES = [
  { id: 'tpl_debian12', name: 'Debian 12' },
  { id: 'tpl_ubuntu2404', name: 'Ubuntu 24.04' }
]

/** Public (the reference marks them "Öffentlich"): served without a key; locations and templates are per product. */
export function registerPublicCatalogRoutes(router: Router<PublicHandler>): void {
  router.get('/products', () =>
    ok({ products: ELIZON_PRODUCTS, pagination: { page: 1, limit: 100, total: ELIZON_PRODUCTS.length, pages: 1 } })
  )
  router.get('/products/locations', ({ url }) => {
    const product = productOf(url)
    if (isReply(product)) return product
    const locations = LOCATIONS.filter((l) => product.locationIds.includes(l.id)).map((l) => ({ ...l, pingUrl: `https://ping.example/${l.id}` }))
    return ok({ locations })
  })
  router.get('/products/templates', ({ url }) => {
    const product = productOf(url)
    if (isReply(product)) return product
    return ok({ templates: product.category.key === 'vps' ? TEMPLATES : [] })
  })
}

export type PublicHandler = (ctx: { url: URL }) => Reply

function productOf(url: URL): SimProduct | Reply {
  const id = url.searchParams.get('productId')
  if (!id) return invalid('productId is required')
  return ELIZON_PRODUCTS.find((p) => p.id === id) ?? fail(404, 'Product not found')
}

export function registerCatalogRoutes(router: ElizonRouter): void {
  router.post('/cart/calculate', async ({ req }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const items = Array.isArray(input.items) ? input.items.map(asRecord) : []
    if (items.length === 0) return invalid('items must not be empty')
    const priced = items.map(priceItem)
    const errors = priced.flatMap((p) => (typeof p === 'string' ? [p] : []))
    if (errors.length > 0) return invalid(...errors)
    const lines = priced as { productId: string; netCents: number; cycleDays: number }[]
    const gross = lines.reduce((sum, l) => sum + l.netCents, 0)
    const coupon = typeof input.coupon === 'string' ? input.coupon.trim().toUpperCase() : ''
    if (coupon !== '' && !(coupon in ELIZON_COUPONS)) return invalid('coupon is not valid')
    const discountCents = coupon ? Math.round((gross * (ELIZON_COUPONS[coupon] ?? 0)) / 100) : 0
    const netCents = gross - discountCents
    const taxCents = Math.round((netCents * ELIZON_PRICING.taxBps) / 10_000)
    return ok({
      items: lines.map(({ productId, netCents: n }) => ({ productId, netCents: n })),
      totals: { netCents, discountCents, taxCents, totalCents: netCents + taxCents, currency: 'EUR', cycleDays: lines[0]?.cycleDays ?? 30 }
    })
  })
}

function priceItem(item: Record<string, unknown>): { productId: string; netCents: number; cycleDays: number } | string {
  const product = ELIZON_PRODUCTS.find((p) => p.id === item.productId)
  if (!product) return 'productId is not a product'
  if (item.locationId !== undefined && !product.locationIds.includes(String(item.locationId))) return 'locationId is not offered for this product'
  if (!product.configurable) return { productId: product.id, netCents: product.priceCents, cycleDays: product.cycleDays }
  const config = asRecord(item.config)
  const within = (v: unknown, [min, max]: [number, number]): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
  const { cpu, ramGb, diskGb } = config
  if (!within(cpu, product.configurable.cpu)) return `config.cpu must be between ${product.configurable.cpu.join(' and ')}`
  if (!within(ramGb, product.configurable.ramGb)) return `config.ramGb must be between ${product.configurable.ramGb.join(' and ')}`
  if (!within(diskGb, product.configurable.diskGb)) return `config.diskGb must be between ${product.configurable.diskGb.join(' and ')}`
  const p = ELIZON_PRICING
  const netCents = p.baseCents + cpu * p.cpuCents + ramGb * p.ramGbCents + Math.ceil(diskGb / 10) * p.disk10GbCents
  return { productId: product.id, netCents, cycleDays: product.cycleDays }
}
