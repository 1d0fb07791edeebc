// elizon's catalog and server-side prices, and the same spec priced side by side
// at an aluy and an elizon account, through main's real core over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalog, CompareRow, PriceResult } from '../../src-main/shared/contracts/orders'
import type { Account } from '../../src-main/shared/domain'
import type { ElizonSimulator } from '../simulators/index'
import { unwrap, type CoreFixture } from '../support/core-fixture'
import { startCoreWithAccounts, type CoreWithAccounts } from '../support/simulator-pair'
import { fails } from './commerce-support'

let env: CoreWithAccounts
let elizon: ElizonSimulator
let fx: CoreFixture
let aluyAcc: Account
let elizonAcc: Account

beforeAll(async () => {
  env = await startCoreWithAccounts({ seed: 63, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 1 })
  elizon = env.elizon
  fx = env.fx
  aluyAcc = env.aluyAcc
  elizonAcc = env.elizonAcc
})
afterAll(async () => {
  await env?.close()
})

describe('elizon catalog', () => {
  it('products with their order page, locations with countries and templates; ordering continues in the browser', async () => {
    const catalog = unwrap(await fx.dispatch('catalog.get', { accountId: elizonAcc.id })) as Catalog
    expect(catalog.ordering).toBe('browser')
    expect(catalog.custom).toBeNull()
    const flex = catalog.products.find((p) => p.name === 'Cloud VPS Flex')!
    expect(flex.browserUrl).toBe(`${elizon.origin}/products/vps/cloud-flex`)
    expect(catalog.locations).toContainEqual({ id: 'loc_ams1', label: 'Amsterdam 1 (Amsterdam)', country: 'NL' })
    expect(catalog.templates.map((t) => t.label)).toContain('Debian 12')
    expect(catalog.sshKeys.length).toBeGreaterThan(0)
  })

  it('prices a configuration server-side (/cart/calculate), with a coupon', async () => {
    const input = { accountId: elizonAcc.id, productId: 'prod_cloud_flex', locationId: 'loc_fra1', cpuCores: 2, ramGb: 4, diskGb: 60 }
    const price = unwrap(await fx.dispatch('catalog.price', input)) as PriceResult
    const net = 200 + 2 * 250 + 4 * 150 + 6 * 80
    expect(price).toEqual({ netCents: net, discountCents: 0, taxCents: Math.round(net * 0.19), totalCents: net + Math.round(net * 0.19), currency: 'EUR', cycleDays: 30 })
    const discounted = unwrap(await fx.dispatch('catalog.price', { ...input, coupon: 'elizon10' })) as PriceResult
    expect(discounted.discountCents).toBe(Math.round(net / 10))
    expect(elizon.requests.filter((r) => r.path === '/api/cart/calculate')).toHaveLength(2)
  })

  it('an out-of-range configuration is refused with the provider’s field problems', async () => {
    const err = await fails(fx, 'catalog.price', { accountId: elizonAcc.id, productId: 'prod_cloud_flex', cpuCores: 64, ramGb: 4, diskGb: 60 })
    expect(err).toMatchObject({ code: 'bad-request', status: 400 })
    expect(err.issues).toEqual(['config.cpu must be between 1 and 12'])
  })

  it('elizon checks coupons only at checkout, aluy has no server-side calculation', async () => {
    expect(await fails(fx, 'catalog.promo', { accountId: elizonAcc.id, code: 'X' })).toMatchObject({ code: 'unavailable' })
    expect(await fails(fx, 'catalog.price', { accountId: aluyAcc.id, productId: 'p' })).toMatchObject({ code: 'unavailable' })
    expect(await fails(fx, 'orders.place', { accountId: elizonAcc.id, path: 'custom', spec: { cpuCores: 1, ramGb: 1, ssdGb: 20, location: 'loc_fra1' }, period: 'monthly', label: 'x' })).toMatchObject({
      code: 'unavailable'
    })
  })
})

describe('side by side', () => {
  it('prices one spec at every account: aluy from its published pricing, elizon calculated by the server', async () => {
    const rows = unwrap(await fx.dispatch('catalog.compare', { cpuCores: 2, ramGb: 4, diskGb: 60, country: 'de' })) as CompareRow[]
    const byAccount = new Map(rows.map((r) => [r.accountId, r]))
    expect(byAccount.get(aluyAcc.id)).toMatchObject({ monthlyCents: 2000, hourlyCents: 3, source: 'published-pricing', location: 'Frankfurt, DE', offer: 'Custom VPS' })
    expect(byAccount.get(elizonAcc.id)).toMatchObject({ monthlyCents: 1780, source: 'server-calculated', offer: 'Cloud VPS Flex', unavailable: null })
  })

  it('says which accounts cannot sell the spec, and why', async () => {
    const us = unwrap(await fx.dispatch('catalog.compare', { cpuCores: 2, ramGb: 4, diskGb: 60, country: 'US' })) as CompareRow[]
    expect(us.find((r) => r.accountId === elizonAcc.id)).toMatchObject({ monthlyCents: null, unavailable: 'not sold in that country' })
    expect(us.find((r) => r.accountId === aluyAcc.id)?.location).toBe('Ashburn, US')
    const huge = unwrap(await fx.dispatch('catalog.compare', { cpuCores: 32, ramGb: 4, diskGb: 60 })) as CompareRow[]
    expect(huge.map((r) => r.unavailable).sort()).toEqual(['spec outside every product', 'spec outside the limits'])
  })
})
