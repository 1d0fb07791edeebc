// The HTTP client's rate-limit bookkeeping per queue (account + origin): a hold
// until the provider's reset after a 429 or `X-RateLimit-Remaining: 0`, and the
// budget the provider said is left, spent by requests still in flight.
import { FlotillaError } from '../../shared/errors'
import type { HttpRequest } from './http-client'
import { hostOf } from './http-errors'

export interface RateLimitState {
  /** Epoch ms before which no request of this queue is sent. */
  holdUntil: number
  /** What the provider last said is left of its window (X-RateLimit-Remaining / -Reset). */
  budget: { remaining: number; resetAt: number } | null
  /** Requests sent and not yet answered: they spend the budget before their answers say so. */
  inFlight: number
}

export interface RateLimitConfig {
  readonly maxRateLimitWaitSec: number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly now: () => number
}

/** At most this many 429s are waited out for one request. */
export const MAX_RATE_LIMIT_RETRIES = 3
/** After this many waits a request goes anyway: the provider's 429 is the last word. */
const MAX_RATE_LIMIT_HOLDS = 5

export function canWaitOutRateLimit(cfg: RateLimitConfig, req: HttpRequest, error: FlotillaError, done: number): boolean {
  return (
    req.waitOnRateLimit === true &&
    error.status === 429 &&
    error.retryAfterSec !== undefined &&
    error.retryAfterSec <= cfg.maxRateLimitWaitSec &&
    done < MAX_RATE_LIMIT_RETRIES
  )
}

/**
 * Proactive: once the provider said Remaining 0 (or 429), nothing is sent until
 * its reset; nor while the requests already in flight use up what it said was
 * left. The check and the count of the request as in flight happen in one step,
 * so requests started together cannot all pass on the same last unit of budget.
 */
export async function takeRateLimitSlot(cfg: RateLimitConfig, state: RateLimitState, req: HttpRequest): Promise<void> {
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

function msUntilAllowed(state: RateLimitState, now: number): number {
  if (state.holdUntil > now) return state.holdUntil - now
  const budget = state.budget
  if (budget !== null && budget.resetAt > now && budget.remaining - state.inFlight <= 0) return budget.resetAt - now
  return 0
}

/** elizon sends X-RateLimit-Remaining and X-RateLimit-Reset (epoch ms) on every answer. */
export function noteRateLimitHeaders(state: RateLimitState, headers: Headers, nowMs: number): void {
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

export function extendHold(state: RateLimitState, until: number): void {
  state.holdUntil = Math.max(state.holdUntil, until)
}
