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

/** One page of a list whose pages can be counted. */
export interface CountedPage<I> {
  readonly items: readonly I[]
  /** Pages in the whole list, as the provider announces it (null: it does not say). */
  readonly pageCount: number | null
  /** Items in the whole list, for progress (null: not said). */
  readonly total: number | null
}

export interface CountedPagesOptions {
  /** The page size asked for; a shorter first page means the list ends there. */
  readonly pageSize: number
  readonly onProgress?: (p: { loaded: number; total: number | null }) => void
  readonly guard: { readonly url: string; readonly accountId: string }
}

/**
 * Reads a list whose first page says how many pages there are: after the
 * second, the rest are asked for in waves (the HTTP client's per-account cap
 * bounds how many run at once), so 1,000 servers cost about four round trips
 * instead of ten. Without
 * a count it reads on until a short, empty or all-repeated page. `fetchPage`
 * gets the page index (0-based) and how many items the provider actually put on
 * the first page (a provider that caps the size pages by its own size). Each id
 * is kept once, in page order.
 *
 * A list that shifts while it is read (aluy's newest-first /services: a service
 * created or deleted between two pages moves every later item by one) would
 * lose or repeat a row. So a pass whose pages announced different totals, or
 * that repeated a row and ended with another count of ids than it was told, is read once
 * more from the start (at most SETTLE_PASSES passes); the last pass is the list.
 * A pass cut short by a count that lies (an empty or all-repeated page) is not
 * repeated: reading again would only find the same lie.
 */
export async function collectCountedPages<I extends { readonly id: string }>(
  fetchPage: (index: number, perPage: number) => Promise<CountedPage<I>>,
  options: CountedPagesOptions
): Promise<I[]> {
  let pass = await countedPass(fetchPage, options)
  for (let n = 1; n < SETTLE_PASSES && pass.shifted; n++) pass = await countedPass(fetchPage, options)
  return pass.items
}

/** Passes over a shifting list before its last one is taken as it is. */
export const SETTLE_PASSES = 3

interface CountedPass<I> {
  readonly items: I[]
  /** The list moved under the pass: read it again. */
  readonly shifted: boolean
}

async function countedPass<I extends { readonly id: string }>(
  fetchPage: (index: number, perPage: number) => Promise<CountedPage<I>>,
  options: CountedPagesOptions
): Promise<CountedPass<I>> {
  const seen = new Map<string, I>()
  const totals = new Set<number>()
  let repeats = 0
  const keep = (items: readonly I[]): number => {
    let fresh = 0
    for (const item of items) {
      if (seen.has(item.id)) {
        repeats++
        continue
      }
      seen.set(item.id, item)
      fresh++
    }
    return fresh
  }
  const observe = (page: CountedPage<I>): CountedPage<I> => {
    if (page.total !== null) totals.add(page.total)
    return page
  }
  const fetchObserved = (index: number, perPage: number): Promise<CountedPage<I>> => fetchPage(index, perPage).then(observe)
  const first = observe(await fetchPage(0, options.pageSize))
  keep(first.items)
  options.onProgress?.({ loaded: seen.size, total: first.total })
  const perPage = first.items.length
  const done = (): CountedPass<I> => ({ items: [...seen.values()], shifted: false })
  if (perPage === 0 || (first.pageCount === null && perPage < options.pageSize)) return done()
  if (first.pageCount === null) return readOn(fetchPage, perPage, keep, () => seen.size, options).then(done)
  const ended = await readCounted(fetchObserved, Math.min(first.pageCount, MAX_PAGES), perPage, keep, first.total, options)
  if (!ended && first.pageCount > MAX_PAGES) throw tooManyPages(options.guard.url, options.guard.accountId)
  // A create and a delete between two pages leave the total as it was, but repeat one row and skip another.
  const moved = totals.size > 1 || (!ended && repeats > 0 && first.total !== null && seen.size !== first.total)
  return { items: [...seen.values()], shifted: moved }
}

/**
 * Pages asked for together after the second: that one goes alone, so a count
 * that lies (an empty or all-repeated page) costs one request, not a wave.
 */
const PAGE_WAVE = 8

async function readCounted<I>(
  fetchPage: (index: number, perPage: number) => Promise<CountedPage<I>>,
  pageCount: number,
  perPage: number,
  keep: (items: readonly I[]) => number,
  total: number | null,
  options: CountedPagesOptions
): Promise<boolean> {
  let loaded = perPage
  for (let next = 1; next < pageCount; ) {
    const size = next === 1 ? 1 : PAGE_WAVE
    const indexes = Array.from({ length: Math.min(size, pageCount - next) }, (_, i) => next + i)
    next += indexes.length
    const wave = await Promise.all(
      indexes.map((index) =>
        fetchPage(index, perPage).then((page) => {
          loaded += page.items.length
          options.onProgress?.({ loaded, total })
          return page
        })
      )
    )
    // Kept in page order, so the list reads as the provider sorts it.
    const ended = wave.map((page) => page.items.length === 0 || keep(page.items) === 0)
    if (ended.some(Boolean)) return true
  }
  return false
}

/** Without a page count: one page after another until the list visibly ends. */
async function readOn<I>(
  fetchPage: (index: number, perPage: number) => Promise<CountedPage<I>>,
  perPage: number,
  keep: (items: readonly I[]) => number,
  size: () => number,
  options: CountedPagesOptions
): Promise<void> {
  for (let index = 1; index < MAX_PAGES; index++) {
    const page = await fetchPage(index, perPage)
    const fresh = keep(page.items)
    options.onProgress?.({ loaded: size(), total: page.total })
    if (page.items.length === 0 || fresh === 0 || page.items.length < perPage) return
  }
  throw tooManyPages(options.guard.url, options.guard.accountId)
}

/** A response's Content-Length when it names a positive whole number of bytes. */
export function declaredLength(headers: Headers): number | null {
  const value = Number(headers.get('content-length'))
  return Number.isInteger(value) && value > 0 ? value : null
}
