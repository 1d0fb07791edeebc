// aluy's error quirks in one place: its 403 means "sign in again" (expired session
// or no reseller flag), its 429 is the POSTPAID VPS quota rather than a rate limit.
import { FlotillaError } from '../../../shared/errors'

export const ALUY_SIGN_IN_AGAIN =
  'The aluy session has expired or is not a reseller session — sign in again and paste a fresh cookie.'

export function toAluyError(error: unknown): unknown {
  if (!(error instanceof FlotillaError)) return error
  const { code: _code, message, ...extra } = error.toJSON()
  if (error.status === 403) return new FlotillaError('auth-expired', ALUY_SIGN_IN_AGAIN, extra)
  if (error.status === 429) return new FlotillaError('quota-exceeded', message, extra)
  return error
}
