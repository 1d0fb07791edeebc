// Every aluy request goes through `aluyCall`: the session cookie, the account's
// HTTP budget, and aluy's 403/429 meanings (aluy-errors.ts). `aluyRequest` adds
// the body checked against its schema, for the resource modules.
// Only GETs are retried; POST/PATCH/DELETE are sent once (the reference: not idempotent).
import type { z } from 'zod'
import type { HttpMethod, HttpRequest, HttpResponse } from '../../http/http-client'
import type { AccountContext } from '../provider-adapter'
import { parseBody } from '../shared'
import { FlotillaError } from '../../../shared/errors'
import { ALUY_SIGN_IN_AGAIN, toAluyError } from './aluy-errors'
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
  const session = sessionOf(ctx)
  if (session.signal.aborted) throw sessionLost(ctx)
  const signal = ctx.signal === undefined ? session.signal : AbortSignal.any([ctx.signal, session.signal])
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
      signal
    })
  } catch (error) {
    const mapped = toAluyError(error)
    if (mapped instanceof FlotillaError && mapped.code === 'auth-expired') session.abort()
    // Stopped by another call's 403 (not by the caller): say why.
    if (session.signal.aborted && ctx.signal?.aborted !== true) throw sessionLost(ctx)
    throw mapped
  }
}

// ---------------------------------------------------------------- lost sessions

/**
 * The first 403 of a session stops all of that session's work: calls queued
 * behind the HTTP client's per-account cap (a refresh's ~200 status calls, the
 * location lookup, billing) are cancelled before they are sent, and new calls
 * fail at once for a second (what a refresh or a background pass still
 * had to start). After that a new refresh asks aluy again, one request: a 403
 * that was not the session's end (a proxy, a flag switched on) heals itself,
 * and a dead session costs one request per attempt. A new cookie (verify) is
 * always asked.
 */
const sessions = new Map<string, { readonly controller: AbortController; readonly lostAt: number | null }>()
const LOST_SESSION_MS = 1_000

interface SessionHandle {
  readonly signal: AbortSignal
  abort(): void
}

function sessionOf(ctx: AccountContext): SessionHandle {
  // The base URL is part of the key: two simulators (or an override) never share a session.
  const key = `${ctx.accountId}\n${aluyBase(ctx)}\n${ctx.credential}`
  let entry = sessions.get(key)
  if (entry === undefined || (entry.lostAt !== null && Date.now() - entry.lostAt > LOST_SESSION_MS)) {
    entry = { controller: new AbortController(), lostAt: null }
    sessions.set(key, entry)
  }
  const held = entry
  return {
    signal: held.controller.signal,
    abort: () => {
      if (held.controller.signal.aborted) return
      for (const [k, v] of sessions) if (k.startsWith(`${ctx.accountId}\n`) && v !== held) sessions.delete(k)
      sessions.set(key, { controller: held.controller, lostAt: Date.now() })
      held.controller.abort()
    }
  }
}

/** The user's own check of a cookie (verify) asks aluy again, whatever an earlier 403 said. */
export function forgetLostSession(ctx: AccountContext): void {
  sessions.delete(`${ctx.accountId}\n${aluyBase(ctx)}\n${ctx.credential}`)
}

function sessionLost(ctx: AccountContext): FlotillaError {
  return new FlotillaError('auth-expired', ALUY_SIGN_IN_AGAIN, { accountId: ctx.accountId, status: 403 })
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
