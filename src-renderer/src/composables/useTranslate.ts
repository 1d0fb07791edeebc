// vue-i18n's `t` narrowed to the `Translate` shape the pure text helpers take,
// plus the active locale for Intl.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Translate } from '../i18n/verify-outcome'

export function useTranslate() {
  const { t, locale } = useI18n({ useScope: 'global' })
  const tr = ((key: string, arg?: Record<string, unknown> | number) =>
    typeof arg === 'number' ? t(key, arg) : t(key, arg ?? {})) as Translate
  return { t, tr, locale: computed(() => String(locale.value)) }
}
