import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../http/fetch-http-client'
import { httpRequestLog } from './http-log'

function recorder() {
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = []
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields })
  return { lines, logger: { debug: at('debug'), info: at('info') } }
}

const ok: RequestRecord = { accountId: 'acc_1', method: 'GET', url: 'https://x/api/services/1/status', status: 200, ms: 40, attempt: 1 }

describe('what the log keeps of HTTP traffic', () => {
  it('logs a successful request at debug and a failed one at info', () => {
    const { lines, logger } = recorder()
    const log = httpRequestLog(logger, { now: () => 0 })
    log(ok)
    log({ ...ok, status: 503, errorCode: 'upstream' })
    log({ ...ok, status: null, errorCode: 'offline' })
    log({ ...ok, status: 429, errorCode: 'rate-limited' })
    expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual(['debug http', 'info http request failed', 'info http request failed', 'info http request failed'])
  })

  it('writes one summary at info per interval, with counts by status class', () => {
    const { lines, logger } = recorder()
    let t = 0
    const log = httpRequestLog(logger, { everyMs: 1000, now: () => t })
    for (let i = 0; i < 10; i++) log(ok)
    log({ ...ok, status: 502, errorCode: 'upstream' })
    t = 1000
    log(ok)
    const summaries = lines.filter((l) => l.msg === 'http summary')
    expect(summaries).toHaveLength(1)
    expect(summaries[0]!.fields).toMatchObject({ requests: 12, failed: 1, byStatus: { '2xx': 11, '5xx': 1 } })
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(2)
  })
})
