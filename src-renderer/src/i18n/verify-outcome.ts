// A credential check's result → one sentence the user can act on.
import type { ProviderId, VerifyOutcome, VerifyResult } from '@shared/domain'
import type { Messages } from './en'

/** The slice of vue-i18n's `t` this module needs (plural count as a number). */
export type Translate = {
  (key: string, named?: Record<string, unknown>): string
  (key: string, plural: number): string
}

const OUTCOME_KEY: Record<VerifyOutcome, keyof Messages['verify']> = {
  'signed-in': 'signedIn',
  'session-expired': 'sessionExpired',
  'not-reseller': 'notReseller',
  'api-key-rejected': 'apiKeyRejected',
  'key-lacks-permission': 'keyLacksPermission',
  unreachable: 'unreachable',
  'rate-limited': 'rateLimited',
  'provider-error': 'providerError',
  'invalid-response': 'invalidResponse'
}

/** Integer cents → "€42.50" / "42,50 €" for the locale. */
export function formatCents(cents: number, locale: string, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100)
}

export function verifySentence(result: VerifyResult, provider: ProviderId, t: Translate, locale: string): string {
  if (result.outcome === 'signed-in') return signedInSentence(result, provider, t, locale)
  if (result.outcome === 'rate-limited') {
    if (result.retryAfterSec === undefined) return t('verify.rateLimitedLater')
    // Longer than the form waits out (useRateLimitWait's MAX_WAIT_SEC): say when, not how long.
    if (result.retryAfterSec > 120) {
      const at = new Date(Date.now() + result.retryAfterSec * 1000)
      return t('verify.tryAgainAt', { time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at) })
    }
    return t('verify.rateLimited', { seconds: Math.ceil(result.retryAfterSec) })
  }
  return t(`verify.${OUTCOME_KEY[result.outcome]}`)
}

function signedInSentence(result: VerifyResult, provider: ProviderId, t: Translate, locale: string): string {
  if (provider === 'aluy' && result.balanceCents !== undefined && result.billingMode !== undefined) {
    return t('verify.signedInAluy', { balance: formatCents(result.balanceCents, locale), mode: result.billingMode })
  }
  if (provider === 'elizon' && result.serverCount !== undefined) {
    return t('verify.signedInElizon', result.serverCount)
  }
  return t('verify.signedIn')
}
