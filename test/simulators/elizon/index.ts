// startElizonSimulator: the elizon API under /api, x-api-key auth, per-key rate
// limit with X-RateLimit-* headers on every authenticated answer.
import type { IncomingMessage } from 'node:http'
import { Rng } from '../core/random'
import { json, withHeaders, type Reply } from '../core/reply'
import { Router } from '../core/router'
import { rateLimitReply, startSimServer } from '../core/server'
import { seedAccounts, simulatorOf } from '../core/simulator'
import type { SimOptions, Simulator } from '../core/types'
import { ConsoleHub } from './console-hub'
import { fail, notFound, type ElizonHandler } from './context'
import type { ElizonAccount } from './model'
import { registerBackupRoutes } from './routes/backups'
import { registerCatalogRoutes, registerPublicCatalogRoutes, type PublicHandler } from './routes/catalog'
import { registerFirewallRoutes } from './routes/firewall'
import { registerConsoleRoutes } from './routes/console'
import { registerInvoiceRoutes } from './routes/invoices'
import { registerServiceRoutes } from './routes/services'
import { registerServiceExtraRoutes } from './routes/service-extras'
import { registerSshKeyRoutes } from './routes/ssh-keys'
import { registerTicketRoutes } from './routes/tickets'
import { referenceRateLimit } from './reference'
import { seedElizonAccount } from './seed'
import { ElizonState } from './state'

export { ElizonState } from './state'
export type * from './model'

export const ELIZON_API_PREFIX = '/api'
const DEFAULT_RATE_LIMIT = { limit: 100, windowMs: 60_000 }

export type ElizonSimulator = Simulator<ElizonState>

export async function startElizonSimulator(opts: SimOptions = {}): Promise<ElizonSimulator> {
  const seed = opts.seed ?? 1
  const state = new ElizonState(seed)
  const consoles = new ConsoleHub()
  const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT
  const roster = seedAccounts(opts, new Rng(seed ^ 0xe1), (rng, input) => seedElizonAccount(state, rng, input))

  const router = buildRouter()
  const publicRouter = new Router<PublicHandler>()
  registerPublicCatalogRoutes(publicRouter)
  const server = await startSimServer(
    {
      provider: 'elizon',
      default5xxStatus: 500,
      errorBody: (message) => ({ success: false, error: message }),
      identify: (req) => {
        const key = apiKey(req)
        return key ? (state.accountByKey(key)?.sim.id ?? null) : null
      },
      handle
    },
    opts.port ?? 0,
    opts.latencyMs ?? 0
  )

  async function handle(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET'
    if (url.pathname === '/api/ping' && method === 'GET') return json(200, { success: true, status: 'ok' })
    if (!url.pathname.startsWith(ELIZON_API_PREFIX + '/')) return notFound()
    const open = publicRouter.match(method, url.pathname.slice(ELIZON_API_PREFIX.length))
    if (open.kind === 'found') return open.match.handler({ url })
    const found = router.match(method, url.pathname.slice(ELIZON_API_PREFIX.length))
    if (found.kind === 'not-found') return notFound()
    if (found.kind === 'method-not-allowed') return fail(405, 'Method not allowed')
    const key = apiKey(req)
    if (!key) return fail(401, 'Authentication required')
    const account = state.accountByKey(key)
    if (!account || account.revoked) return fail(401, 'Invalid API key')
    const window = spend(account, rateLimit, Date.now())
    if (window.exceeded) return { ...rateLimitReply(window.retryAfterSec, rateLimit.limit, window.resetAt), body: referenceRateLimit(window.retryAfterSec) } as Reply
    const reply = await found.match.handler({ req, url, params: found.match.params, account, state, options: opts, consoles })
    return withHeaders(reply, {
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-reset': String(window.resetAt)
    })
  }

  return simulatorOf({
    provider: 'elizon',
    apiPrefix: ELIZON_API_PREFIX,
    server,
    state,
    roster,
    expireCredential: (accountId) => {
      state.account(accountId).revoked = true
    }
  })
}

function apiKey(req: IncomingMessage): string | null {
  const value = req.headers['x-api-key']
  const key = Array.isArray(value) ? value[0] : value
  return key && key.trim() !== '' ? key.trim() : null
}

type WindowState = { exceeded: false; remaining: number; resetAt: number } | { exceeded: true; retryAfterSec: number; resetAt: number }

/** A fixed window per key: the first request opens it, `limit` requests fit in it. */
function spend(account: ElizonAccount, rule: { limit: number; windowMs: number }, now: number): WindowState {
  if (now >= account.window.startMs + rule.windowMs) account.window = { startMs: now, count: 0 }
  const resetAt = account.window.startMs + rule.windowMs
  if (account.window.count >= rule.limit) return { exceeded: true, retryAfterSec: Math.max(1, Math.ceil((resetAt - now) / 1000)), resetAt }
  account.window.count += 1
  return { exceeded: false, remaining: rule.limit - account.window.count, resetAt }
}

function buildRouter(): Router<ElizonHandler> {
  const router = new Router<ElizonHandler>()
  registerServiceRoutes(router)
  registerServiceExtraRoutes(router)
  registerConsoleRoutes(router)
  registerInvoiceRoutes(router)
  registerTicketRoutes(router)
  registerSshKeyRoutes(router)
  registerCatalogRoutes(router)
  registerBackupRoutes(router)
  registerFirewallRoutes(router)
  return router
}
