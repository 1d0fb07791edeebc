// Every elizon request goes through `elizonCall`: the x-api-key and the
// account's HTTP budget. `elizonJson` adds elizon's `success: false` as a
// failure and the body checked against its schema. Only GETs are retried unless
// said otherwise; other methods are sent once.
import type { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import { capText } from '../../http/http-errors'
import type { HttpMethod, HttpRequest, HttpResponse } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { parseBody } from '../shared'

/** The account's API base without a trailing slash. */
export function elizonBase(ctx: AccountContext): string {
  return ctx.baseUrl.replace(/\/+$/, '')
}

export interface ElizonCall {
  readonly method: HttpMethod
  /** A path below the API base (`/services/…`). */
  readonly path: string
  readonly body?: unknown
  /** Default: GET only. */
  readonly retry?: boolean
  /** Wait out a 429's retryAfter instead of failing at once. Default false. */
  readonly waitOnRateLimit?: boolean
  readonly responseType?: HttpRequest['responseType']
  readonly timeoutMs?: number
  /** A public endpoint (the reference marks it "Öffentlich"): the API key is not sent. */
  readonly anonymous?: boolean
}

export function elizonCall<T = unknown>(ctx: AccountContext, call: ElizonCall): Promise<HttpResponse<T>> {
  return ctx.http.request<T>({
    accountId: ctx.accountId,
    method: call.method,
    url: `${elizonBase(ctx)}${call.path}`,
    headers: call.anonymous === true ? {} : { 'x-api-key': ctx.credential },
    retry: call.retry ?? call.method === 'GET',
    waitOnRateLimit: call.waitOnRateLimit ?? false,
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...(call.responseType !== undefined ? { responseType: call.responseType } : {}),
    ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
    ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
  })
}

/** elizon puts `success` beside every payload; `success:false` is a failure even on a 2xx. */
export function rejectUnsuccessful(body: unknown, status: number, accountId: string): void {
  if (typeof body !== 'object' || body === null || (body as { success?: unknown }).success !== false) return
  const said = (body as { error?: unknown }).error
  const message = typeof said === 'string' && said.trim() !== '' ? capText(said) : `elizon reported a failure (status ${status}).`
  throw new FlotillaError('upstream', message, { status, accountId })
}

export async function elizonJson<S extends z.ZodType>(ctx: AccountContext, call: ElizonCall, schema: S): Promise<z.output<S>> {
  const res = await elizonCall(ctx, call)
  rejectUnsuccessful(res.data, res.status, ctx.accountId)
  return parseBody(schema, res.data, `${elizonBase(ctx)}${call.path}`, ctx.accountId)
}

/** For the orders, SSH-key and ticket modules: GETs retried and rate-limit-waited, others sent once. */
export function elizonRequest<S extends z.ZodType>(
  ctx: AccountContext,
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown
): Promise<z.output<S>> {
  return elizonJson(ctx, { method, path, body, waitOnRateLimit: method === 'GET' }, schema)
}

/** A public GET (products, their locations and templates): no API key, retried and rate-limit-waited. */
export function elizonPublic<S extends z.ZodType>(ctx: AccountContext, path: string, schema: S): Promise<z.output<S>> {
  return elizonJson(ctx, { method: 'GET', path, waitOnRateLimit: true, anonymous: true }, schema)
}

/** A text body (the ticket export's HTML). */
export async function elizonText(ctx: AccountContext, path: string): Promise<string> {
  return (await elizonCall<string>(ctx, { method: 'GET', path, responseType: 'text', retry: true, waitOnRateLimit: true })).data
}
