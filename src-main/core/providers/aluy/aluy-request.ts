// One aluy request for the orders, SSH-key and ticket modules: the session
// cookie, the body checked against its schema, and aluy's 403/429 meanings.
// Only GETs are retried; POST/DELETE are sent once (the reference: not idempotent).
import type { z } from 'zod'
import type { HttpMethod } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { parseBody } from '../shared'
import { toAluyError } from './aluy-errors'
import { sessionCookieHeader } from './credential'

export async function aluyRequest<S extends z.ZodType>(
  ctx: AccountContext,
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown
): Promise<z.output<S>> {
  const base = ctx.baseUrl.replace(/\/+$/, '')
  const url = `${base}${path}`
  try {
    const res = await ctx.http.request<unknown>({
      accountId: ctx.accountId,
      method,
      url,
      headers: { cookie: sessionCookieHeader(base, ctx.credential) },
      retry: method === 'GET',
      ...(body !== undefined ? { body } : {}),
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
    })
    return parseBody(schema, res.data, url, ctx.accountId)
  } catch (error) {
    throw toAluyError(error)
  }
}
