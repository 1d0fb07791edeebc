// The one HTTP client under the provider adapters, on Node's global fetch (undici).
// It owns the references' rules so no adapter re-implements them: one deadline
// per attempt that includes the body, bodies read as streams under a size limit
// (decompressed size), the 2 s / 4 s / 8 s backoff for 5xx and dropped
// connections of idempotent requests (never for timeouts), waiting out elizon's
// rate limit, a queue and concurrency cap per account and origin, a credential
// only for its account's origin (redirects never followed), provider text
// scrubbed of secrets, and every failure mapped to a FlotillaError. It never
// logs or repeats headers or bodies.
import pLimit, { type LimitFunction } from 'p-limit'
import { version } from '../../../package.json'
import { FlotillaError, type ErrorCode } from '../../shared/errors'
import { BODY_LIMITS, BodyTooLarge, readBounded } from './body-reader'
import { assertOwnOrigin, mentionsSecret, originOf, scrubberFor, type Scrubber } from './credential-scope'
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from './http-client'
import {
  cancelledError,
  classifyNetworkError,
  errorFromResponse,
  invalidBodyError,
  looksLikeHtml,
  networkError,
  parseJson,
  redactUrl,
  timeoutError,
  tooLargeError,
  tooSlowError
} from './http-errors'
import { canWaitOutRateLimit, extendHold, noteRateLimitHeaders, takeRateLimitSlot, type RateLimitState } from './rate-limit'

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
  /** The one deadline of an attempt, including reading the body. */
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

/** One queue: an account's requests to one origin (a draft being verified has no account yet, so its origin keeps it apart). */
interface QueueState extends RateLimitState {
  readonly limit: LimitFunction
}

type AttemptResult<T> =
  | { readonly ok: true; readonly response: HttpResponse<T> }
  | { readonly ok: false; readonly error: FlotillaError; readonly transient: boolean }

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const cfg = resolveOptions(options)
  const queues = new Map<string, QueueState>()

  function queueFor(req: HttpRequest): QueueState {
    const key = `${req.accountId} ${originOf(req.url) ?? ''}`
    let state = queues.get(key)
    if (state === undefined) {
      state = { limit: pLimit(cfg.perAccountConcurrency), holdUntil: 0, budget: null, inFlight: 0 }
      queues.set(key, state)
    }
    return state
  }

  return {
    async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
      assertOwnOrigin(req)
      const state = queueFor(req)
      return state.limit(() => runWithRetries<T>(cfg, state, req))
    },
    async stream(req: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<void> {
      assertOwnOrigin(req)
      await streamOnce(cfg, req, onChunk)
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

async function runWithRetries<T>(cfg: ClientConfig, state: QueueState, req: HttpRequest): Promise<HttpResponse<T>> {
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
      // The 429 extended the queue's hold; the next turn of the loop waits it out.
      rateLimitRetries++
      continue
    }
    throw result.error
  }
}

/** The attempt's one deadline and the caller's cancel, as one signal. */
interface Deadline {
  readonly signal: AbortSignal
  readonly timeoutMs: number
  timedOut(): boolean
  /** Streams: the deadline covers only the wait for headers; the caller's cancel still applies. */
  stopTimer(): void
  clear(): void
}

function startDeadline(cfg: ClientConfig, req: HttpRequest): Deadline {
  const timeoutMs = req.timeoutMs ?? cfg.timeoutMs
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const forwardAbort = (): void => controller.abort()
  req.signal?.addEventListener('abort', forwardAbort, { once: true })
  return {
    signal: controller.signal,
    timeoutMs,
    timedOut: () => timedOut,
    stopTimer: () => clearTimeout(timer),
    clear: () => {
      clearTimeout(timer)
      req.signal?.removeEventListener('abort', forwardAbort)
    }
  }
}

function send(cfg: ClientConfig, req: HttpRequest, signal: AbortSignal): Promise<Response> {
  return fetch(req.url, {
    method: req.method,
    headers: buildHeaders(cfg, req),
    body: req.body === undefined ? null : JSON.stringify(req.body),
    signal,
    // A redirect would carry the cookie/key to wherever it points: never followed, reported instead.
    redirect: 'manual'
  })
}

async function attemptOnce<T>(cfg: ClientConfig, state: QueueState, req: HttpRequest, attempt: number): Promise<AttemptResult<T>> {
  const started = performance.now()
  const deadline = startDeadline(cfg, req)
  const scrub = scrubberFor(req.scope)
  let status: number | null = null
  let result: AttemptResult<T>
  try {
    const res = await send(cfg, req, deadline.signal)
    status = res.status
    noteRateLimitHeaders(state, res.headers, cfg.now())
    const ok = res.status >= 200 && res.status < 300
    const bytes = ok ? await readBounded(res, bodyLimit(req), 'fail') : await readBounded(res, BODY_LIMITS.error, 'truncate')
    result = ok ? decodeSuccess<T>(req, res, bytes, scrub) : readFailure<T>(cfg, state, req, res, bytes, scrub)
  } catch (error) {
    result = { ok: false, ...failureFrom(error, req, deadline, status, attempt) }
  } finally {
    deadline.clear()
  }
  report(cfg, req, attempt, status, performance.now() - started, result)
  return result
}

