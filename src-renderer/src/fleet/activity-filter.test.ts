import { describe, expect, it } from 'vitest'
import type { ActivityEntry } from '@shared/contracts/fleet'
import { activityChoices, filterActivity, isFiltering, NO_ACTIVITY_FILTER } from './activity-filter'

function entry(id: string, accountId: string, action: ActivityEntry['action'], result: ActivityEntry['result']): ActivityEntry {
  return { id, at: `2025-01-0${id}T10:00:00.000Z`, accountId, provider: 'aluy', serverKey: `${accountId}:s${id}`, serverLabel: `s${id}`, action, result }
}

const log: ActivityEntry[] = [
  entry('5', 'acme', 'restart', 'failed'),
  entry('4', 'beta', 'restart', 'ok'),
  entry('3', 'acme', 'reinstall', 'ok'),
  entry('2', 'beta', 'stop', 'failed'),
  entry('1', 'acme', 'restart', 'ok')
]
const ids = (entries: ActivityEntry[]) => entries.map((e) => e.id)

describe('filterActivity', () => {
  it('keeps everything, in order, without a filter', () => {
    expect(isFiltering(NO_ACTIVITY_FILTER)).toBe(false)
    expect(ids(filterActivity(log, NO_ACTIVITY_FILTER))).toEqual(['5', '4', '3', '2', '1'])
  })

  it('filters by account, action and result alone', () => {
    expect(ids(filterActivity(log, { ...NO_ACTIVITY_FILTER, accountId: 'beta' }))).toEqual(['4', '2'])
    expect(ids(filterActivity(log, { ...NO_ACTIVITY_FILTER, action: 'restart' }))).toEqual(['5', '4', '1'])
    expect(ids(filterActivity(log, { ...NO_ACTIVITY_FILTER, result: 'failed' }))).toEqual(['5', '2'])
  })

  it('combines the filters (all must match)', () => {
    expect(ids(filterActivity(log, { accountId: 'acme', action: 'restart', result: 'ok' }))).toEqual(['1'])
    expect(ids(filterActivity(log, { accountId: 'acme', action: 'stop', result: null }))).toEqual([])
  })

  it('returns a new array, leaving the store’s list alone', () => {
    const out = filterActivity(log, NO_ACTIVITY_FILTER)
    out.pop()
    expect(log).toHaveLength(5)
  })
})

describe('activityChoices', () => {
  it('offers each account and action that occurs once, in order of first appearance', () => {
    expect(activityChoices(log)).toEqual({ accountIds: ['acme', 'beta'], actions: ['restart', 'reinstall', 'stop'] })
    expect(activityChoices([])).toEqual({ accountIds: [], actions: [] })
  })
})
