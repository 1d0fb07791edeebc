// startAluySimulator: the reseller API under /api/reseller/v1 plus NextAuth's
// /api/auth/session at the origin, over real HTTP.
import type { IncomingMessage } from 'node:http'
import { Rng } from '../core/random'
import { json, type Reply } from '../core/reply'
import { Router } from '../core/router'
import { startSimServer } from '../core/server'
import { seedAccounts, simulatorOf } from '../core/simulator'
import type { SimOptions, Simulator } from '../core/types'
import { resellerOrDenied, sessionEndpoint, sessionToken } from './auth'
import type { AluyHandler } from './context'
import { registerAccountRoutes } from './routes/account'
import { registerCatalogRoutes } from './routes/catalog'
import { registerInvoiceRoutes } from './routes/invoices'
import { registerOrderRoutes } from './routes/orders'
import { registerServiceRoutes } from './routes/services'
import { registerSshKeyRoutes } from './routes/ssh-keys'
import { registerTicketRoutes } from './routes/tickets'
import { registerVpsRoutes } from './routes/vps'
import { seedAluyAccount } from './seed'
import { AluyState } from './state'
import { variantEnabled, variantReply } from './variant'

export { AluyState } from './state'
export type * from './model'

export const ALUY_API_PREFIX = '/api/reseller/v1'

export type AluySimulator = Simulator<AluyState>

export async function startAluySimulator(opts: SimOptions = {}): Promise<AluySimulator> {
  const seed = opts.seed ?? 1
  const state = new AluyState(seed)
  const roster = seedAccounts(opts, new Rng(seed), (rng, input) => seedAluyAccount(state, rng, input))

  const router = buildRouter()
  const server = await startSimServer(
    {
      provider: 'aluy',
      default5xxStatus: 502,
      errorBody: (message) => ({ error: message }),
      identify: (req) => identify(state, req),
      handle: (req, url) => handle(req, url),
      expire: (accountId) => {
        state.account(accountId).sessionExpired = true
      },
      shiftList: (accountId, _path, shift) => shiftServices(state, accountId, shift)
    },
    opts.port ?? 0,
    opts.latencyMs ?? 0
  )

  const variant = variantEnabled(opts.variant)
  async function handle(req: IncomingMessage, url: URL): Promise<Reply> {
    const reply = await handleExact(req, url)
    return variant ? variantReply(reply) : reply
  }

  async function handleExact(req: IncomingMessage, url: URL): Promise<Reply> {
    if (url.pathname === '/api/auth/session' && req.method === 'GET') return sessionEndpoint(state, req)
    if (!url.pathname.startsWith(ALUY_API_PREFIX + '/')) return json(404, { error: 'Not found' })
    const found = router.match(req.method ?? 'GET', url.pathname.slice(ALUY_API_PREFIX.length))
    if (found.kind === 'not-found') return json(404, { error: 'Not found' })
    if (found.kind === 'method-not-allowed') return json(405, { error: 'Method not allowed' })
    const account = resellerOrDenied(state, req)
    if ('kind' in account) return account
    return found.match.handler({ req, url, params: found.match.params, account, state, options: opts })
  }

  return simulatorOf({
    provider: 'aluy',
    apiPrefix: ALUY_API_PREFIX,
    server,
    state,
    roster,
    expireCredential: (accountId) => {
      state.account(accountId).sessionExpired = true
    }
  })
}

/** A service created (newest first, so at the list's head) or the newest ones deleted while a client pages. */
function shiftServices(state: AluyState, accountId: string, shift: { insert: number; remove: number }): void {
  const account = state.account(accountId)
  for (let i = 0; i < shift.remove && account.services.length > 0; i++) state.removeService(account, account.services[0]!)
  for (let i = 0; i < shift.insert; i++) {
    state.addService(
      account,
      {
        kind: 'VPS',
        status: 'ACTIVE',
        label: `created-while-paging-${account.services.length}`,
        period: 'HOURLY',
        spec: { vmType: 'custom', vmLocation: 'fi-hel', ramGb: 1, cpuCores: 1, ssdGb: 20 },
        monthlyPriceCents: 1000,
        createdAtMs: Date.now()
      },
      true
    )
  }
}

function identify(state: AluyState, req: IncomingMessage): string | null {
  const token = sessionToken(req)
  return token ? (state.accountByToken(token)?.sim.id ?? null) : null
}

function buildRouter(): Router<AluyHandler> {
  const router = new Router<AluyHandler>()
  registerAccountRoutes(router)
  registerCatalogRoutes(router)
  registerOrderRoutes(router)
  registerServiceRoutes(router)
  registerVpsRoutes(router)
  registerSshKeyRoutes(router)
  registerInvoiceRoutes(router)
  registerTicketRoutes(router)
  return router
}