function bodyLimit(req: HttpRequest): number {
  return req.maxBytes ?? BODY_LIMITS[req.responseType ?? 'json']
}

function failureFrom(
  error: unknown,
  req: HttpRequest,
  deadline: Deadline,
  status: number | null,
  attempt: number
): { error: FlotillaError; transient: boolean } {
  if (req.signal?.aborted) return { error: cancelledError(req.accountId), transient: false }
  if (error instanceof BodyTooLarge) return { error: tooLargeError(req.url, req.accountId, error.limit), transient: false }
  // A deadline is not retried: four waits of 15 s would keep the user a minute.
  if (deadline.timedOut()) {
    const slow = status === null ? timeoutError(req.url, req.accountId, deadline.timeoutMs, attempt) : tooSlowError(req.url, req.accountId, deadline.timeoutMs)
    return { error: slow, transient: false }
  }
  const { kind, code } = classifyNetworkError(error)
  return { error: networkError(kind, req.url, req.accountId, attempt, code), transient: kind === 'dropped' }
}

function readFailure<T>(
  cfg: ClientConfig,
  state: QueueState,
  req: HttpRequest,
  res: Response,
  bytes: Uint8Array,
  scrub: Scrubber
): AttemptResult<T> {
  const error = errorFromResponse({
    status: res.status,
    url: req.url,
    accountId: req.accountId,
    contentType: res.headers.get('content-type'),
    text: new TextDecoder().decode(bytes),
    retryAfterHeader: res.headers.get('retry-after'),
    nowMs: cfg.now(),
    scrub: scrub.text
  })
  if (res.status === 429 && error.retryAfterSec !== undefined) {
    extendHold(state, cfg.now() + error.retryAfterSec * 1000)
  }
  return { ok: false, error, transient: res.status >= 500 }
}

function decodeSuccess<T>(req: HttpRequest, res: Response, bytes: Uint8Array, scrub: Scrubber): AttemptResult<T> {
  const answer = (data: unknown): AttemptResult<T> => ({
    ok: true,
    response: { status: res.status, headers: res.headers, data: data as T }
  })
  const type = req.responseType ?? 'json'
  if (type === 'bytes') return answer(bytes)
  const text = new TextDecoder().decode(bytes)
  const echoes = mentionsSecret(text, req.scope)
  if (type === 'text') return answer(echoes ? scrub.data(text) : text)
  if (text.trim() === '' && (res.status === 204 || res.status === 205)) return answer(null)
  const parsed = parseJson(text)
  if (parsed.ok) return answer(echoes ? scrub.data(parsed.value) : parsed.value)
  const why = looksLikeHtml(res.headers.get('content-type'), text) ? 'html' : 'malformed'
  return { ok: false, error: invalidBodyError(req.url, req.accountId, res.status, why), transient: false }
}

/** A long-lived answer: the deadline covers the headers; chunks go to `onChunk` until the end or the caller's abort. */
async function streamOnce(cfg: ClientConfig, req: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const started = performance.now()
  const deadline = startDeadline(cfg, req)
  const scrub = scrubberFor(req.scope)
  const unused: QueueState = { limit: pLimit(1), holdUntil: 0, budget: null, inFlight: 0 }
  let status: number | null = null
  let result: AttemptResult<null> = { ok: true, response: { status: 0, headers: new Headers(), data: null } }
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  try {
    const res = await send(cfg, req, deadline.signal)
    status = res.status
    if (res.status < 200 || res.status >= 300 || res.body === null) {
      result = readFailure(cfg, unused, req, res, await readBounded(res, BODY_LIMITS.error, 'truncate'), scrub)
    } else {
      deadline.stopTimer()
      reader = res.body.getReader()
      for (let next = await reader.read(); !next.done; next = await reader.read()) onChunk(next.value)
    }
  } catch (error) {
    result = { ok: false, ...streamFailure(error, req, deadline, status) }
  } finally {
    deadline.clear()
    void reader?.cancel().catch(() => undefined)
  }
  report(cfg, req, 1, status, performance.now() - started, result)
  if (!result.ok) throw result.error
}

function streamFailure(error: unknown, req: HttpRequest, deadline: Deadline, status: number | null): { error: FlotillaError; transient: boolean } {
  // What the caller's chunk handler threw (e.g. the SSE parser's too-large) is the answer.
  if (error instanceof FlotillaError && !req.signal?.aborted) return { error, transient: false }
  return failureFrom(error, req, deadline, status, 1)
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
