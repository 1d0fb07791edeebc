// Keeps vue-i18n, PrimeVue's strings, <html lang> and the dark class in step
// with the user's settings and the OS.
import { onBeforeUnmount, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePrimeVue } from 'primevue/config'
import { applyPrimeVueLocale } from '../i18n/primevue-locale'
import { useAppStore } from '../stores/app'
import { applyTheme, onSystemThemeChange } from '../theme'

export function usePreferences(): void {
  const app = useAppStore()
  const { locale } = useI18n({ useScope: 'global' })
  const primevue = usePrimeVue()

  watch(
    () => app.uiLocale,
    (next) => {
      locale.value = next
      applyPrimeVueLocale(primevue.config, next)
      document.documentElement.lang = next
    },
    { immediate: true }
  )

  watch(() => app.settings.theme, applyTheme, { immediate: true })
  const off = onSystemThemeChange(() => applyTheme(app.settings.theme))
  onBeforeUnmount(off)
}
