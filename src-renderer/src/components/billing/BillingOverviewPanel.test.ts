// The auto-charge switch: disabled with the reason where the provider locks it,
// and after any failed change it shows what the provider holds (read again),
// never what was asked for.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import type { AccountBilling, BillingOverview } from '@shared/contracts/billing'
import { FlotillaError } from '@shared/errors'
import BillingOverviewPanel from './BillingOverviewPanel.vue'
import { createFlotillaI18n } from '../../i18n'
import { createFakeBridge, type FakeBridge, type FakeHandler } from '../../testing/fake-bridge'
import { useBillingStore } from '../../stores/billing'

function account(over: Partial<AccountBilling>): AccountBilling {
  return {
    accountId: 'acc_aaaaaaaa', provider: 'aluy', balanceCents: 4250, billingMode: 'POSTPAID', autoCharge: { enabled: true, locked: false },
    transactions: [], hourlyRateCents: null, hoursRemaining: null, pendingInvoiceCents: null, monthlyCommittedCents: 0,
    monthEndProjectionCents: 0, idleBilledServers: [], fetchedAt: '2026-01-01T00:00:00.000Z', ...over
  }
}

function overview(a: AccountBilling): BillingOverview {
  return { accounts: [a], totals: { balanceCents: 0, hourlyRateCents: 0, pendingInvoiceCents: 0, monthEndProjectionCents: 0 }, spendByMonth: [], generatedAt: '2026-01-01T00:00:00.000Z' }
}

let wrapper: VueWrapper | undefined
let fake: FakeBridge
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

async function mountWith(handlers: Record<string, FakeHandler>): Promise<VueWrapper> {
  fake = createFakeBridge({ 'accounts.list': () => [], 'billing.spend': () => [], ...handlers })
  window.flotilla = fake.bridge
  const pinia = createPinia()
  setActivePinia(pinia)
  await useBillingStore().loadOverview()
  wrapper = mount(BillingOverviewPanel, { global: { plugins: [pinia, createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }], ToastService] } })
  await flushPromises()
  return wrapper
}

const switchInput = (w: VueWrapper) => w.find('input#auto-acc_aaaaaaaa')

describe('auto-charge switch', () => {
  it('is disabled where the provider locks it, and says why', async () => {
    const w = await mountWith({ 'billing.overview': () => overview(account({ billingMode: 'PREPAID', autoCharge: { enabled: true, locked: true } })) })
    const input = switchInput(w)
    expect(input.attributes('disabled')).toBeDefined()
    const why = w.find(`#${input.attributes('aria-describedby')}`)
    expect(why.text()).toContain('Locked by the provider')
    await input.trigger('change')
    await flushPromises()
    expect(fake.calls.filter((c) => c.channel === 'billing.setAutoCharge')).toHaveLength(0)
  })

  it('after a refused change shows the provider’s state, read again', async () => {
    let reads = 0
    const w = await mountWith({
      'billing.overview': () => {
        reads++
        return overview(account({ autoCharge: { enabled: true, locked: false } }))
      },
      'billing.setAutoCharge': () => {
        throw new FlotillaError('conflict', 'Auto balance charge cannot be disabled while billing mode is PREPAID.', { status: 409 })
      }
    })
    const readsBefore = reads
    await switchInput(w).setValue(false)
    await flushPromises()
    expect(fake.calls.filter((c) => c.channel === 'billing.setAutoCharge')).toHaveLength(1)
    expect(reads).toBe(readsBefore + 1)
    expect((switchInput(w).element as HTMLInputElement).checked).toBe(true)
    expect(w.find('[role="alert"]').text()).toContain('cannot be disabled')
  })
})
