// What every elizon route handler receives, and the `{ success, ... }` reply helpers.
import type { IncomingMessage } from 'node:http'
import { intParam } from '../core/body'
import { json, type Reply } from '../core/reply'
import type { Router } from '../core/router'
import type { SimOptions } from '../core/types'
import type { ConsoleHub } from './console-hub'
import { referenceError } from './reference'
import type { ElizonAccount, ElizonService, Permission } from './model'
import type { ElizonState } from './state'

export interface ElizonCtx {
  readonly req: IncomingMessage
  readonly url: URL
  readonly params: Record<string, string>
  readonly account: ElizonAccount
  readonly state: ElizonState
  readonly options: SimOptions
  readonly consoles: ConsoleHub
}

export type ElizonHandler = (ctx: ElizonCtx) => Reply | Promise<Reply>
export type ElizonRouter = Router<ElizonHandler>
export type ServiceHandler = (ctx: ElizonCtx & { service: ElizonService }) => Reply | Promise<Reply>

/** Success: the payload sits next to `success: true`, no wrapper. */
export function ok(payload: Record<string, unknown>, status = 200): Reply {
  return json(status, { success: true, ...payload })
}

/** The reference's error example (`success: false`, `error`), with `validationErrors` / `errorKey` where a route adds them. */
export function fail(status: number, error: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, referenceError(error, extra))
}

export function invalid(...validationErrors: string[]): Reply {
  return fail(400, 'Validation failed', { validationErrors })
}

export const notFound = (): Reply => fail(404, 'Not found')

export function forbidden(): Reply {
  return fail(403, 'Insufficient permissions', { errorKey: 'FORBIDDEN' })
}

export function allows(account: ElizonAccount, permission: Permission): boolean {
  return account.permissions === null || account.permissions.includes(permission)
}

/** Resolves `:id` to the account's service (404 otherwise) and checks the key's scope. */
export function withService(permission: Permission | null, handler: ServiceHandler): ElizonHandler {
  return (ctx) => {
    const service = ctx.state.findService(ctx.account.sim.id, ctx.params.id ?? '')
    if (!service) return notFound()
    if (permission && !allows(ctx.account, permission)) return forbidden()
    return handler({ ...ctx, service })
  }
}

export function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'kind' in v
}

/** page ≥ 1 (default 1), limit 1–100 (default 10; larger values are capped at 100). */
export function pageQuery(url: URL): { page: number; limit: number } | Reply {
  const page = intParam(url.searchParams, 'page', 1, 1, Number.MAX_SAFE_INTEGER)
  const limit = intParam(url.searchParams, 'limit', 10, 1, Number.MAX_SAFE_INTEGER)
  if (page === null) return invalid('page must be a positive integer')
  if (limit === null) return invalid('limit must be a positive integer')
  return { page, limit: Math.min(limit, 100) }
}

export function offsetQuery(url: URL): { offset: number; limit: number } | Reply {
  const offset = intParam(url.searchParams, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
  const limit = intParam(url.searchParams, 'limit', 10, 1, Number.MAX_SAFE_INTEGER)
  if (offset === null) return invalid('offset must be a non-negative integer')
  if (limit === null) return invalid('limit must be a positive integer')
  return { offset, limit: Math.min(limit, 100) }
}

export function pagePayload<T>(items: readonly T[], page: number, limit: number): { slice: T[]; pagination: Record<string, number> } {
  const start = (page - 1) * limit
  return { slice: items.slice(start, start + limit), pagination: { page, limit, total: items.length, pages: Math.ceil(items.length / limit) } }
}
