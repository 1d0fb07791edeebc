// The language and theme choices, shared by the header and the Settings page.
import { computed } from 'vue'
import type { Settings } from '@shared/contract'
import { useAppStore } from '../stores/app'
import { useErrorToast } from './useErrorToast'
import { useTranslate } from './useTranslate'

export function useAppearanceOptions() {
  const { t } = useTranslate()
  const app = useAppStore()
  const showError = useErrorToast()
  // Language names stay in their own language so a user can find theirs.
  const languageOptions = computed(() => [
    { value: 'system', label: t('header.system') },
    { value: 'en', label: 'English' },
    { value: 'de', label: 'Deutsch' }
  ])
  const themeOptions = computed(() => [
    { value: 'system', label: t('header.system') },
    { value: 'light', label: t('header.light') },
    { value: 'dark', label: t('header.dark') }
  ])
  const setLocale = (locale: Settings['locale']): void => void app.updateSettings({ locale }).catch(showError)
  const setTheme = (theme: Settings['theme']): void => void app.updateSettings({ theme }).catch(showError)
  return { languageOptions, themeOptions, setLocale, setTheme }
}
