// AccountHealth → the short state word the sidebar and the fleet page show.
import type { AccountHealth } from '@shared/domain'
import type { Translate } from './verify-outcome'

export type HealthTone = 'success' | 'info' | 'warn' | 'danger' | 'secondary'

export function healthSentence(health: AccountHealth | undefined, t: Translate, now: number): string {
  switch (health?.state ?? 'unknown') {
    case 'ok':
      return t('health.ok')
    case 'refreshing':
      return t('health.refreshing')
    case 'needs-sign-in':
      return t('health.needsSignIn')
    case 'rate-limited':
      return rateLimitedSentence(health?.retryAt, t, now)
    case 'offline':
      return t('health.offline')
    case 'error':
      return health?.message ? t('health.errorWithMessage', { message: health.message }) : t('health.error')
    default:
      return t('health.unknown')
  }
}

function rateLimitedSentence(retryAt: string | undefined, t: Translate, now: number): string {
  const at = retryAt === undefined ? Number.NaN : Date.parse(retryAt)
  if (Number.isNaN(at)) return t('health.rateLimitedLater')
  return t('health.rateLimited', { seconds: Math.max(0, Math.ceil((at - now) / 1000)) })
}

export function healthTone(health: AccountHealth | undefined): HealthTone {
  switch (health?.state) {
    case 'ok':
      return 'success'
    case 'refreshing':
      return 'info'
    case 'rate-limited':
    case 'offline':
      return 'warn'
    case 'needs-sign-in':
    case 'error':
      return 'danger'
    default:
      return 'secondary'
  }
}

/** States the fleet page reports above the table (one message per account). */
export function isTroubled(health: AccountHealth | undefined): boolean {
  return health !== undefined && ['needs-sign-in', 'rate-limited', 'offline', 'error'].includes(health.state)
}
