// aluy list bodies in every shape its reference shows: the Conventions promise
// `{ items, total, limit, offset }`, while each endpoint's own example names the
// array after the resource (`{ services: [...] }`, `{ invoices: [...] }`,
// `{ tickets: [...] }`, `{ orders: [...] }`, `{ sshKeys: [...] }`). Both are
// accepted for every list; the items stay unknown here, to be parsed one by one
// (parse-items.ts), so one odd item never fails the list.
import { z } from 'zod'
import type { AccountContext } from '../provider-adapter'
import { idOf } from '../parse-items'
import { parseBody } from '../shared'
import { aluyBase, aluyCall } from './aluy-request'

export interface AluyListPage {
  readonly items: readonly unknown[]
  /** The list's length as the page announces it; null when it does not say. */
  readonly total: number | null
  /** The rest of the body (aluy's /services adds `quota` and `hourly`). */
  readonly body: Record<string, unknown>
}

const Total = z.number().int().nonnegative().nullable().optional().catch(undefined)

/** A list body named `key` (or `items`): the array, its total, and the rest of the body. */
export function aluyListBody(key: string): z.ZodType<AluyListPage> {
  return z
    .object({ [key]: z.array(z.unknown()).optional(), items: z.array(z.unknown()).optional(), total: Total })
    .loose()
    .refine((b) => Array.isArray(b[key]) || Array.isArray(b.items), { message: `no ${key} or items list` })
    .transform((b) => ({ items: (b[key] ?? b.items) as unknown[], total: typeof b.total === 'number' ? b.total : null, body: b }))
}

/** GET a list page and read it in any documented shape. */
export async function getAluyList(ctx: AccountContext, path: string, key: string, retry = true): Promise<AluyListPage> {
  const res = await aluyCall(ctx, { method: 'GET', path, retry })
  return parseBody(aluyListBody(key), res.data, `${aluyBase(ctx)}${path}`, ctx.accountId)
}

/**
 * Every page of a limit/offset list, in the provider's order, each id once:
 * stops at the announced total, at a short page when no total is given, at an
 * empty or all-repeated page (a total that lies), or after `maxPages`.
 */
export async function allAluyPages(
  ctx: AccountContext,
  path: (offset: number) => string,
  key: string,
  pageSize: number,
  maxPages: number,
  onPage?: (page: AluyListPage) => void
): Promise<unknown[]> {
  const out: unknown[] = []
  const seen = new Set<string>()
  for (let page = 0, offset = 0; page < maxPages; page++) {
    const read = await getAluyList(ctx, path(offset), key)
    onPage?.(read)
    const { items, total } = read
    let fresh = 0
    for (const item of items) {
      const id = idOf(item)
      if (id !== null && seen.has(id)) continue
      if (id !== null) seen.add(id)
      out.push(item)
      fresh++
    }
    offset += items.length
    if (fresh === 0 || (total === null ? items.length < pageSize : offset >= total)) break
  }
  return out
}
