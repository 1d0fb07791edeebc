// Orders and catalog through main's real core against the aluy simulator over
// HTTP: the catalog and the client-side quote checked against what the API
// charges, promo codes, each refusal in words, no double order when the answer
// is lost, following the new server, provision issues, the orders list, pay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalog, FollowResult, OrderDetail, OrdersList, PlaceOrderResult, PromoResult } from '../../src-main/shared/contracts/orders'
import { hourlyFromMonthlyCents, quoteCustomMonthlyCents } from '../../src-main/shared/contracts/orders'
import type { ServerActionResult } from '../../src-main/shared/contracts/fleet'
import type { Account } from '../../src-main/shared/domain'
import { startAluySimulator, type AluySimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { fails } from './commerce-support'
import { addAccount, refreshAll, requestsSince } from './fleet-support'

let aluy: AluySimulator
let fx: CoreFixture
let postpaid: Account
let prepaid: Account

beforeAll(async () => {
  aluy = await startAluySimulator({ seed: 61, accounts: 0, serversPerAccount: 3, invoicesPerAccount: 1 })
  aluy.addAccount({ billingMode: 'POSTPAID' })
  aluy.addAccount({ billingMode: 'PREPAID' })
  fx = await makeCoreFixture()
  postpaid = await addAccount(fx, aluy, 0)
  prepaid = await addAccount(fx, aluy, 1)
  await refreshAll(fx)
})
afterAll(async () => {
  await fx.cleanup()
  await aluy.close()
})

const simAccount = (i: number) => aluy.state.account(aluy.accounts[i]!.id)
const spec = { cpuCores: 2, ramGb: 4, ssdGb: 60, location: 'fi-hel' }
let labelSeq = 0
const nextLabel = () => `order-test-${++labelSeq}`

async function place(input: Record<string, unknown>): Promise<PlaceOrderResult> {
  return unwrap(await fx.dispatch('orders.place', input)) as PlaceOrderResult
}

describe('catalog', () => {
  it('lists VPS products, the custom builder, locations with countries, templates, the account keys and billing mode', async () => {
    const catalog = unwrap(await fx.dispatch('catalog.get', { accountId: postpaid.id })) as Catalog
    expect(catalog.ordering).toBe('in-app')
    expect(catalog.products.map((p) => p.category)).toEqual(['VPS', 'VPS'])
    expect(catalog.products[0]!.variants.length).toBeGreaterThan(0)
    expect(catalog.custom?.pricing).toEqual({ ramPer1GbCents: 200, cpuPerCoreCents: 300, ssdPer10GbCents: 100 })
    expect(catalog.custom?.locations).toContainEqual({ id: 'de-fra', label: 'Frankfurt, DE', country: 'DE' })
    expect(catalog.templates.map((t) => t.label)).toContain('Debian 12')
    expect(catalog.sshKeys.map((k) => k.name)).toEqual(['laptop-ed25519', 'ci-deploy'])
    expect(catalog.sshKeys[0]!.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    expect(catalog.billingMode).toBe('POSTPAID')
  })

  it('promo codes: valid gives the discount, unknown and expired are valid:false with a reason (not errors)', async () => {
    const catalog = unwrap(await fx.dispatch('catalog.get', { accountId: postpaid.id })) as Catalog
    const variant = catalog.products[0]!.variants[0]!
    const good = unwrap(await fx.dispatch('catalog.promo', { accountId: postpaid.id, code: 'summer10', variantId: variant.id })) as PromoResult
    expect(good).toMatchObject({ valid: true, discountPercent: 10, discountCents: Math.round(variant.priceCents / 10) })
    const unknown = unwrap(await fx.dispatch('catalog.promo', { accountId: postpaid.id, code: 'NOPE' })) as PromoResult
    expect(unknown).toMatchObject({ valid: false, reason: 'Invalid promo code' })
    const expired = unwrap(await fx.dispatch('catalog.promo', { accountId: postpaid.id, code: 'SPRING20' })) as PromoResult
    expect(expired).toMatchObject({ valid: false, reason: 'Promo code expired' })
  })
})

describe('placing orders', () => {
  it('a custom hourly order: the API charges what the client-side quote said, the new server is found and reachable', async () => {
    const quoted = quoteCustomMonthlyCents({ ramPer1GbCents: 200, cpuPerCoreCents: 300, ssdPer10GbCents: 100 }, spec)
    expect(quoted).toBe(4 * 200 + 2 * 300 + 6 * 100)
    const label = nextLabel()
    const result = await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label, sshKeyIds: [String(simAccount(0).sshKeys[0]!.id)], operatingSystemId: 2, quotedMonthlyCents: quoted })
    if (result.outcome !== 'placed') throw new Error(result.outcome)
    expect(result.order).toMatchObject({ billingMode: 'POSTPAID', period: 'hourly', hourlyRateCents: hourlyFromMonthlyCents(quoted) })
    expect(result.priceDiffers).toBe(false)
    expect(result.recovered).toBe(false)
    const service = simAccount(0).services.find((s) => s.label === label)!
    expect(result.serverKey).toBe(`${postpaid.id}:${service.id}`)
    const follow = unwrap(await fx.dispatch('orders.follow', { serverKey: result.serverKey })) as FollowResult
    expect(follow).toMatchObject({ status: 'active', reachable: true, provisionIssue: false })
    expect(follow.ipv4).toBe(service.ipv4)
  })

  it('a monthly preset order with a promo: the API total is the truth, and a quote that differs is flagged', async () => {
    const catalog = unwrap(await fx.dispatch('catalog.get', { accountId: prepaid.id })) as Catalog
    const variant = catalog.products[0]!.variants[1]!
    simAccount(1).balanceCents = 100_000
    const result = await place({ accountId: prepaid.id, path: 'preset', variantId: variant.id, period: 'monthly', label: nextLabel(), promoCode: 'SUMMER10', quotedMonthlyCents: variant.priceCents + 1 })
    if (result.outcome !== 'placed') throw new Error(result.outcome)
    const discount = Math.round(variant.priceCents / 10)
    expect(result.order).toMatchObject({ billingMode: 'PREPAID', period: 'monthly', totalCents: variant.priceCents - discount, discountCents: discount })
    expect(result.priceDiffers).toBe(true)
  })

  it('POST /orders is sent exactly once', async () => {
    const since = requestsSince(aluy)
    await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label: nextLabel() })
    expect(since().filter((r) => r.method === 'POST' && r.path.endsWith('/orders'))).toHaveLength(1)
  })

  it('400 (bad location), 402 (no balance), 404 (no variant), 429 (quota) come back in words', async () => {
    const badLocation = await fails(fx, 'orders.place', { accountId: postpaid.id, path: 'custom', spec: { ...spec, location: 'xx-nowhere' }, period: 'hourly', label: nextLabel() })
    expect(badLocation).toMatchObject({ code: 'bad-request', status: 400 })
    expect(badLocation.message).toContain('Invalid location "xx-nowhere"')

    simAccount(1).balanceCents = 0
    const broke = await fails(fx, 'orders.place', { accountId: prepaid.id, path: 'custom', spec, period: 'monthly', label: nextLabel() })
    expect(broke).toMatchObject({ code: 'payment-required', status: 402 })
    expect(broke.message).toContain('The balance does not cover this order')

    const missing = await fails(fx, 'orders.place', { accountId: postpaid.id, path: 'preset', variantId: 'clxdoesnotexist', period: 'hourly', label: nextLabel() })
    expect(missing).toMatchObject({ code: 'not-found', status: 404 })
    expect(missing.message).toContain('no longer exists')

    const account = simAccount(0)
    const used = account.services.filter((s) => s.kind === 'VPS' && s.status !== 'TERMINATED').length
    const before = account.vpsLimit
    account.vpsLimit = used
    try {
      const quota = await fails(fx, 'orders.place', { accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label: nextLabel() })
      expect(quota).toMatchObject({ code: 'quota-exceeded', status: 429, current: used, limit: used })
      expect(quota.message).toContain(`(${used} of ${used} in use)`)
    } finally {
      account.vpsLimit = before
    }
  })
})

