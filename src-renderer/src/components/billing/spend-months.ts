// The spend chart's months: a month without invoices is a month with no spend,
// so it is drawn as a zero bar rather than left out (a gap hidden between two
// bars reads as "spent every month").
import type { SpendPoint } from '@shared/contracts/billing'

/** 'YYYY-MM' → months since year 0, or null for anything else. */
function monthIndex(month: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  if (!match) return null
  const m = Number(match[2])
  return m >= 1 && m <= 12 ? Number(match[1]) * 12 + (m - 1) : null
}

function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * Every month from the first to the last point, oldest first, with the points'
 * totals and 0 where none was given (several points for one month are added up).
 */
export function withEmptyMonths(points: readonly SpendPoint[]): SpendPoint[] {
  const sums = new Map<number, number>()
  for (const p of points) {
    const index = monthIndex(p.month)
    if (index !== null) sums.set(index, (sums.get(index) ?? 0) + p.totalCents)
  }
  if (sums.size === 0) return []
  const indices = [...sums.keys()]
  const first = Math.min(...indices)
  const last = Math.max(...indices)
  const months: SpendPoint[] = []
  for (let i = first; i <= last; i++) months.push({ month: monthOf(i), totalCents: sums.get(i) ?? 0 })
  return months
}
