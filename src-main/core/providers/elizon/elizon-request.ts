// One elizon request for the orders, SSH-key and ticket modules: x-api-key,
// `success: false` as a failure, the body checked against its schema. Only GETs
// are retried; other methods are sent once.
import type { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import { capText } from '../../http/http-errors'
import type { HttpMethod } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { parseBody } from '../shared'

export async function elizonRequest<S extends z.ZodType>(
  ctx: AccountContext,
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown
): Promise<z.output<S>> {
  const url = `${ctx.baseUrl.replace(/\/+$/, '')}${path}`
  const res = await ctx.http.request<unknown>({
    accountId: ctx.accountId,
    method,
    url,
    headers: { 'x-api-key': ctx.credential },
    retry: method === 'GET',
    waitOnRateLimit: method === 'GET',
    ...(body !== undefined ? { body } : {}),
    ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
  })
  const data = res.data
  if (typeof data === 'object' && data !== null && (data as { success?: unknown }).success === false) {
    const said = (data as { error?: unknown }).error
    throw new FlotillaError('upstream', typeof said === 'string' && said.trim() !== '' ? capText(said) : `elizon reported a failure (status ${res.status}).`, {
      status: res.status,
      accountId: ctx.accountId
    })
  }
  return parseBody(schema, data, url, ctx.accountId)
}

/** A text body (the ticket export's HTML). */
export async function elizonText(ctx: AccountContext, path: string): Promise<string> {
  const res = await ctx.http.request<string>({
    accountId: ctx.accountId,
    method: 'GET',
    url: `${ctx.baseUrl.replace(/\/+$/, '')}${path}`,
    headers: { 'x-api-key': ctx.credential },
    responseType: 'text',
    retry: true,
    waitOnRateLimit: true,
    ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
  })
  return res.data
}
