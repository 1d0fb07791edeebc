// What the log keeps of HTTP traffic. Every request at info was ~145 MB an hour
// at 2,000 servers (issue 10, item 7), so: each request at debug, a failed one
// (no answer, 5xx, 429) at info, and a summary line at info once per interval
// (requests, failures, by status class), written with the next request after
// the interval ends — no timer to stop.
import type { RequestRecord } from '../http/fetch-http-client'
import type { Logger } from './logger'

export const HTTP_SUMMARY_EVERY_MS = 10 * 60_000

interface Tally {
  requests: number
  failed: number
  byStatus: Record<string, number>
}

export function httpRequestLog(
  logger: Pick<Logger, 'debug' | 'info'>,
  options: { readonly everyMs?: number; readonly now?: () => number } = {}
): (record: RequestRecord) => void {
  const everyMs = options.everyMs ?? HTTP_SUMMARY_EVERY_MS
  const now = options.now ?? Date.now
  let since = now()
  let tally: Tally = { requests: 0, failed: 0, byStatus: {} }
  return (record) => {
    const failed = isFailure(record)
    if (failed) logger.info('http request failed', { ...record })
    else logger.debug('http', { ...record })
    tally.requests++
    if (failed) tally.failed++
    const cls = record.status === null ? 'none' : `${Math.floor(record.status / 100)}xx`
    tally.byStatus[cls] = (tally.byStatus[cls] ?? 0) + 1
    if (now() - since < everyMs) return
    logger.info('http summary', { sinceMs: now() - since, ...tally })
    since = now()
    tally = { requests: 0, failed: 0, byStatus: {} }
  }
}

function isFailure(record: RequestRecord): boolean {
  return record.status === null || record.status >= 500 || record.status === 429 || record.errorCode !== undefined
}
