// Which sidebar state an error code puts an account in (the fleet, live ticks
// and background passes all decide "needs sign-in" the same way).
import type { AccountHealth } from '../../shared/domain'
import type { ErrorCode } from '../../shared/errors'

/** Which sidebar state an error puts an account in. */
export function healthStateFor(code: ErrorCode): AccountHealth['state'] {
  switch (code) {
    case 'auth-expired':
    case 'auth-rejected':
    case 'not-reseller':
    case 'credential-missing':
      return 'needs-sign-in'
    case 'rate-limited':
      return 'rate-limited'
    case 'offline':
    case 'timeout':
      return 'offline'
    default:
      return 'error'
  }
}
