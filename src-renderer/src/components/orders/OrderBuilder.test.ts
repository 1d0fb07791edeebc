// The order builder when an account has no catalog: it says what is missing and
// why, in place, instead of the bare "Not found at the provider".
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import type { Account } from '@shared/domain'
import { FlotillaError } from '@shared/errors'
import OrderBuilder from './OrderBuilder.vue'
import { createFlotillaI18n } from '../../i18n'
import { useAccountsStore } from '../../stores/accounts'
import { createFakeBridge, type FakeBridge } from '../../testing/fake-bridge'

const account: Account = {
  id: 'acc_abcdefgh',
  label: 'Acme aluy',
  provider: 'aluy',
  colour: '#16a34a',
  baseUrl: 'https://aluy.example/api/reseller/v1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}

let fake: FakeBridge
let wrapper: VueWrapper | undefined

beforeEach(() => {
  fake = createFakeBridge({})
  window.flotilla = fake.bridge
})
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

async function chooseAccount(locale: 'en' | 'de' = 'en'): Promise<VueWrapper> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountsStore().list = [account]
  wrapper = mount(OrderBuilder, { global: { plugins: [pinia, createFlotillaI18n(locale), [PrimeVue, { theme: 'none' }], ToastService] } })
  await wrapper.get('#order-account').setValue(account.id)
  await flushPromises()
  return wrapper
}

describe('OrderBuilder without a catalog', () => {
  it('names the missing catalog, the account and what to check, in English and German', async () => {
    fake.handle('catalog.get', () => {
      throw new FlotillaError('not-found', 'Not found', { status: 404 })
    })
    const en = await chooseAccount('en')
    const alert = en.get('[role="alert"]').text()
    expect(alert).toContain('There is no catalog to order from at Acme aluy')
    expect(alert).toContain('“not found”')
    expect(alert).toContain('base URL')
    expect(alert).not.toContain('Not found at the provider')
    en.unmount()

    const de = await chooseAccount('de')
    expect(de.get('[role="alert"]').text()).toContain('Bei Acme aluy gibt es keinen Katalog zum Bestellen')
  })

  it('shows any other failure with its reason, and clears it when another account is chosen', async () => {
    fake.handle('catalog.get', () => {
      throw new FlotillaError('upstream', 'The provider had a server error (HTTP 502).', { status: 502 })
    })
    const w = await chooseAccount()
    expect(w.get('[role="alert"]').text()).toContain('The catalog of Acme aluy could not be loaded:')
    await w.get('#order-account').setValue('')
    await flushPromises()
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })
})
