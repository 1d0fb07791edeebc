// Slicing a page out of a list without copying the rest: the benchmarks page
// through 10,000 services, so each request costs O(page), not O(list).
export function pageSlice<T>(items: readonly T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit)
}

export function filterIf<T>(items: readonly T[], predicate: ((item: T) => boolean) | null): readonly T[] {
  return predicate ? items.filter(predicate) : items
}

export function isoAt(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/** Seeded data lives before this instant, so a seed always gives the same timestamps. */
export const SEED_EPOCH = Date.parse('2026-11-01T00:00:00.000Z')
export const HOUR = 3_600_000
export const DAY = 24 * HOUR
