// The one HTTP client under the provider adapters, on Node's global fetch (undici).
// It owns the references' rules so no adapter re-implements them: timeouts, the
// 2 s / 4 s / 8 s backoff for transient failures of idempotent requests, waiting
// out elizon's rate limit, a concurrency cap per account, and mapping every
// failure to a FlotillaError. It never logs or repeats headers or bodies.
import pLimit, { type LimitFunction } from 'p-limit'
import { version } from '../../../package.json'
import { FlotillaError, type ErrorCode } from '../../shared/errors'
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from './http-client'
import {
  cancelledError,
  classifyNetworkError,
  errorFromResponse,
  hostOf,
  invalidBodyError,
  looksLikeHtml,
  networkError,
  parseJson,
  redactUrl,
  timeoutError
} from './http-errors'

/** One attempt, as the log may record it: no headers, no bodies, no query secrets. */
export interface RequestRecord {
  readonly accountId: string
  readonly method: HttpMethod
  readonly url: string
  /** null when no answer arrived (offline, timeout, reset). */
  readonly status: number | null
  readonly ms: number
  /** 1 for the first try. */
  readonly attempt: number
  /** Set when the attempt failed. */
  readonly errorCode?: ErrorCode
}

export interface HttpClientOptions {
  /** Per attempt, including reading the body. */
  timeoutMs?: number
  /** Waits before the 2nd, 3rd, … attempt of a retryable request; its length is the retry count. */
  retryDelaysMs?: readonly number[]
  /** A rate limit asking for a longer wait fails at once with `rate-limited` instead. */
  maxRateLimitWaitSec?: number
  perAccountConcurrency?: number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
  userAgent?: string
  onRequest?: (record: RequestRecord) => void
}

export const DEFAULT_TIMEOUT_MS = 15_000
/** "Back off (2s, 4s, 8s) and retry up to 3 times" — aluy reference, Retry guidance. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2000, 4000, 8000]
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SEC = 120
export const DEFAULT_PER_ACCOUNT_CONCURRENCY = 4
/** At most this many 429s are waited out for one request. */
const MAX_RATE_LIMIT_RETRIES = 3

interface ClientConfig {
  readonly timeoutMs: number
  readonly retryDelaysMs: readonly number[]
  readonly maxRateLimitWaitSec: number
  readonly perAccountConcurrency: number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly now: () => number
  readonly userAgent: string
  readonly onRequest: ((record: RequestRecord) => void) | undefined
}

interface AccountState {
  readonly limit: LimitFunction
  /** Epoch ms before which no request of this account is sent (rate limit). */
  holdUntil: number
  /** What the provider last said is left of its window (X-RateLimit-Remaining / -Reset). */
  budget: { remaining: number; resetAt: number } | null
  /** Requests sent and not yet answered: they spend the budget before their answers say so. */
  inFlight: number
}

type AttemptResult<T> =
  | { readonly ok: true; readonly response: HttpResponse<T> }
  | { readonly ok: false; readonly error: FlotillaError; readonly transient: boolean }

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const cfg = resolveOptions(options)
  const accounts = new Map<string, AccountState>()

  function stateFor(accountId: string): AccountState {
    let state = accounts.get(accountId)
    if (state === undefined) {
      state = { limit: pLimit(cfg.perAccountConcurrency), holdUntil: 0, budget: null, inFlight: 0 }
      accounts.set(accountId, state)
    }
    return state
  }

  return {
    request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
      const state = stateFor(req.accountId)
      return state.limit(() => runWithRetries<T>(cfg, state, req))
    }
  }
}

function resolveOptions(o: HttpClientOptions): ClientConfig {
  return {
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryDelaysMs: o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    maxRateLimitWaitSec: o.maxRateLimitWaitSec ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SEC,
    perAccountConcurrency: Math.max(1, o.perAccountConcurrency ?? DEFAULT_PER_ACCOUNT_CONCURRENCY),
    sleep: o.sleep ?? abortableSleep,
    now: o.now ?? Date.now,
    userAgent: o.userAgent ?? `Flotilla/${version}`,
    onRequest: o.onRequest
  }
}

