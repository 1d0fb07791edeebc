import { describe, expect, it } from 'vitest'
import { withEmptyMonths } from './spend-months'

describe('withEmptyMonths', () => {
  it('fills the months between the first and the last with zero, across a year end', () => {
    expect(withEmptyMonths([{ month: '2025-11', totalCents: 5 }, { month: '2026-02', totalCents: 7 }])).toEqual([
      { month: '2025-11', totalCents: 5 },
      { month: '2025-12', totalCents: 0 },
      { month: '2026-01', totalCents: 0 },
      { month: '2026-02', totalCents: 7 }
    ])
  })
  it('sorts, adds up repeated months and ignores malformed ones', () => {
    expect(withEmptyMonths([{ month: '2026-03', totalCents: 1 }, { month: 'junk', totalCents: 9 }, { month: '2026-01', totalCents: 2 }, { month: '2026-03', totalCents: 3 }])).toEqual([
      { month: '2026-01', totalCents: 2 },
      { month: '2026-02', totalCents: 0 },
      { month: '2026-03', totalCents: 4 }
    ])
  })
  it('gives nothing for nothing', () => {
    expect(withEmptyMonths([])).toEqual([])
  })
})
