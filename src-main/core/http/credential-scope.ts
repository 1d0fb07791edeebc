// Where an account's credential may go, and what of it must never come back.
// An account's requests carry a scope: its API origin (scheme, host, port) and
// its secrets. The HTTP client refuses a scoped request to any other origin
// before anything is sent, and scrubs the secrets (plus anything that looks
// like a cookie or key, with the log redactor's patterns) out of every provider
// text before the adapters — and so the renderer — see it.
import { FlotillaError } from '../../shared/errors'
import { Redactor } from '../logging/redact'
import type { CredentialScope, HttpClient, HttpRequest } from './http-client'
import { hostOf } from './http-errors'

export type { CredentialScope }

/** `scheme://host[:port]` (default ports left out, as URL does), or null when unparseable. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

export function scopeFor(baseUrl: string, credential: string): CredentialScope {
  const origin = originOf(baseUrl)
  if (origin === null) throw new FlotillaError('validation', 'The account’s base URL is not a valid URL.')
  return { origin, secrets: [credential] }
}

/** Whether a URL may carry the scope's credential: the same scheme, host and port. */
export function isOwnOrigin(url: string, scope: CredentialScope): boolean {
  return originOf(url) === scope.origin
}

export function foreignHostError(url: string, scope: CredentialScope, accountId: string): FlotillaError {
  return new FlotillaError(
    'foreign-host',
    `Flotilla did not contact ${hostOf(url)}: it is not this account’s host (${hostOf(scope.origin)}), and the account’s credential goes to its own host only.`,
    { accountId }
  )
}

/** Throws `foreign-host` when a scoped request points anywhere but the account's origin. */
export function assertOwnOrigin(req: HttpRequest): void {
  if (req.scope !== undefined && !isOwnOrigin(req.url, req.scope)) throw foreignHostError(req.url, req.scope, req.accountId)
}

/** The HTTP client as one account's context hands it to the adapters: every request carries the account's scope. */
export function scopedHttp(http: HttpClient, scope: CredentialScope): HttpClient {
  return {
    request: (req) => http.request({ ...req, scope }),
    stream: (req, onChunk) => http.stream({ ...req, scope }, onChunk)
  }
}

export interface Scrubber {
  /** Provider text shown as a message: secrets and credential-shaped text removed. */
  text(input: string): string
  /** A parsed 2xx body: only the account's exact secrets are removed (tokens in console URLs are data, not leaks). */
  data(value: unknown): unknown
}

export function scrubberFor(scope: CredentialScope | undefined): Scrubber {
  const redactor = new Redactor()
  const secrets = (scope?.secrets ?? []).filter((s) => s.length > 0)
  for (const s of secrets) redactor.register(s)
  return {
    text: (input) => redactor.text(input),
    data: (value) => (secrets.length === 0 ? value : withoutSecrets(value, secrets, 0))
  }
}

const REDACTED_VALUE = '[redacted]'

function withoutSecrets(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    let out = value
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED_VALUE)
    return out
  }
  if (value === null || typeof value !== 'object' || depth > 32) return value
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, secrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = withoutSecrets(v, secrets, depth + 1)
  return out
}

/** Cheap first look: does the decoded body mention a secret at all (as is, or JSON-escaped)? */
export function mentionsSecret(text: string, scope: CredentialScope | undefined): boolean {
  if (scope === undefined) return false
  return scope.secrets.some((s) => s.length > 0 && (text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1))))
}