async function runWithRetries<T>(cfg: ClientConfig, state: AccountState, req: HttpRequest): Promise<HttpResponse<T>> {
  const retryable = req.retry ?? req.method === 'GET'
  let transientRetries = 0
  let rateLimitRetries = 0
  for (let attempt = 1; ; attempt++) {
    if (req.signal?.aborted) throw cancelledError(req.accountId)
    await takeRateLimitSlot(cfg, state, req)
    const result = await attemptOnce<T>(cfg, state, req, attempt).finally(() => state.inFlight--)
    if (result.ok) return result.response
    const delay = cfg.retryDelaysMs[transientRetries]
    if (result.transient && retryable && delay !== undefined) {
      transientRetries++
      await cfg.sleep(delay, req.signal)
      continue
    }
    if (canWaitOutRateLimit(cfg, req, result.error, rateLimitRetries)) {
      // The 429 extended the account's hold; the next turn of the loop waits it out.
      rateLimitRetries++
      continue
    }
    throw result.error
  }
}

function canWaitOutRateLimit(cfg: ClientConfig, req: HttpRequest, error: FlotillaError, done: number): boolean {
  return (
    req.waitOnRateLimit === true &&
    error.status === 429 &&
    error.retryAfterSec !== undefined &&
    error.retryAfterSec <= cfg.maxRateLimitWaitSec &&
    done < MAX_RATE_LIMIT_RETRIES
  )
}

/** After this many waits a request goes anyway: the provider's 429 is the last word. */
const MAX_RATE_LIMIT_HOLDS = 5

/**
 * Proactive: once the provider said Remaining 0 (or 429), nothing is sent until
 * its reset; nor while the requests already in flight use up what it said was
 * left. The check and the count of the request as in flight happen in one step,
 * so requests started together cannot all pass on the same last unit of budget.
 */
async function takeRateLimitSlot(cfg: ClientConfig, state: AccountState, req: HttpRequest): Promise<void> {
  for (let holds = 0; ; holds++) {
    const waitMs = msUntilAllowed(state, cfg.now())
    if (waitMs <= 0 || holds >= MAX_RATE_LIMIT_HOLDS) {
      state.inFlight++
      return
    }
    if (waitMs > cfg.maxRateLimitWaitSec * 1000) {
      const retryAfterSec = Math.ceil(waitMs / 1000)
      throw new FlotillaError(
        'rate-limited',
        `${hostOf(req.url)} asked to wait ${retryAfterSec} s before the next request. Try again later.`,
        { accountId: req.accountId, retryAfterSec }
      )
    }
    await cfg.sleep(waitMs, req.signal)
  }
}

function msUntilAllowed(state: AccountState, now: number): number {
  if (state.holdUntil > now) return state.holdUntil - now
  const budget = state.budget
  if (budget !== null && budget.resetAt > now && budget.remaining - state.inFlight <= 0) return budget.resetAt - now
  return 0
}

async function attemptOnce<T>(
  cfg: ClientConfig,
  state: AccountState,
  req: HttpRequest,
  attempt: number
): Promise<AttemptResult<T>> {
  const started = performance.now()
  const timeoutMs = req.timeoutMs ?? cfg.timeoutMs
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const forwardAbort = (): void => controller.abort()
  req.signal?.addEventListener('abort', forwardAbort, { once: true })
  let status: number | null = null
  let result: AttemptResult<T>
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: buildHeaders(cfg, req),
      body: req.body === undefined ? null : JSON.stringify(req.body),
      signal: controller.signal,
      // A redirect could carry the cookie/key to another host; an API never needs one.
      redirect: 'manual'
    })
    status = res.status
    const bytes = new Uint8Array(await res.arrayBuffer())
    noteRateLimitHeaders(state, res.headers, cfg.now())
    result = readAnswer<T>(cfg, state, req, res, bytes)
  } catch (error) {
    result = { ok: false, ...failureFrom(error, req, timedOut, timeoutMs, attempt) }
  } finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', forwardAbort)
  }
  report(cfg, req, attempt, status, performance.now() - started, result)
  return result
}

