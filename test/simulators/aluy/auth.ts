// NextAuth session-cookie auth, as the reseller API and the portal see it.
import type { IncomingMessage } from 'node:http'
import { json, type Reply } from '../core/reply'
import type { AluyAccount } from './model'
import type { AluyState } from './state'

const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const
const SESSION_DAYS = 30

export function sessionToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie
  if (!header) return null
  const cookies = new Map<string, string>()
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  for (const name of COOKIE_NAMES) {
    const value = cookies.get(name)
    if (value) return value
  }
  return null
}

/** The signed-in account whatever its reseller flag, or null (no/unknown/expired session). */
export function signedInAccount(state: AluyState, req: IncomingMessage): AluyAccount | null {
  const token = sessionToken(req)
  const account = token ? state.accountByToken(token) : undefined
  return account && !account.sessionExpired ? account : null
}

/** The reseller API answers one 403 for every kind of "no": expired, unknown or not a reseller. */
export function resellerOrDenied(state: AluyState, req: IncomingMessage): AluyAccount | Reply {
  const account = signedInAccount(state, req)
  return account && account.sim.reseller ? account : json(403, { error: 'Reseller access required' })
}

/** NextAuth's GET /api/auth/session: the user for a live session, `{}` otherwise. */
export function sessionEndpoint(state: AluyState, req: IncomingMessage): Reply {
  const account = signedInAccount(state, req)
  if (!account) return json(200, {})
  return json(200, { user: { ...account.user }, expires: new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString() })
}