describe('no double orders', () => {
  it('the order is created but the answer is dropped: found in GET /orders, reported placed, never re-sent', async () => {
    const ordersBefore = simAccount(0).orders.length
    aluy.inject({ kind: 'drop-after-handling', method: 'POST', path: '/api/reseller/v1/orders' })
    const since = requestsSince(aluy)
    const label = nextLabel()
    const result = await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label })
    if (result.outcome !== 'placed') throw new Error(`expected placed, got ${result.outcome}`)
    expect(result.recovered).toBe(true)
    expect(result.order.id).toBe(simAccount(0).orders[0]!.id)
    expect(simAccount(0).orders.length).toBe(ordersBefore + 1)
    expect(since().filter((r) => r.method === 'POST' && r.path.endsWith('/orders'))).toHaveLength(1)
    expect(result.serverKey).toContain(simAccount(0).services.find((s) => s.label === label)!.id)
  })

  it('the connection drops before the order is made: not placed, so a retry is safe', async () => {
    const ordersBefore = simAccount(0).orders.length
    aluy.inject({ kind: 'reset', method: 'POST', path: '/api/reseller/v1/orders' })
    const result = await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label: nextLabel() })
    expect(result.outcome).toBe('not-placed')
    expect(simAccount(0).orders.length).toBe(ordersBefore)
  })
})

