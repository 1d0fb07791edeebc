import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import WarningsArea from './WarningsArea.vue'
import { createFlotillaI18n, type UiLocale } from '../i18n'
import { useAppStore } from '../stores/app'

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

function mountWith(locale: UiLocale, warning: { code: string; message: string; path?: string }): VueWrapper {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAppStore().addWarning(warning)
  wrapper = mount(WarningsArea, { global: { plugins: [pinia, createFlotillaI18n(locale), [PrimeVue, { theme: 'none' }]] } })
  return wrapper
}

describe('WarningsArea', () => {
  it("shows a damaged accounts.json in the user's language, naming where the file was kept", () => {
    const w = mountWith('de', {
      code: 'accounts-file-corrupt',
      message: 'accounts.json could not be read (not valid JSON). …',
      path: '/home/u/.config/Flotilla/accounts.json.corrupt-2026'
    })
    expect(w.text()).toContain('accounts.json konnte nicht gelesen werden')
    expect(w.text()).toContain('/home/u/.config/Flotilla/accounts.json.corrupt-2026')
  })

  it("shows main's own words for a warning it does not know", () => {
    const w = mountWith('de', { code: 'something-new', message: 'Something new happened.' })
    expect(w.text()).toContain('Something new happened.')
  })
})
