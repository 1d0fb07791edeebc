// Every aluy request goes through `aluyCall`: the session cookie, the account's
// HTTP budget, and aluy's 403/429 meanings (aluy-errors.ts). `aluyRequest` adds
// the body checked against its schema, for the resource modules.
// Only GETs are retried; POST/PATCH/DELETE are sent once (the reference: not idempotent).
import type { z } from 'zod'
import type { HttpMethod, HttpRequest, HttpResponse } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { parseBody } from '../shared'
import { toAluyError } from './aluy-errors'
import { sessionCookieHeader } from './credential'

/** The account's API base without a trailing slash. */
export function aluyBase(ctx: AccountContext): string {
  return ctx.baseUrl.replace(/\/+$/, '')
}

export interface AluyCall {
  readonly method: HttpMethod
  /** A path below the API base (`/services/…`). */
  readonly path: string
  readonly body?: unknown
  /** Default: GET only. */
  readonly retry?: boolean
  readonly responseType?: HttpRequest['responseType']
  readonly timeoutMs?: number
}

export async function aluyCall<T = unknown>(ctx: AccountContext, call: AluyCall): Promise<HttpResponse<T>> {
  const base = aluyBase(ctx)
  try {
    return await ctx.http.request<T>({
      accountId: ctx.accountId,
      method: call.method,
      url: `${base}${call.path}`,
      headers: { cookie: sessionCookieHeader(base, ctx.credential) },
      retry: call.retry ?? call.method === 'GET',
      ...(call.body !== undefined ? { body: call.body } : {}),
      ...(call.responseType !== undefined ? { responseType: call.responseType } : {}),
      ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
    })
  } catch (error) {
    throw toAluyError(error)
  }
}

export async function aluyRequest<S extends z.ZodType>(
  ctx: AccountContext,
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown
): Promise<z.output<S>> {
  const res = await aluyCall(ctx, { method, path, body })
  return parseBody(schema, res.data, `${aluyBase(ctx)}${path}`, ctx.accountId)
}
