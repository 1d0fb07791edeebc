// A monthly aluy service's price, from what the reference provides: GET
// /services sends none. The detail's metadata has the spec (ramGb, cpuCores,
// ssdGb or hddTb) and /vm-config prices each resource per month; a preset
// service whose metadata names its catalog variant (variantId, not shown by the
// reference) takes that variant's priceCents from /products. Whatever cannot be
// priced stays null ("unknown"), never 0. Assumptions: docs/assumptions-aluy.md.
import { z } from 'zod'
import { pathOf } from '../paths'
import { FlotillaError } from '../../../shared/errors'
import type { BilledService } from '../billing-port'
import type { AccountContext } from '../provider-adapter'
import { aluyRequest } from './aluy-request'

const Num = z.number().nonnegative()
const VmConfig = z.object({
  custom: z.object({ pricing: z.object({ ramPer1GbCents: Num, cpuPerCoreCents: Num, ssdPer10GbCents: Num }) }).loose(),
  storage: z
    .object({ pricing: z.object({ ramPer1GbCents: Num, cpuPerCoreCents: Num, hddPer1TbCents: Num }) })
    .loose()
    .nullable()
    .optional()
    .catch(null)
}).loose()
type VmConfig = z.output<typeof VmConfig>

const Spec = z.object({
  ramGb: Num.optional().catch(undefined),
  cpuCores: Num.optional().catch(undefined),
  ssdGb: Num.optional().catch(undefined),
  hddTb: Num.optional().catch(undefined),
  variantId: z.string().optional().catch(undefined)
})
type Spec = z.output<typeof Spec>

const Detail = z.object({ service: z.object({ metadata: Spec.nullable().optional().catch(null) }).loose() })
const Products = z.object({
  products: z.array(z.object({ variants: z.array(z.object({ id: z.string(), priceCents: Num }).loose()).catch([]) }).loose()).catch([])
})

/** Fills in monthlyPriceCents for the active monthly services; hourly ones are priced by aluy's own hourly figures. */
export async function priceMonthly(ctx: AccountContext, services: BilledService[]): Promise<BilledService[]> {
  const monthly = services.filter((s) => s.period === 'monthly' && s.active)
  if (monthly.length === 0) return services
  const [config, variants] = await Promise.all([optional(ctx, '/vm-config', VmConfig), optional(ctx, '/products', Products)])
  const prices = new Map<string, number | null>()
  // One detail at a time: monthly services are legacy and few, and this runs beside the fleet's own calls.
  for (const s of monthly) {
    const detail = await optional(ctx, pathOf`/services/${s.id}`, Detail)
    prices.set(s.id, monthlyPriceOf(detail?.service.metadata ?? null, config, variantPrices(variants)))
  }
  return services.map((s) => (prices.has(s.id) ? { ...s, monthlyPriceCents: prices.get(s.id) ?? null } : s))
}

/**
 * Catalog price when the metadata names a variant; else the spec priced by
 * /vm-config: RAM per GB, CPU per core, SSD per started 10 GB (custom) or HDD
 * per TB (storage). Null when neither is readable.
 */
export function monthlyPriceOf(spec: Spec | null, config: VmConfig | null, variants: ReadonlyMap<string, number>): number | null {
  if (spec === null) return null
  if (spec.variantId !== undefined && variants.has(spec.variantId)) return variants.get(spec.variantId) ?? null
  if (config === null || spec.ramGb === undefined || spec.cpuCores === undefined) return null
  if (spec.hddTb !== undefined) {
    const p = config.storage?.pricing
    return p ? Math.round(spec.ramGb * p.ramPer1GbCents + spec.cpuCores * p.cpuPerCoreCents + spec.hddTb * p.hddPer1TbCents) : null
  }
  if (spec.ssdGb === undefined) return null
  const p = config.custom.pricing
  return Math.round(spec.ramGb * p.ramPer1GbCents + spec.cpuCores * p.cpuPerCoreCents + Math.ceil(spec.ssdGb / 10) * p.ssdPer10GbCents)
}

function variantPrices(body: z.output<typeof Products> | null): Map<string, number> {
  return new Map((body?.products ?? []).flatMap((p) => p.variants.map((v) => [v.id, v.priceCents] as const)))
}

/** A lookup that may fail without failing billing; a lost session still stops it. */
async function optional<S extends z.ZodType>(ctx: AccountContext, path: string, schema: S): Promise<z.output<S> | null> {
  try {
    return await aluyRequest(ctx, 'GET', path, schema)
  } catch (error) {
    if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
    return null
  }
}
