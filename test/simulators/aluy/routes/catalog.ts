// GET /products, GET /vm-config, POST /promo/validate.
import { asRecord, readJson, trimmedString } from '../../core/body'
import { json } from '../../core/reply'
import { LIMITS, LOCATIONS, PRICING, PROMO_CODES, type Product, type Variant } from '../model'
import type { AluyState } from '../state'
import type { AluyRouter } from '../context'

export function registerCatalogRoutes(router: AluyRouter): void {
  router.get('/products', ({ state }) =>
    json(200, {
      products: state.products
        .map((p) => ({ ...publicProduct(p), variants: p.variants.filter((v) => v.active).map(publicVariant) }))
        .filter((p) => p.variants.length > 0)
    })
  )

  router.get('/vm-config', () =>
    json(200, {
      custom: {
        available: true,
        pricing: { ramPer1GbCents: PRICING.ramPer1GbCents, cpuPerCoreCents: PRICING.cpuPerCoreCents, ssdPer10GbCents: PRICING.ssdPer10GbCents },
        limits: LIMITS.custom,
        locations: LOCATIONS
      },
      storage: {
        available: true,
        pricing: { ramPer1GbCents: PRICING.ramPer1GbCents, cpuPerCoreCents: PRICING.cpuPerCoreCents, hddPer1TbCents: PRICING.hddPer1TbCents },
        limits: LIMITS.storage,
        locations: LOCATIONS.slice(0, 1)
      },
      extraIpv4: { monthlyCents: PRICING.extraIpv4Cents, max: LIMITS.maxExtraIpv4 }
    })
  )

  // Never a 4xx: an unusable code is `valid: false` with a reason.
  router.post('/promo/validate', async ({ req, state }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const code = (trimmedString(input.code) ?? '').toUpperCase()
    const check = checkPromo(code)
    if (!check.ok) return json(200, { valid: false, error: check.error })
    if (typeof input.variantId !== 'string') return json(200, { valid: true, code, discountPercent: check.percent })
    const found = findVariant(state, input.variantId)
    if (!found) return json(200, { valid: false, error: 'Variant not found or inactive' })
    const discountCents = Math.round((found.variant.priceCents * check.percent) / 100)
    return json(200, { valid: true, code, discountPercent: check.percent, discountCents, newSubtotalCents: found.variant.priceCents - discountCents })
  })
}

export type PromoCheck = { ok: true; percent: number } | { ok: false; error: string }

export function checkPromo(code: string): PromoCheck {
  if (code === '') return { ok: false, error: 'Promo code is required' }
  const promo = PROMO_CODES[code]
  if (!promo) return { ok: false, error: 'Invalid promo code' }
  if (promo.expired) return { ok: false, error: 'Promo code expired' }
  return { ok: true, percent: promo.percent }
}

export function findVariant(state: AluyState, variantId: string): { product: Product; variant: Variant } | null {
  for (const product of state.products) {
    const variant = product.variants.find((v) => v.id === variantId && v.active)
    if (variant) return { product, variant }
  }
  return null
}

function publicProduct(p: Product): Omit<Product, 'variants'> {
  return { id: p.id, slug: p.slug, name: p.name, description: p.description, category: p.category, features: p.features }
}

function publicVariant(v: Variant): Omit<Variant, 'active' | 'spec'> {
  return { id: v.id, sku: v.sku, name: v.name, priceCents: v.priceCents, period: v.period, displayOrder: v.displayOrder }
}
