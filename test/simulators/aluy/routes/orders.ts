// POST /orders (preset and custom paths), GET /orders, GET /orders/:id, POST /orders/:id/pay.
// An order provisions inline: by the time 201 is sent the service row exists
// (PENDING with a provision issue when the OS template or an SSH key is wrong).
import { isPositiveInt, isRecord, readJson, trimmedString } from '../../core/body'
import { pageSlice, filterIf, isoAt } from '../../core/paging'
import { json, type Reply } from '../../core/reply'
import { LIMITS, LOCATIONS, ORDER_STATUSES, TEMPLATES, type AluyAccount, type AluyOrder, type VmSpec } from '../model'
import { priceOf } from '../seed'
import type { AluyState } from '../state'
import { enumParam, fail, isReply, pageParams, type AluyCtx, type AluyRouter } from '../context'
import { checkPromo, findVariant } from './catalog'

interface Plan {
  label: string
  productName: string
  spec: VmSpec
  monthlyPriceCents: number
}

interface Common {
  label: string | null
  period: 'hourly' | 'monthly'
  promoCode: string | null
  operatingSystemId: number | null
  sshKeys: number[]
}

const PATH_ERROR = 'Provide either variantId (preset) or type with specs (custom). type must be "vm-custom" or "vm-storage".'

export function registerOrderRoutes(router: AluyRouter): void {
  router.post('/orders', createOrder)

  router.get('/orders', ({ url, account }) => {
    const page = pageParams(url)
    if (isReply(page)) return page
    const status = enumParam(url, 'status', ORDER_STATUSES, 'status')
    if (isReply(status)) return status
    const orders = filterIf(account.orders, status ? (o) => o.status === status : null)
    return json(200, { orders: pageSlice(orders, page.offset, page.limit).map(orderSummary), total: orders.length, limit: page.limit, offset: page.offset })
  })

  router.get('/orders/:id', ({ params, account }) => {
    const order = account.orders.find((o) => o.id === params.id)
    return order ? json(200, { order: orderDetail(order) }) : fail(404, 'Order not found')
  })

  router.post('/orders/:id/pay', async ({ req, params, account, state }) => {
    const body = await readJson(req)
    if (!body.ok || !isRecord(body.value) || body.value.method !== 'balance') return fail(400, 'Only balance payment is supported')
    const order = account.orders.find((o) => o.id === params.id && o.status === 'PENDING_PAYMENT')
    if (!order) return fail(404, 'Pending order not found')
    if (account.balanceCents < order.totalCents) return fail(402, 'Insufficient balance')
    payFromBalance(state, account, order)
    const label = order.lines[0]?.label ?? 'vps'
    const service = state.addService(account, { kind: 'VPS', status: 'PENDING', label, period: 'MONTHLY', spec: order.spec, monthlyPriceCents: order.totalCents, createdAtMs: Date.now(), orderId: order.id }, true)
    state.provision(service)
    return json(200, { ok: true })
  })
}

async function createOrder({ req, account, state }: AluyCtx): Promise<Reply> {
  const body = await readJson(req)
  if (!body.ok || !isRecord(body.value)) return fail(400, 'Invalid JSON body')
  const input = body.value
  if ((input.variantId !== undefined) === (input.type !== undefined)) return fail(400, PATH_ERROR)
  const common = parseCommon(input)
  if (isReply(common)) return common
  const plan = input.variantId !== undefined ? planPreset(state, input.variantId, common) : planCustom(input, common)
  if (isReply(plan)) return plan
  let discountCents = 0
  if (common.promoCode !== null) {
    const promo = checkPromo(common.promoCode.toUpperCase())
    if (!promo.ok) return fail(400, promo.error)
    discountCents = Math.round((plan.monthlyPriceCents * promo.percent) / 100)
  }
  const refused = checkBilling(account, plan, common.period, discountCents)
  if (refused) return refused
  return json(201, { order: placeOrder(state, account, plan, common, discountCents) })
}

