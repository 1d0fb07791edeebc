// App-wide state: what main told us about itself, warnings to show, and the
// user's locale/theme settings (persisted by main through settings.set).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo, Settings } from '@shared/contract'
import type { AppWarning } from '@shared/domain'
import { call, onEvent } from '../api/client'
import { resolveLocale, type UiLocale } from '../i18n'

const DEFAULT_SETTINGS: Settings = { locale: 'system', theme: 'system' }

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const warnings = ref<AppWarning[]>([])
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  /** A failure to start (no bridge, main refused); shown instead of silently empty pages. */
  const startupError = ref<unknown>(null)

  const uiLocale = computed<UiLocale>(() =>
    resolveLocale(settings.value.locale, info.value?.systemLocale ?? navigator.language)
  )

  async function load(): Promise<void> {
    const [appInfo, saved] = await Promise.all([call('app.info'), call('settings.get')])
    info.value = appInfo
    settings.value = saved
    for (const w of appInfo.warnings) addWarning(w)
  }

  function addWarning(warning: AppWarning): void {
    const duplicate = warnings.value.some((w) => w.code === warning.code && w.message === warning.message)
    if (!duplicate) warnings.value = [...warnings.value, warning]
  }

  function dismissWarning(index: number): void {
    warnings.value = warnings.value.filter((_, i) => i !== index)
  }

  async function updateSettings(patch: Partial<Settings>): Promise<void> {
    // Show the choice at once; main's answer is the truth once it arrives.
    settings.value = { ...settings.value, ...patch }
    settings.value = await call('settings.set', patch)
  }

  function subscribe(): () => void {
    return onEvent('app.warning', addWarning)
  }

  return { info, warnings, settings, startupError, uiLocale, load, addWarning, dismissWarning, updateSettings, subscribe }
})
