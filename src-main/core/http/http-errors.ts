// Turning what went wrong on the wire into FlotillaErrors the user can read.
// Nothing here ever sees request headers, so no cookie or key can end up in a
// message; provider text is capped because it is shown as it is.
import { FlotillaError, type ErrorCode } from '../../shared/errors'

/** Longest piece of provider text copied into a message. */
export const MAX_PROVIDER_TEXT = 300

/** Node/undici error codes that mean "the host is not there" (not worth retrying now). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_NODATA', 'EAI_NONAME'])
/** Codes that mean the connection died mid-flight: transient, so retried like a 5xx. */
const DROPPED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** The host's certificate could not be trusted; each gets its own reason in the message. */
const TLS_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not known',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not known',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not known',
  CERT_UNTRUSTED: 'it is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  CERT_REVOKED: 'it was revoked',
  CERT_SIGNATURE_FAILURE: 'its signature is invalid',
  CERT_REJECTED: 'it was rejected',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another name'
}
/** undici: the answer's headers passed Node's limit (16 KiB by default). */
const HEADERS_OVERFLOW = 'UND_ERR_HEADERS_OVERFLOW'

export type NetworkFailure = 'unreachable' | 'dropped' | 'tls' | 'headers-too-large' | 'other'

function knownCode(code: string): boolean {
  return UNREACHABLE_CODES.has(code) || DROPPED_CODES.has(code) || code in TLS_REASONS || code === HEADERS_OVERFLOW
}

export function capText(text: string, max = MAX_PROVIDER_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}

/** undici wraps the socket error in `cause` (sometimes an AggregateError of several addresses). */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const e = queue.shift()
    if (e === null || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && knownCode(code)) return code
    queue.push((e as { cause?: unknown }).cause)
    const inner = (e as { errors?: unknown }).errors
    if (Array.isArray(inner)) queue.push(...inner)
  }
  return undefined
}

export function classifyNetworkError(error: unknown): { kind: NetworkFailure; code: string | undefined } {
  const code = networkErrorCode(error)
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', code }
  if (code !== undefined && DROPPED_CODES.has(code)) return { kind: 'dropped', code }
  if (code !== undefined && code in TLS_REASONS) return { kind: 'tls', code }
  if (code === HEADERS_OVERFLOW) return { kind: 'headers-too-large', code }
  return { kind: 'other', code }
}

export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad-request'
    case 401:
      return 'auth-rejected'
    case 402:
      return 'payment-required'
    case 403:
      return 'forbidden'
    case 404:
      return 'not-found'
    case 409:
      return 'conflict'
    case 429:
      return 'rate-limited'
    case 503:
      return 'unavailable'
    default:
      if (status >= 500) return 'upstream'
      if (status >= 300 && status < 400) return 'invalid-response'
      return 'bad-request'
  }
}

function sentenceForStatus(host: string, status: number): string {
  switch (status) {
    case 400:
      return `${host} rejected the request as invalid (status 400).`
    case 401:
      return `${host} rejected the credential (status 401).`
    case 402:
      return `${host} says payment is required (status 402).`
    case 403:
      return `${host} refused access (status 403).`
    case 404:
      return `${host} does not know this resource (status 404).`
    case 409:
      return `${host} says the current state does not allow this (status 409).`
    case 429:
      return `${host} is limiting requests (status 429).`
    case 503:
      return `${host} is unavailable right now (status 503).`
    default:
      if (status >= 500) return `${host} had a server error (status ${status}).`
      if (status >= 300 && status < 400) {
        return `${host} redirected the request (status ${status}) instead of answering — check the base URL.`
      }
      return `${host} refused the request (status ${status}).`
  }
}

export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType !== null && /text\/html|application\/xhtml/i.test(contentType)) return true
  return /^\s*</.test(text)
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** `Retry-After` is seconds or an HTTP date; the body's `retryAfter` (elizon) wins when present. */
export function retryAfterSeconds(body: unknown, header: string | null, nowMs: number): number | undefined {
  if (isRecord(body) && typeof body.retryAfter === 'number' && Number.isFinite(body.retryAfter) && body.retryAfter >= 0) {
    return body.retryAfter
  }
  if (header === null) return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - nowMs) / 1000))
}

export interface ErrorResponseInput {
  readonly status: number
  readonly url: string
  readonly accountId: string
  readonly contentType: string | null
  readonly text: string
  readonly retryAfterHeader: string | null
  readonly nowMs: number
  /** Removes the account's secrets and credential-shaped text from the provider's words. */
  readonly scrub?: (text: string) => string
}

