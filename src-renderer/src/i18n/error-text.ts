// Any caught value → a sentence in the UI language (plus the details main gave).
import { isFlotillaError, type ErrorCode } from '@shared/errors'
import type { Messages } from './en'
import type { Translate } from './verify-outcome'

const CODE_KEY: Record<ErrorCode, keyof Messages['errors']> = {
  'auth-expired': 'authExpired',
  'not-reseller': 'notReseller',
  'auth-rejected': 'authRejected',
  forbidden: 'forbidden',
  'rate-limited': 'rateLimited',
  'quota-exceeded': 'quotaExceeded',
  'bad-request': 'badRequest',
  'payment-required': 'paymentRequired',
  'not-found': 'notFound',
  conflict: 'conflict',
  upstream: 'upstream',
  unavailable: 'unavailable',
  offline: 'offline',
  timeout: 'timeout',
  'too-large': 'tooLarge',
  'too-slow': 'tooSlow',
  'tls-untrusted': 'tlsUntrusted',
  'foreign-host': 'foreignHost',
  'invalid-response': 'invalidResponse',
  'keychain-unavailable': 'keychainUnavailable',
  'keychain-locked': 'keychainLocked',
  'credential-missing': 'credentialMissing',
  validation: 'validation',
  'ipc-rejected': 'ipcRejected',
  storage: 'storage',
  cancelled: 'cancelled',
  internal: 'internal'
}

export interface ErrorText {
  summary: string
  /** Main's own (English) wording, already free of secrets; shown as detail. */
  detail: string | undefined
}

export function errorText(error: unknown, t: Translate): ErrorText {
  if (!isFlotillaError(error)) return { summary: t('errors.internal'), detail: undefined }
  return { summary: t(`errors.${CODE_KEY[error.code]}`), detail: error.message }
}
