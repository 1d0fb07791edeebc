// POST /orders failures in words the user can act on. The API's own sentence is
// kept (it names the location, the amount, the quota); the lead-in says what to do.
import { FlotillaError } from '../../shared/errors'

export function explainOrderError(error: unknown): unknown {
  if (!(error instanceof FlotillaError)) return error
  const { code, message, ...extra } = error.toJSON()
  switch (error.status) {
    case 400:
      return new FlotillaError('bad-request', `The provider refused the order as asked: ${message} Change the order and try again.`, extra)
    case 402:
      return new FlotillaError('payment-required', `The balance does not cover this order: ${message}`, extra)
    case 404:
      return new FlotillaError('not-found', 'That product variant no longer exists or is inactive. Reload the catalog and choose again.', extra)
    case 429: {
      const counts = error.current !== undefined && error.limit !== undefined ? ` (${error.current} of ${error.limit} in use)` : ''
      return new FlotillaError('quota-exceeded', `The account has reached its VPS limit${counts}. Remove a server or ask the provider's support to raise the limit.`, extra)
    }
    default:
      return code === error.code ? error : new FlotillaError(code, message, extra)
  }
}

/** A failure after which the order may or may not exist: the answer was lost, not refused. */
export function answerWasLost(error: unknown): boolean {
  if (!(error instanceof FlotillaError)) return false
  if (error.code === 'offline' || error.code === 'timeout' || error.code === 'invalid-response') return true
  // No status: the connection dropped mid-request (the client calls that `upstream`).
  return error.status === undefined ? error.code === 'upstream' : error.status >= 500
}
