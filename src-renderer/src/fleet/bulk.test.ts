import { describe, expect, it } from 'vitest'
import type { JobProgress } from '@shared/contracts/fleet'
import { jobSummary, latestProgress, namedByAccount, splitByVisibility } from './bulk'
import { notificationsFor } from './notifications'
import { applyDelta, followRenames } from './delta'
import { buildRow } from './rows'
import { makeAccount, makeServer } from './testing-rows'

function job(done: number, finished = false): JobProgress {
  return {
    jobId: 'j1', action: 'stop', total: 2, done, failed: finished ? 1 : 0, finished, startedAt: 'x', finishedAt: finished ? 'y' : null,
    items: [
      { key: 'acc_aaaaaaaa:1', accountId: 'acc_aaaaaaaa', provider: 'aluy', label: 'a', state: 'ok' },
      { key: 'acc_bbbbbbbb:2', accountId: 'acc_bbbbbbbb', provider: 'elizon', label: 'b', state: finished ? 'failed' : 'running', ...(finished ? { error: { code: 'upstream', message: 'boom' } } : {}) }
    ]
  }
}

describe('bulk helpers', () => {
  it('names each account with its count and its servers by name, sorted', () => {
    const acme = makeAccount('acc_aaaaaaaa', 'Zeta')
    const beta = makeAccount('acc_bbbbbbbb', 'Alpha')
    const rows = [
      buildRow(makeServer({ id: '1', label: 'web-2' }), acme),
      buildRow(makeServer({ id: '2', label: 'db-1' }), acme),
      buildRow(makeServer({ id: '3', label: 'edge', accountId: beta.id }), beta)
    ]
    expect(namedByAccount(rows)).toEqual([
      { accountId: 'acc_bbbbbbbb', accountLabel: 'Alpha', count: 1, labels: ['edge'] },
      { accountId: 'acc_aaaaaaaa', accountLabel: 'Zeta', count: 2, labels: ['db-1', 'web-2'] }
    ])
  })
  it('splits the selection into the rows the filter shows and those it hides', () => {
    const acme = makeAccount('acc_aaaaaaaa', 'Acme')
    const [a, b, c] = ['1', '2', '3'].map((id) => buildRow(makeServer({ id }), acme))
    const split = splitByVisibility([a!, b!], [b!, c!])
    expect(split.visible.map((r) => r.server.id)).toEqual(['2'])
    expect(split.hidden.map((r) => r.server.id)).toEqual(['1'])
  })
  it('keeps the report that is further along, whatever order they arrive in', () => {
    expect(latestProgress(job(2, true), job(1)).finished).toBe(true)
    expect(latestProgress(job(0), job(1)).done).toBe(1)
    expect(latestProgress(undefined, job(0)).done).toBe(0)
  })
  it('summarises only a finished job, listing its failures', () => {
    expect(jobSummary(job(1))).toBeNull()
    expect(jobSummary(job(2, true))?.failures.map((f) => [f.label, f.error?.message])).toEqual([['b', 'boom']])
  })
})

describe('delta helpers', () => {
  it('returns the same array when nothing changed', () => {
    const list = [makeServer({ id: '1' })]
    expect(applyDelta(list, { upserts: [], removedKeys: [] })).toBe(list)
  })
  it('ignores an upsert that is also removed, and follows renamed keys', () => {
    expect(applyDelta([], { upserts: [makeServer({ id: '1' })], removedKeys: ['acc_aaaaaaaa:1'] })).toEqual([])
    expect([...followRenames(new Set(['a', 'b']), [{ from: 'a', to: 'c' }])]).toEqual(['b', 'c'])
  })
})

describe('notificationsFor', () => {
  it('turns transitions into messages, leaving out removals', () => {
    const base = { accountId: 'acc_aaaaaaaa', from: null, to: null }
    expect(
      notificationsFor([
        { ...base, key: 'k1', label: 'web', kind: 'provisioned' },
        { ...base, key: 'k2', label: 'db', kind: 'provision-failed' },
        { ...base, key: 'k3', label: 'old', kind: 'removed' }
      ])
    ).toEqual([
      { tag: 'k1:provisioned', key: 'fleetTable.notify.provisioned', label: 'web' },
      { tag: 'k2:provision-failed', key: 'fleetTable.notify.provisionFailed', label: 'db' }
    ])
  })
})
