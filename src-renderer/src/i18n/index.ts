// The one vue-i18n instance (composition mode) and the rule that picks a locale.
import { createI18n } from 'vue-i18n'
import type { Settings } from '@shared/contract'
import en, { type Messages } from './en'
import de from './de'

export const LOCALES = ['en', 'de'] as const
export type UiLocale = (typeof LOCALES)[number]

export const messages: Record<UiLocale, Messages> = { en, de }

/** "system" follows the OS locale: German for any `de*`, English otherwise. */
export function resolveLocale(setting: Settings['locale'], systemLocale: string): UiLocale {
  if (setting !== 'system') return setting
  return systemLocale.toLowerCase().startsWith('de') ? 'de' : 'en'
}

export function createFlotillaI18n(locale: UiLocale = 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    // Missing keys are a bug caught by the type and the parity test; keep the console quiet in tests.
    missingWarn: false,
    fallbackWarn: false
  })
}

export type FlotillaI18n = ReturnType<typeof createFlotillaI18n>
