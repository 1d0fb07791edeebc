// What every aluy route handler receives, and the helpers that give answers the
// reference's exact shapes (`{ error }`, `{ items, total, limit, offset }`).
import type { IncomingMessage } from 'node:http'
import { intParam } from '../core/body'
import { json, type Reply } from '../core/reply'
import type { Router } from '../core/router'
import type { SimOptions } from '../core/types'
import type { AluyAccount } from './model'
import type { AluyState } from './state'

export interface AluyCtx {
  readonly req: IncomingMessage
  readonly url: URL
  readonly params: Record<string, string>
  readonly account: AluyAccount
  readonly state: AluyState
  readonly options: SimOptions
}

export type AluyHandler = (ctx: AluyCtx) => Reply | Promise<Reply>
export type AluyRouter = Router<AluyHandler>

export function fail(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, { error: message, ...extra })
}

export interface PageParams {
  limit: number
  offset: number
}

/** limit 1–100 (default 50) and offset ≥ 0 (default 0); anything else is a 400. */
export function pageParams(url: URL): PageParams | Reply {
  const limit = intParam(url.searchParams, 'limit', 50, 1, 100)
  if (limit === null) return fail(400, 'limit must be an integer between 1 and 100')
  const offset = intParam(url.searchParams, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
  if (offset === null) return fail(400, 'offset must be a non-negative integer')
  return { limit, offset }
}

export function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'kind' in v
}

/** A query filter that must be one of `allowed` (null when absent). */
export function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[], label: string): T | null | Reply {
  const value = url.searchParams.get(name)
  if (value === null || value === '') return null
  if ((allowed as readonly string[]).includes(value)) return value as T
  return fail(400, `Invalid ${label}. Valid values: ${allowed.join(', ')}`)
}
