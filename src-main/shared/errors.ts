// Typed failures that cross the IPC boundary. Main throws `FlotillaError`s; the
// IPC wrapper turns them into `{ ok: false, error }`; the renderer rebuilds them.
// Messages are written for the user and never carry a credential.
import { z } from 'zod'

export const ERROR_CODES = [
  /** aluy 403 "Reseller access required": the session cookie expired (or never was a reseller). */
  'auth-expired',
  /** aluy: signed in, but the account has no reseller flag. */
  'not-reseller',
  /** elizon 401: the API key is missing or wrong. */
  'auth-rejected',
  /** elizon 403: the key lacks a permission. */
  'forbidden',
  /** elizon 429 (retryAfter). */
  'rate-limited',
  /** aluy 429: POSTPAID VPS quota reached (current/limit). */
  'quota-exceeded',
  'bad-request',
  'payment-required',
  'not-found',
  'conflict',
  /** 5xx after the allowed retries. */
  'upstream',
  /** 503: an integration is not configured at the provider. */
  'unavailable',
  /** Connection refused / DNS failure / reset: the host cannot be reached. */
  'offline',
  'timeout',
  /** The answer (body, decompressed body, headers or a stream event) passed its size limit. */
  'too-large',
  /** Headers arrived but the whole answer did not within the request's one deadline. */
  'too-slow',
  /** The host's TLS certificate is not trusted (self-signed, expired, wrong name, unknown issuer). */
  'tls-untrusted',
  /** A credential was about to go to a host that is not the account's own origin; nothing was sent. */
  'foreign-host',
  /** HTML where JSON was expected, malformed JSON, or JSON of the wrong shape. */
  'invalid-response',
  /** The OS keychain is not there (no Secret Service, no libsecret). */
  'keychain-unavailable',
  /** The OS keychain refused (locked, access denied). */
  'keychain-locked',
  /** A credential is missing from the keychain for an account. */
  'credential-missing',
  /** Input from the renderer failed validation. */
  'validation',
  /** IPC call from an unexpected sender or to an unknown channel. */
  'ipc-rejected',
  /** A stored file could not be read or written. */
  'storage',
  'cancelled',
  'internal'
] as const
export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const SerializedError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** HTTP status where one was involved. */
  status: z.number().int().optional(),
  accountId: z.string().optional(),
  retryAfterSec: z.number().optional(),
  /** Extra numbers the API returned (aluy 429: current/limit). */
  current: z.number().optional(),
  limit: z.number().optional(),
  /** Field-level problems (validation, elizon validationErrors). */
  issues: z.array(z.string()).optional()
})
export type SerializedError = z.infer<typeof SerializedError>

export class FlotillaError extends Error {
  readonly code: ErrorCode
  readonly status: number | undefined
  readonly accountId: string | undefined
  readonly retryAfterSec: number | undefined
  readonly current: number | undefined
  readonly limit: number | undefined
  readonly issues: string[] | undefined

  constructor(code: ErrorCode, message: string, extra: Omit<SerializedError, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'FlotillaError'
    this.code = code
    this.status = extra.status
    this.accountId = extra.accountId
    this.retryAfterSec = extra.retryAfterSec
    this.current = extra.current
    this.limit = extra.limit
    this.issues = extra.issues
  }

  toJSON(): SerializedError {
    const out: SerializedError = { code: this.code, message: this.message }
    if (this.status !== undefined) out.status = this.status
    if (this.accountId !== undefined) out.accountId = this.accountId
    if (this.retryAfterSec !== undefined) out.retryAfterSec = this.retryAfterSec
    if (this.current !== undefined) out.current = this.current
    if (this.limit !== undefined) out.limit = this.limit
    if (this.issues !== undefined) out.issues = this.issues
    return out
  }

  static from(e: SerializedError): FlotillaError {
    const { code, message, ...extra } = e
    return new FlotillaError(code, message, extra)
  }
}

export function isFlotillaError(e: unknown): e is FlotillaError {
  return e instanceof FlotillaError
}

/** Any thrown value → a serialisable error; unknown errors become `internal` without their text. */
export function serializeError(e: unknown): SerializedError {
  if (isFlotillaError(e)) return e.toJSON()
  return { code: 'internal', message: 'Something went wrong inside Flotilla. The log file has details.' }
}
