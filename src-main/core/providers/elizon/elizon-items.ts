// Lists of invoices, tickets and keys read one item at a time (parseItems): an
// item with an odd field is kept with that field's stand-in, an item without a
// readable id is left out; neither fails the account's list.
import type { z } from 'zod'
import { parseItems } from '../parse-items'

/**
 * The items of `raw` through `schema`; an odd item is rebuilt field by field,
 * each unreadable field replaced by `standIns(id)`'s value, `flag`'s fields set
 * on it (so it shows that it was odd), and read again.
 */
export function readItems<S extends z.ZodObject, R>(
  raw: readonly unknown[],
  schema: S,
  toRow: (item: z.output<S>) => R,
  standIns: (id: string) => Record<string, unknown>,
  flag: Record<string, unknown> = {}
): R[] {
  return parseItems(raw, schema, (item) => toRow(item), (item) => salvage(item, schema, (id) => standIns(id), toRow, flag)).rows
}

function salvage<S extends z.ZodObject, R>(
  raw: unknown,
  schema: S,
  standIns: (id: string) => Record<string, unknown>,
  toRow: (item: z.output<S>) => R,
  flag: Record<string, unknown>
): R | null {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const id = record.id
  if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) return null
  const fill = standIns(String(id))
  const repaired: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    repaired[key] = field.safeParse(record[key]).success ? record[key] : fill[key]
  }
  const again = schema.safeParse({ ...repaired, ...flag })
  return again.success ? toRow(again.data) : null
}
