// Reading elizon endpoints the reference names without describing their bodies
// (backups, firewall): one request path, the list found under its own name or
// under `data`, and an unknown shape named by its fields, never their values.
import { FlotillaError } from '../../../shared/errors'
import { capText } from '../../http/http-errors'
import type { HttpMethod } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { elizonCall, rejectUnsuccessful } from './elizon-request'

/** GET is retried by the client's rules (and waits out a 429); anything else gets exactly one attempt. */
export async function sendTolerant(ctx: AccountContext, method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
  const res = await elizonCall(ctx, { method, path, body, waitOnRateLimit: method === 'GET' })
  rejectUnsuccessful(res.data, res.status, ctx.accountId)
  return res.data
}

/**
 * The items of a list body: an array under `key`, under `data`, or under
 * `data.<key>`, each read by `toItem` (null skips it). No array, or a non-empty
 * list with no readable item, is `invalid-response` naming the fields received.
 */
export function tolerantList<T>(
  body: unknown,
  key: string,
  what: { readonly list: string; readonly unreadable: (count: number) => string },
  toItem: (item: Record<string, unknown>) => T | null,
  accountId: string
): T[] {
  const record = asRecord(body)
  const list = listIn(record, key)
  if (list === null) throw unknownShape(what.list, fieldsOf(record), accountId)
  const items = list.flatMap((entry) => {
    const item = toItem(asRecord(entry))
    return item === null ? [] : [item]
  })
  if (list.length > 0 && items.length === 0) throw unknownShape(what.unreadable(list.length), fieldsOf(asRecord(list[0])), accountId)
  return items
}

function listIn(record: Record<string, unknown>, key: string): unknown[] | null {
  if (Array.isArray(record[key])) return record[key]
  if (Array.isArray(record.data)) return record.data
  const inner = asRecord(record.data)[key]
  return Array.isArray(inner) ? inner : null
}

/** A `message` in the answer, capped, to show the user as the provider's words. */
export function messageOf(record: Record<string, unknown>): string | null {
  return typeof record.message === 'string' && record.message.trim() !== '' ? capText(record.message) : null
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function fieldsOf(record: Record<string, unknown>): string {
  return Object.keys(record).filter((k) => k !== 'success').slice(0, 8).join(', ') || 'none'
}

function unknownShape(what: string, fields: string, accountId: string): FlotillaError {
  return new FlotillaError('invalid-response', `elizon answered with ${what} in a shape Flotilla does not know (fields: ${fields}).`, { accountId })
}