function parseCommon(input: Record<string, unknown>): Common | Reply {
  const period = input.period ?? 'hourly'
  if (period !== 'hourly' && period !== 'monthly') return fail(400, 'period must be "hourly" or "monthly"')
  if (input.operatingSystemId !== undefined && !isPositiveInt(input.operatingSystemId)) return fail(400, 'operatingSystemId must be a positive integer')
  const sshKeys = input.sshKeys ?? []
  if (!Array.isArray(sshKeys) || sshKeys.length > 50 || !sshKeys.every(isPositiveInt)) {
    return fail(400, 'sshKeys must be an array of at most 50 positive integers')
  }
  const label = trimmedString(input.label)
  return {
    label: label ? label.slice(0, 200) : null,
    period,
    promoCode: trimmedString(input.promoCode) || null,
    operatingSystemId: isPositiveInt(input.operatingSystemId) ? input.operatingSystemId : null,
    sshKeys: sshKeys as number[]
  }
}

function planPreset(state: AluyState, variantId: unknown, common: Common): Plan | Reply {
  const found = typeof variantId === 'string' ? findVariant(state, variantId) : null
  if (!found) return fail(404, 'Variant not found or inactive')
  if (found.product.category !== 'VPS') return fail(400, 'Reseller orders are limited to VPS products')
  return {
    label: common.label ?? `${found.product.slug}-${state.rng.hex(4)}`,
    productName: `${found.product.name} - ${found.variant.name}`,
    spec: { vmType: 'preset', vmLocation: 'de-fra', ...found.variant.spec },
    monthlyPriceCents: found.variant.priceCents
  }
}

function planCustom(input: Record<string, unknown>, common: Common): Plan | Reply {
  const type = input.type
  if (type !== 'vm-custom' && type !== 'vm-storage') return fail(400, PATH_ERROR)
  const location = typeof input.location === 'string' ? input.location : ''
  const available = type === 'vm-custom' ? LOCATIONS.map((l) => l.id) : [LOCATIONS[0].id]
  if (!(available as string[]).includes(location)) return fail(400, `Invalid location "${location}". Available: ${available.join(', ')}`)
  const limits = type === 'vm-custom' ? LIMITS.custom : LIMITS.storage
  const ramGb = inRange(input.ramGb, limits.minRamGb, limits.maxRamGb)
  const cpuCores = inRange(input.cpuCores, limits.minCpuCores, limits.maxCpuCores)
  if (ramGb === null) return fail(400, `ramGb must be between ${limits.minRamGb} and ${limits.maxRamGb}`)
  if (cpuCores === null) return fail(400, `cpuCores must be between ${limits.minCpuCores} and ${limits.maxCpuCores}`)
  const extraIpv4 = input.extraIpv4 === undefined ? 0 : inRange(input.extraIpv4, 0, LIMITS.maxExtraIpv4)
  if (extraIpv4 === null) return fail(400, `extraIpv4 must be between 0 and ${LIMITS.maxExtraIpv4}`)
  let spec: VmSpec
  if (type === 'vm-custom') {
    const ssdGb = inRange(input.ssdGb, LIMITS.custom.minSsdGb, LIMITS.custom.maxSsdGb)
    if (ssdGb === null) return fail(400, `ssdGb must be between ${LIMITS.custom.minSsdGb} and ${LIMITS.custom.maxSsdGb}`)
    spec = { vmType: 'custom', vmLocation: location, ramGb, cpuCores, ssdGb }
  } else {
    const hddTb = inRange(input.hddTb, LIMITS.storage.minHddTb, LIMITS.storage.maxHddTb)
    if (hddTb === null) return fail(400, `hddTb must be between ${LIMITS.storage.minHddTb} and ${LIMITS.storage.maxHddTb}`)
    spec = { vmType: 'storage', vmLocation: location, ramGb, cpuCores, hddTb }
  }
  return {
    label: common.label ?? `vps-${location}`,
    productName: type === 'vm-custom' ? 'Custom VPS' : 'Storage VPS',
    spec,
    monthlyPriceCents: priceOf(spec, extraIpv4)
  }
}

function inRange(v: unknown, min: number, max: number): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null
}