/** A non-2xx answer → FlotillaError carrying the API's own words when it gave some. */
export function errorFromResponse(input: ErrorResponseInput): FlotillaError {
  const host = hostOf(input.url)
  const code = codeForStatus(input.status)
  const base = { status: input.status, accountId: input.accountId }
  const parsed = input.text.trim() === '' ? { ok: false as const } : parseJson(input.text)
  const body = parsed.ok ? parsed.value : undefined
  const retryAfterSec = input.status === 429 ? retryAfterSeconds(body, input.retryAfterHeader, input.nowMs) : undefined
  const scrub = input.scrub ?? ((text: string) => text)
  const extra = { ...base, ...(retryAfterSec !== undefined ? { retryAfterSec } : {}), ...numbersFrom(body), ...issuesFrom(body, scrub) }

  if (!parsed.ok && input.text.trim() !== '' && looksLikeHtml(input.contentType, input.text)) {
    return new FlotillaError(
      code,
      `${host} answered with an HTML error page (status ${input.status}) — a proxy or gateway in between may be failing.`,
      extra
    )
  }
  if (isRecord(body) && typeof body.error === 'string' && body.error.trim() !== '') {
    return new FlotillaError(code, capText(scrub(body.error)), extra)
  }
  return new FlotillaError(code, sentenceForStatus(host, input.status), extra)
}

/** aluy's 429 on POST /orders adds `current`/`limit`. */
function numbersFrom(body: unknown): { current?: number; limit?: number } {
  if (!isRecord(body)) return {}
  const out: { current?: number; limit?: number } = {}
  if (typeof body.current === 'number') out.current = body.current
  if (typeof body.limit === 'number') out.limit = body.limit
  return out
}

/** elizon's `validationErrors: string[]`. */
function issuesFrom(body: unknown, scrub: (text: string) => string): { issues?: string[] } {
  if (!isRecord(body) || !Array.isArray(body.validationErrors)) return {}
  const issues = body.validationErrors
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 20)
    .map((v) => capText(scrub(v)))
  return issues.length > 0 ? { issues } : {}
}

/** A 2xx whose body is not what was asked for. */
export function invalidBodyError(url: string, accountId: string, status: number, why: 'html' | 'malformed'): FlotillaError {
  const host = hostOf(url)
  const message =
    why === 'html'
      ? `${host} answered with an HTML page instead of JSON (status ${status}).`
      : `${host} answered with malformed JSON (status ${status}).`
  return new FlotillaError('invalid-response', message, { status, accountId })
}

export function networkError(
  failure: NetworkFailure,
  url: string,
  accountId: string,
  attempts: number,
  code?: string
): FlotillaError {
  const host = hostOf(url)
  if (failure === 'unreachable') return new FlotillaError('offline', `Cannot reach host ${host}.`, { accountId })
  if (failure === 'tls') {
    const why = (code !== undefined ? TLS_REASONS[code] : undefined) ?? 'it is not trusted'
    return new FlotillaError('tls-untrusted', `${host}’s security certificate is not trusted (${why}); nothing was sent to it.`, { accountId })
  }
  if (failure === 'headers-too-large') {
    return new FlotillaError('too-large', `${host} answered with headers larger than Flotilla accepts (16 KiB); the answer was not read.`, { accountId })
  }
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : ''
  if (failure === 'dropped') {
    return new FlotillaError('upstream', `${host} dropped the connection before answering${tries}.`, { accountId })
  }
  return new FlotillaError('offline', `The request to ${host} failed before an answer arrived${tries}.`, { accountId })
}

export function timeoutError(url: string, accountId: string, timeoutMs: number, attempts: number): FlotillaError {
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : ''
  const limit = formatMs(timeoutMs)
  return new FlotillaError('timeout', `${hostOf(url)} did not answer within ${limit}${tries}.`, {
    accountId
  })
}

/** The body passed its limit (counted after decompression). */
export function tooLargeError(url: string, accountId: string, limitBytes: number): FlotillaError {
  return new FlotillaError('too-large', `${hostOf(url)}’s answer was too large (over ${formatBytes(limitBytes)}); it was not read.`, { accountId })
}

/** Headers came, but the whole answer did not arrive within the request's one deadline. */
export function tooSlowError(url: string, accountId: string, timeoutMs: number): FlotillaError {
  return new FlotillaError('too-slow', `${hostOf(url)}’s answer was too slow: it had not arrived completely after ${formatMs(timeoutMs)}.`, {
    accountId
  })
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : `${Math.round(n / 1024)} KiB`
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

export function cancelledError(accountId?: string): FlotillaError {
  return new FlotillaError('cancelled', 'The request was cancelled.', accountId !== undefined ? { accountId } : {})
}

const SECRET_PARAM = /key|token|secret|pass|session|auth|sig|cookie|credential/i

/** The URL as it may appear in a log: query values that could be secrets are masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    for (const name of [...u.searchParams.keys()]) {
      if (SECRET_PARAM.test(name)) u.searchParams.set(name, '***')
    }
    return u.toString()
  } catch {
    return '(invalid url)'
  }
}
