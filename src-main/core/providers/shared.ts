// Small helpers both adapters use: checking a body against its schema, and the
// guards that keep a paging loop finite when a provider's totals are wrong.
import type { z } from 'zod'
import { FlotillaError } from '../../shared/errors'
import { capText, hostOf } from '../http/http-errors'

/** Stop paging after this many pages whatever the provider claims (1000 × 100 = 100 000 servers). */
export const MAX_PAGES = 1000

/** A body of the wrong shape → invalid-response naming the first problem (paths only, never values). */
export function parseBody<S extends z.ZodType>(schema: S, data: unknown, url: string, accountId: string): z.output<S> {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const first = parsed.error.issues[0]
  const where = first === undefined ? '' : ` (${first.path.join('.') || 'body'}: ${first.message})`
  throw new FlotillaError('invalid-response', capText(`${hostOf(url)} answered with JSON of an unexpected shape${where}.`), {
    accountId
  })
}

export function tooManyPages(url: string, accountId: string): FlotillaError {
  return new FlotillaError(
    'invalid-response',
    `${hostOf(url)} kept returning pages past ${MAX_PAGES}; the list was not loaded to avoid an endless loop.`,
    { accountId }
  )
}

export function serverKey(accountId: string, id: string): string {
  return `${accountId}:${id}`
}

export function toIntOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null
}

export function toNumberOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** One page of a list paged by offset; `done` is the provider's own end-of-list signal. */
export interface OffsetPage<I> {
  readonly items: readonly I[]
  readonly done: boolean
}

/**
 * Reads an offset-paged list, keeping each id once. A provider whose totals or
 * "more" flag lie must not loop forever: an empty or all-repeated page ends the
 * list, and more than MAX_PAGES pages is an error.
 */
export async function collectOffsetPages<I extends { readonly id: string }, R>(
  fetchPage: (offset: number) => Promise<OffsetPage<I>>,
  toRecord: (item: I) => R,
  guard: { readonly url: string; readonly accountId: string }
): Promise<R[]> {
  const seen = new Map<string, R>()
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const { items, done } = await fetchPage(offset)
    let fresh = 0
    for (const item of items) {
      if (seen.has(item.id)) continue
      seen.set(item.id, toRecord(item))
      fresh++
    }
    offset += items.length
    if (items.length === 0 || fresh === 0 || done) break
    if (page === MAX_PAGES - 1) throw tooManyPages(guard.url, guard.accountId)
  }
  return [...seen.values()]
}

/** A response's Content-Length when it names a positive whole number of bytes. */
export function declaredLength(headers: Headers): number | null {
  const value = Number(headers.get('content-length'))
  return Number.isInteger(value) && value > 0 ? value : null
}
