// Parse a provider's list per item: one odd item becomes a row with a warning
// (or, where nothing usable is left, a warning without a row) and never fails the
// whole account. Used by every adapter for services, invoices, tickets and keys.
import type { z } from 'zod'

export interface ItemWarning {
  /** Position in the provider's list. */
  readonly index: number
  /** The item's id where one could be read. */
  readonly id: string | null
  /** Plain words: which fields were missing or odd. */
  readonly message: string
}

export interface ParsedItems<R> {
  readonly rows: R[]
  readonly warnings: ItemWarning[]
}

/**
 * Each item is checked against `strict`; a match goes through `toRow`. An item
 * that does not match goes to `salvage` with the issues in words: it returns a
 * degraded row (carrying the warning itself) or null when the item has nothing
 * to show (no id). Either way the warning is reported.
 */
export function parseItems<S extends z.ZodType, R>(
  items: readonly unknown[],
  strict: S,
  toRow: (item: z.output<S>, index: number) => R,
  salvage: (raw: unknown, problem: string, index: number) => R | null
): ParsedItems<R> {
  const rows: R[] = []
  const warnings: ItemWarning[] = []
  items.forEach((raw, index) => {
    const parsed = strict.safeParse(raw)
    if (parsed.success) {
      rows.push(toRow(parsed.data, index))
      return
    }
    const problem = describeIssues(parsed.error.issues)
    const row = salvage(raw, problem, index)
    if (row !== null) rows.push(row)
    warnings.push({ index, id: idOf(raw), message: problem })
  })
  return { rows, warnings }
}

/** "status: missing; hourlyRateCents: expected number" — field paths and what was wrong. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'item'}: ${i.code === 'invalid_type' && i.message.includes('undefined') ? 'missing' : i.message}`)
    .join('; ')
}

/** An item's id when it has a string or number `id`; null otherwise. */
export function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null
  const id = (raw as { id?: unknown }).id
  if (typeof id === 'string' && id.length > 0) return id
  if (typeof id === 'number' && Number.isFinite(id)) return String(id)
  return null
}
