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