function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`
}

function checkBilling(account: AluyAccount, plan: Plan, period: Common['period'], discountCents: number): Reply | null {
  if (account.billingMode === 'POSTPAID') {
    const current = account.services.filter((s) => s.kind === 'VPS' && s.status !== 'TERMINATED').length
    if (account.vpsLimit !== null && current >= account.vpsLimit) {
      return fail(429, `VPS limit reached (${current}/${account.vpsLimit}). Contact support to increase your limit.`, { current, limit: account.vpsLimit })
    }
    return null
  }
  if (period === 'hourly') {
    const rate = Math.max(1, Math.round(plan.monthlyPriceCents / 730))
    if (account.balanceCents < rate) {
      return fail(402, `Insufficient balance for hourly billing (need at least ${euros(rate)} for one hour, have ${euros(account.balanceCents)}). Top up your balance and try again.`)
    }
    return null
  }
  return account.balanceCents < plan.monthlyPriceCents - discountCents ? fail(402, 'Insufficient balance') : null
}

function placeOrder(state: AluyState, account: AluyAccount, plan: Plan, common: Common, discountCents: number): Record<string, unknown> {
  const now = Date.now()
  const order = state.addOrder(account, { status: 'PAID', label: plan.label, period: common.period, monthlyPriceCents: plan.monthlyPriceCents, discountCents, spec: plan.spec, createdAtMs: now })
  if (common.period === 'monthly' && account.billingMode === 'PREPAID') {
    account.balanceCents -= order.totalCents
    account.transactions.unshift({ id: state.rng.cuid(), amountCents: -order.totalCents, type: 'ORDER', description: `Order ${plan.productName} - ${plan.label}`, createdAt: isoAt(now) })
  }
  const service = state.addService(
    account,
    { kind: 'VPS', status: 'PENDING', label: plan.label, period: common.period === 'hourly' ? 'HOURLY' : 'MONTHLY', spec: plan.spec, monthlyPriceCents: plan.monthlyPriceCents, createdAtMs: now, orderId: order.id },
    true
  )
  const templateOk = common.operatingSystemId === null || TEMPLATES.some((t) => t.id === common.operatingSystemId)
  const keysOk = common.sshKeys.every((id) => account.sshKeys.some((k) => k.id === id))
  if (templateOk && keysOk) state.provision(service)
  else service.provisionIssue = true
  state.addInvoice(account, { issuedAtMs: now, lines: [{ label: `${plan.productName} - ${plan.label}`, totalCents: order.totalCents }], orderId: order.id, schemaVersion: 2 }, true)
  const hourly = common.period === 'hourly'
  return {
    id: order.id,
    status: order.status,
    totalCents: order.totalCents,
    discountCents: order.discountCents,
    billingMode: account.billingMode,
    period: common.period,
    ...(hourly ? { hourlyRateCents: order.hourlyRateCents } : {}),
    note: noteFor(account, hourly),
    lines: order.lines.map((l) => ({ label: l.label, totalCents: l.totalCents })),
    createdAt: order.createdAt
  }
}

function noteFor(account: AluyAccount, hourly: boolean): string {
  if (!hourly) return 'The full monthly price was charged up-front; the service renews monthly.'
  return account.billingMode === 'POSTPAID'
    ? 'Service is metered per running hour and rolled up into one invoice on the 1st of each month. Powered-off hours are not charged.'
    : 'Service is metered per running hour and debited from your balance. Powered-off hours are not charged.'
}

function payFromBalance(state: AluyState, account: AluyAccount, order: AluyOrder): void {
  const now = isoAt(Date.now())
  account.balanceCents -= order.totalCents
  for (const p of order.payments) if (p.status === 'PENDING') p.status = 'FAILED'
  order.payments.push(state.completedPayment(order, now))
  order.status = 'PAID'
  order.updatedAt = now
  account.transactions.unshift({ id: state.rng.cuid(), amountCents: -order.totalCents, type: 'ORDER', description: `Order ${order.lines[0]?.label ?? order.id}`, createdAt: now })
}

function orderSummary(o: AluyOrder): Record<string, unknown> {
  return {
    id: o.id,
    status: o.status,
    currency: o.currency,
    subtotalCents: o.subtotalCents,
    vatCents: o.vatCents,
    totalCents: o.totalCents,
    reverseCharge: o.reverseCharge,
    lines: o.lines.map((l) => ({ label: l.label, quantity: l.quantity, unitCents: l.unitCents, totalCents: l.totalCents })),
    createdAt: o.createdAt
  }
}

function orderDetail(o: AluyOrder): Record<string, unknown> {
  return { ...orderSummary(o), lines: o.lines, payments: o.payments, updatedAt: o.updatedAt }
}
