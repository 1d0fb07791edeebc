// Issue 16, planted bug 1: after a lost answer, order reconciliation may adopt
// only an order THIS attempt made. Another client of the same account places
// orders too — one with the very same label before we start, one with a similar
// label while our POST is in flight — and our own POST never makes an order.
// Adopting either of theirs would report "placed" for an order we did not make.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlaceOrderResult } from '../../src-main/shared/contracts/orders'
import type { Account } from '../../src-main/shared/domain'
import { startAluySimulator, type AluySimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addAccount, requestsSince, until } from './fleet-support'

let aluy: AluySimulator
let fx: CoreFixture
let account: Account

beforeAll(async () => {
  aluy = await startAluySimulator({ seed: 161, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1 })
  aluy.addAccount({ billingMode: 'POSTPAID' })
  fx = await makeCoreFixture()
  account = await addAccount(fx, aluy, 1)
})
afterAll(async () => {
  await fx.cleanup()
  await aluy.close()
})

const simAccount = () => aluy.state.account(aluy.accounts[1]!.id)
const spec = { cpuCores: 2, ramGb: 4, ssdGb: 60, location: 'fi-hel' }
const ORDERS = '/api/reseller/v1/orders'

/** Another client of the same account (say, the portal in a browser) placing an order over HTTP. */
async function otherClientOrders(label: string): Promise<string> {
  const res = await fetch(`${aluy.url}/orders`, {
    method: 'POST',
    headers: { cookie: `__Secure-next-auth.session-token=${aluy.accounts[1]!.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'vm-custom', ...spec, period: 'hourly', label })
  })
  if (res.status !== 201) throw new Error(`the other client's order failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { order: { id: string } }).order.id
}

describe('a lost answer adopts only an order this attempt made', () => {
  it('their same-label order from before and their similar-label order made meanwhile are not ours: not placed', async () => {
    const label = 'shop-web-7'
    const theirsBefore = await otherClientOrders(label)
    // Every request waits a little, so the other client's order lands while ours is in flight.
    aluy.setLatency(150)
    aluy.inject({ kind: 'reset', method: 'POST', path: ORDERS })
    const since = requestsSince(aluy)
    let theirsDuring = ''
    try {
      const placing = fx.dispatch('orders.place', { accountId: account.id, path: 'custom', spec, period: 'hourly', label })
      await until(() => since().some((r) => r.method === 'POST' && r.path === ORDERS), 'our POST /orders')
      theirsDuring = await otherClientOrders(`${label}0`)
      const result = unwrap(await placing) as PlaceOrderResult
      expect(result.outcome).toBe('not-placed')
    } finally {
      aluy.setLatency(0)
      aluy.clearFaults()
    }
    // The lost answer was checked against a list that already held their second order.
    const gets = since().filter((r) => r.method === 'GET' && r.path === ORDERS)
    expect(gets.length).toBeGreaterThanOrEqual(2)
    expect(simAccount().orders.map((o) => o.id)).toEqual(expect.arrayContaining([theirsBefore, theirsDuring]))
    // Only their two orders exist; ours was never made (and never re-sent).
    expect(simAccount().orders.filter((o) => o.lines.some((l) => l.label.startsWith(label)))).toHaveLength(2)
    expect(since().filter((r) => r.method === 'POST' && r.path === ORDERS)).toHaveLength(2)
  })

  it('with the same neighbours, our own order made behind a lost answer is the one adopted', async () => {
    const label = 'shop-web-8'
    const theirsBefore = await otherClientOrders(label)
    await otherClientOrders(`${label}-copy`)
    aluy.inject({ kind: 'drop-after-handling', method: 'POST', path: ORDERS })
    const result = unwrap(await fx.dispatch('orders.place', { accountId: account.id, path: 'custom', spec, period: 'hourly', label })) as PlaceOrderResult
    if (result.outcome !== 'placed') throw new Error(`expected placed, got ${result.outcome}`)
    expect(result.recovered).toBe(true)
    const ours = simAccount().orders.find((o) => o.id !== theirsBefore && o.lines.some((l) => l.label === label))!
    expect(result.order.id).toBe(ours.id)
  })
})
