// A credential check answered "rate-limited" (elizon's 429 with retryAfter):
// wait as the provider says, counting down visibly, then ask again. Bounded:
// a wait longer than MAX_WAIT_SEC is not waited out; the form says when to try.
import { onBeforeUnmount, ref } from 'vue'
import type { VerifyResult } from '@shared/domain'

/** The HTTP client waits out no more than this either (DEFAULT_MAX_RATE_LIMIT_WAIT_SEC). */
export const MAX_WAIT_SEC = 120
/** After this many waits the answer stands: the provider keeps saying no. */
const MAX_WAITS = 3

export function waitableSeconds(verify: VerifyResult | null | undefined): number | null {
  if (verify?.outcome !== 'rate-limited' || verify.retryAfterSec === undefined) return null
  const seconds = Math.max(1, Math.ceil(verify.retryAfterSec))
  return seconds <= MAX_WAIT_SEC ? seconds : null
}

export function useRateLimitWait() {
  /** Seconds left of the current wait; null when not waiting. */
  const waitingSec = ref<number | null>(null)
  let timer: ReturnType<typeof setInterval> | undefined
  let cancelWait: (() => void) | undefined

  function countDown(seconds: number): Promise<boolean> {
    waitingSec.value = seconds
    return new Promise((resolve) => {
      cancelWait = () => finish(false)
      const finish = (waited: boolean): void => {
        clearInterval(timer)
        timer = undefined
        cancelWait = undefined
        waitingSec.value = null
        resolve(waited)
      }
      timer = setInterval(() => {
        const left = (waitingSec.value ?? 1) - 1
        if (left <= 0) finish(true)
        else waitingSec.value = left
      }, 1000)
    })
  }

  /** Runs `attempt`; while its answer is a short rate limit, waits it out and runs it again. */
  async function withWait<T>(attempt: () => Promise<T>, verifyOf: (answer: T) => VerifyResult | null | undefined): Promise<T> {
    let answer = await attempt()
    for (let waits = 0; waits < MAX_WAITS; waits++) {
      const seconds = waitableSeconds(verifyOf(answer))
      if (seconds === null || !(await countDown(seconds))) return answer
      answer = await attempt()
    }
    return answer
  }

  onBeforeUnmount(() => cancelWait?.())
  return { waitingSec, withWait, cancel: () => cancelWait?.() }
}