function failureFrom(
  error: unknown,
  req: HttpRequest,
  timedOut: boolean,
  timeoutMs: number,
  attempt: number
): { error: FlotillaError; transient: boolean } {
  if (req.signal?.aborted) return { error: cancelledError(req.accountId), transient: false }
  if (timedOut) return { error: timeoutError(req.url, req.accountId, timeoutMs, attempt), transient: true }
  const { kind } = classifyNetworkError(error)
  return { error: networkError(kind, req.url, req.accountId, attempt), transient: kind === 'dropped' }
}

function readAnswer<T>(
  cfg: ClientConfig,
  state: AccountState,
  req: HttpRequest,
  res: Response,
  bytes: Uint8Array
): AttemptResult<T> {
  if (res.status >= 200 && res.status < 300) return decodeSuccess<T>(req, res, bytes)
  const error = errorFromResponse({
    status: res.status,
    url: req.url,
    accountId: req.accountId,
    contentType: res.headers.get('content-type'),
    text: new TextDecoder().decode(bytes),
    retryAfterHeader: res.headers.get('retry-after'),
    nowMs: cfg.now()
  })
  if (res.status === 429 && error.retryAfterSec !== undefined) {
    extendHold(state, cfg.now() + error.retryAfterSec * 1000)
  }
  return { ok: false, error, transient: res.status >= 500 }
}

function decodeSuccess<T>(req: HttpRequest, res: Response, bytes: Uint8Array): AttemptResult<T> {
  const answer = (data: unknown): AttemptResult<T> => ({
    ok: true,
    response: { status: res.status, headers: res.headers, data: data as T }
  })
  const type = req.responseType ?? 'json'
  if (type === 'bytes') return answer(bytes)
  const text = new TextDecoder().decode(bytes)
  if (type === 'text') return answer(text)
  if (text.trim() === '' && (res.status === 204 || res.status === 205)) return answer(null)
  const parsed = parseJson(text)
  if (parsed.ok) return answer(parsed.value)
  const why = looksLikeHtml(res.headers.get('content-type'), text) ? 'html' : 'malformed'
  return { ok: false, error: invalidBodyError(req.url, req.accountId, res.status, why), transient: false }
}

function buildHeaders(cfg: ClientConfig, req: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {
    accept: req.responseType === 'bytes' ? '*/*' : 'application/json',
    ...req.headers,
    'user-agent': cfg.userAgent
  }
  if (req.body !== undefined) headers['content-type'] = 'application/json'
  return headers
}

/** elizon sends X-RateLimit-Remaining and X-RateLimit-Reset (epoch ms) on every answer. */
function noteRateLimitHeaders(state: AccountState, headers: Headers, nowMs: number): void {
  const remaining = headers.get('x-ratelimit-remaining')
  const reset = headers.get('x-ratelimit-reset')
  if (remaining === null || reset === null) return
  const left = Number(remaining)
  const resetAt = resetToEpochMs(Number(reset), nowMs)
  if (!Number.isFinite(left) || resetAt === undefined) return
  // Answers can arrive out of order: within one window the lowest count is the latest.
  const sameWindow = state.budget !== null && state.budget.resetAt === resetAt
  state.budget = { remaining: sameWindow ? Math.min(state.budget!.remaining, left) : left, resetAt }
  if (left <= 0) extendHold(state, resetAt)
}

/** The reference documents epoch ms; epoch seconds and "seconds from now" are accepted too. */
function resetToEpochMs(value: number, nowMs: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined
  if (value >= 1e12) return value
  if (value >= 1e9) return value * 1000
  return nowMs + value * 1000
}

function extendHold(state: AccountState, until: number): void {
  state.holdUntil = Math.max(state.holdUntil, until)
}

function report(
  cfg: ClientConfig,
  req: HttpRequest,
  attempt: number,
  status: number | null,
  ms: number,
  result: AttemptResult<unknown>
): void {
  if (cfg.onRequest === undefined) return
  const record: RequestRecord = {
    accountId: req.accountId,
    method: req.method,
    url: redactUrl(req.url),
    status,
    ms: Math.round(ms),
    attempt,
    ...(result.ok ? {} : { errorCode: result.error.code })
  }
  try {
    cfg.onRequest(record)
  } catch {
    // A failing log hook must not fail the request it describes.
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError())
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelledError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