describe('unknown outcome', () => {
  it('the answer is lost and the orders list cannot be read either: unknown, no retry offered, POST sent once', async () => {
    const ordersBefore = simAccount(0).orders.length
    const since = requestsSince(aluy)
    aluy.inject({ kind: 'drop-after-handling', method: 'POST', path: '/api/reseller/v1/orders' })
    // The first GET /orders (what existed before) is answered; every later one is unreadable, retries included.
    aluy.inject({ kind: 'malformed-json', method: 'GET', path: '/api/reseller/v1/orders', skip: 1, times: Infinity })
    try {
      const result = await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label: nextLabel() })
      expect(result.outcome).toBe('unknown')
      if (result.outcome !== 'unknown') return
      expect(result.error.message).toContain("The provider's answer to the order was lost")
    } finally {
      aluy.clearFaults()
    }
    // The order was in fact made: exactly one, from exactly one POST.
    expect(simAccount(0).orders.length).toBe(ordersBefore + 1)
    const requests = since()
    expect(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/orders'))).toHaveLength(1)
    expect(requests.filter((r) => r.method === 'GET' && r.path.endsWith('/orders')).length).toBeGreaterThanOrEqual(2)
  })
})

describe('provision issue', () => {
  it('a wrong OS template leaves the service pending with a provision issue; retry-provision makes it reachable', async () => {
    const result = await place({ accountId: postpaid.id, path: 'custom', spec, period: 'hourly', label: nextLabel(), operatingSystemId: 999 })
    if (result.outcome !== 'placed' || !result.serverKey) throw new Error('not placed')
    const follow = unwrap(await fx.dispatch('orders.follow', { serverKey: result.serverKey })) as FollowResult
    expect(follow).toMatchObject({ provisionIssue: true, reachable: false, status: 'pending' })
    const retried = unwrap(await fx.dispatch('servers.action', { key: result.serverKey, action: 'retry-provision' })) as ServerActionResult
    const after = unwrap(await fx.dispatch('orders.follow', { serverKey: retried.newKey ?? result.serverKey })) as FollowResult
    expect(after).toMatchObject({ provisionIssue: false, reachable: true })
  })
})

describe('orders list, detail, pay', () => {
  it('lists both accounts newest first; detail has lines and payments; a pending order is paid from the balance', async () => {
    const list = unwrap(await fx.dispatch('orders.list', undefined)) as OrdersList
    expect(list.failures).toEqual([])
    expect(new Set(list.orders.map((o) => o.accountId))).toEqual(new Set([postpaid.id, prepaid.id]))
    const pending = list.orders.find((o) => o.status === 'PENDING_PAYMENT' && o.accountId === prepaid.id)!
    simAccount(1).balanceCents = 1_000_000
    unwrap(await fx.dispatch('orders.pay', { accountId: prepaid.id, orderId: pending.id }))
    const detail = unwrap(await fx.dispatch('orders.get', { accountId: prepaid.id, orderId: pending.id })) as OrderDetail
    expect(detail.status).toBe('PAID')
    expect(detail.payments.at(-1)).toMatchObject({ status: 'COMPLETED' })
    expect(detail.lines.length).toBeGreaterThan(0)
    const again = await fails(fx, 'orders.pay', { accountId: prepaid.id, orderId: pending.id })
    expect(again).toMatchObject({ code: 'not-found' })
    expect(again.message).toContain('not waiting for payment')
  })

  it('a pending order the balance cannot cover: 402 in words', async () => {
    const account = simAccount(1)
    const list = unwrap(await fx.dispatch('orders.list', undefined)) as OrdersList
    const any = list.orders.find((o) => o.accountId === prepaid.id)!
    const order = account.orders.find((o) => o.id === any.id)!
    order.status = 'PENDING_PAYMENT'
    order.totalCents = 5000
    account.balanceCents = 10
    const err = await fails(fx, 'orders.pay', { accountId: prepaid.id, orderId: order.id })
    expect(err).toMatchObject({ code: 'payment-required', status: 402 })
  })

  it('one account failing sits beside the other in the list', async () => {
    const other = await startAluySimulator({ seed: 62, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1 })
    try {
      const extra = await addAccount(fx, other, 0)
      other.inject({ kind: '5xx', times: Infinity, path: '/api/reseller/v1/orders' })
      const list = unwrap(await fx.dispatch('orders.list', undefined)) as OrdersList
      expect(list.failures.map((f) => f.accountId)).toEqual([extra.id])
      expect(list.orders.some((o) => o.accountId === postpaid.id)).toBe(true)
      unwrap(await fx.dispatch('accounts.remove', { id: extra.id }))
    } finally {
      await other.close()
    }
  })
})
