// The billing page's numbers from main's real core against the simulators:
// wallet, hourly burn, projection, powered-off monthly servers, and the
// auto-charge toggle with aluy's 409 for PREPAID accounts put in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BillingOverview } from '../../src-main/shared/contracts/billing'
import { PREPAID_AUTO_CHARGE_MESSAGE } from '../../src-main/core/billing/billing-service'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addSimAccount } from './billing-support'

let fx: CoreFixture
let aluy: AluySimulator
let elizon: ElizonSimulator
let postpaidId: string
let prepaidId: string
let elizonId: string

beforeAll(async () => {
  // Account 1 of the aluy simulator is POSTPAID, account 2 PREPAID.
  aluy = await startAluySimulator({ seed: 5, accounts: 2, invoicesPerAccount: 3 })
  elizon = await startElizonSimulator({ seed: 5, accounts: 1, invoicesPerAccount: 2 })
  fx = await makeCoreFixture()
  postpaidId = await addSimAccount(fx, aluy, 0, 'Post aluy')
  prepaidId = await addSimAccount(fx, aluy, 1, 'Pre aluy')
  elizonId = await addSimAccount(fx, elizon, 0, 'Eli elizon')
})

afterAll(async () => {
  await fx?.cleanup()
  await aluy?.close()
  await elizon?.close()
})

describe('billing overview', () => {
  it('shows each account’s wallet and hourly burn, and totals them', async () => {
    const overview = unwrap(await fx.dispatch('billing.overview', undefined)) as BillingOverview
    const post = overview.accounts.find((a) => a.accountId === postpaidId)!
    const sim = aluy.state.account(aluy.accounts[0]!.id)
    expect(post.balanceCents).toBe(sim.balanceCents)
    expect(post.billingMode).toBe('POSTPAID')
    expect(post.autoCharge).toEqual(sim.invoiceAutoCharge)
    expect(post.transactions.length).toBeGreaterThan(0)
    const running = sim.services.filter((s) => s.subscriptionBillingPeriod === 'HOURLY' && s.status === 'ACTIVE' && s.power === 'running')
    expect(post.hourlyRateCents).toBe(running.reduce((sum, s) => sum + s.hourlyRateCents, 0))
    expect(post.pendingInvoiceCents).toBe(sim.services.reduce((sum, s) => sum + s.pendingInvoiceCents, 0))
    expect(post.monthEndProjectionCents).toBeGreaterThanOrEqual(post.pendingInvoiceCents!)

    const pre = overview.accounts.find((a) => a.accountId === prepaidId)!
    expect(pre.billingMode).toBe('PREPAID')
    if (pre.hourlyRateCents) expect(pre.hoursRemaining).toBe(Math.floor(pre.balanceCents! / pre.hourlyRateCents))

    const eli = overview.accounts.find((a) => a.accountId === elizonId)!
    expect(eli.balanceCents).toBeNull()
    expect(eli.error).toBeUndefined()
    expect(overview.totals.balanceCents).toBe(post.balanceCents! + pre.balanceCents!)
  })

  it('flags a monthly server that is powered off but still billed', async () => {
    const sim = aluy.state.account(aluy.accounts[0]!.id)
    const monthly = sim.services.find((s) => s.subscriptionBillingPeriod === 'MONTHLY' && s.kind === 'VPS' && s.status === 'ACTIVE' && s.externalId !== null)
    expect(monthly, 'the seed has a provisioned monthly VPS').toBeDefined()
    monthly!.power = 'stopped'
    await fx.dispatch('fleet.refresh', { accountIds: [postpaidId] })
    const overview = unwrap(await fx.dispatch('billing.overview', undefined)) as BillingOverview
    const flagged = overview.accounts.find((a) => a.accountId === postpaidId)!.idleBilledServers
    expect(flagged.map((f) => f.label)).toContain(monthly!.label)
  })

  it('toggles invoice auto-charge for a POSTPAID account', async () => {
    const off = unwrap(await fx.dispatch('billing.setAutoCharge', { accountId: postpaidId, enabled: false }))
    expect(off).toEqual({ enabled: false, locked: false })
    expect(aluy.state.account(aluy.accounts[0]!.id).invoiceAutoCharge.enabled).toBe(false)
    unwrap(await fx.dispatch('billing.setAutoCharge', { accountId: postpaidId, enabled: true }))
  })

  it('explains the 409 when a PREPAID account tries to switch auto-charge off', async () => {
    const answer = await fx.dispatch('billing.setAutoCharge', { accountId: prepaidId, enabled: false })
    expect(answer.ok).toBe(false)
    if (!answer.ok) {
      expect(answer.error).toMatchObject({ code: 'conflict', status: 409, message: PREPAID_AUTO_CHARGE_MESSAGE })
    }
    expect(aluy.state.account(aluy.accounts[1]!.id).invoiceAutoCharge.enabled).toBe(true)
  })

  it('draws spend over time from the invoices it knows', async () => {
    unwrap(await fx.dispatch('invoices.refresh', undefined))
    const overview = unwrap(await fx.dispatch('billing.overview', undefined)) as BillingOverview
    expect(overview.spendByMonth.length).toBeGreaterThan(0)
    const known = aluy.accounts.flatMap((a) => aluy.state.account(a.id).invoices).reduce((s, i) => s + i.totalCents, 0) +
      elizon.state.account(elizon.accounts[0]!.id).invoices.reduce((s, i) => s + i.totalCents, 0)
    expect(overview.spendByMonth.reduce((s, p) => s + p.totalCents, 0)).toBe(known)
  })
})
