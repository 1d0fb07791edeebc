// aluy's reseller API behind the ProviderAdapter port. Its quirks stay here:
// NextAuth session-cookie auth, one 403 for both "expired" and "not a reseller"
// (told apart through /api/auth/session), limit/offset paging, 429 meaning a
// VPS quota rather than a rate limit, and live VPS state behind a per-service call.
import { z } from 'zod'
import type { Server, VerifyResult } from '../../../shared/domain'
import { FlotillaError } from '../../../shared/errors'
import type { AccountContext, ListOptions, ListProgress, ProviderAdapter } from '../provider-adapter'
import { aluyServers } from './aluy-servers'
import { aluyOrders } from './aluy-orders'
import { aluySshKeys } from './aluy-ssh-keys'
import { aluyTickets } from './aluy-tickets'
import { collectCountedPages, parseBody, serverKey, toIntOrNull } from '../shared'
import { parseItems } from '../parse-items'
import { getAluyList } from './aluy-lists'
import { aluyBase as base, aluyCall, forgetLostSession } from './aluy-request'
import { normaliseAluyCredential, sessionCookieHeader } from './credential'
import { resolveVncUrl, type ConsoleAccess } from '../../console/console-access'
import { aluyBilling } from './aluy-billing'
import { pathOf } from '../paths'

const PAGE_SIZE = 100

const Id = z.union([z.string().min(1), z.number()]).transform(String)
const OptionalNumber = z.number().nullable().optional()

const BalanceBody = z.object({
  balanceCents: z.number(),
  billingMode: z.string().optional()
})

const ServiceItem = z.object({
  id: Id,
  kind: z.string().nullable().optional(),
  status: z.string(),
  label: z.string().nullable().optional(),
  externalId: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v))),
  createdAt: z.string().nullable().optional(),
  subscriptionBillingPeriod: z.string().nullable().optional(),
  hourlyRateCents: OptionalNumber
})
type ServiceItem = z.output<typeof ServiceItem> & { readonly warnings?: string[] }

/** What can still be read from an item that failed ServiceItem: each field on its own, odd ones left out. */
const LenientServiceItem = z.object({
  id: Id,
  kind: z.string().nullable().optional().catch(null),
  status: z.string().catch(''),
  label: z.string().nullable().optional().catch(null),
  externalId: ServiceItem.shape.externalId.catch(null),
  createdAt: z.string().nullable().optional().catch(null),
  subscriptionBillingPeriod: z.string().nullable().optional().catch(null),
  hourlyRateCents: OptionalNumber.catch(null)
})

const LiveStatusBody = z.object({
  state: z.string().nullable().optional(),
  cpuCores: OptionalNumber,
  memoryMb: OptionalNumber,
  storageGb: OptionalNumber,
  ipAddresses: z
    .array(z.object({ address: z.string(), type: z.string().optional() }))
    .nullable()
    .optional()
})
type LiveStatus = z.output<typeof LiveStatusBody>

const STATUS: Record<string, Server['status']> = {
  ACTIVE: 'active',
  PENDING: 'pending',
  SUSPENDED: 'suspended',
  TERMINATED: 'terminated'
}

const POWER: Record<string, Server['power']> = {
  running: 'running',
  stopped: 'stopped',
  starting: 'starting',
  stopping: 'stopping'
}

export const aluyAdapter: ProviderAdapter = {
  billing: aluyBilling,
  provider: 'aluy',
  capabilities: { batchStatus: false, pagination: 'limit-offset' },
  normaliseCredential: normaliseAluyCredential,
  verify: verifyAluy,
  listServers: listAluyServers,
  servers: aluyServers,
  orders: aluyOrders,
  sshKeys: aluySshKeys,
  tickets: aluyTickets,
  ...aluyConsoleMethods()
}

async function verifyAluy(ctx: AccountContext): Promise<VerifyResult> {
  forgetLostSession(ctx)
  try {
    const balance = await getJson(ctx, '/balance', BalanceBody)
    return {
      outcome: 'signed-in',
      ok: true,
      balanceCents: Math.round(balance.balanceCents),
      ...(balance.billingMode !== undefined ? { billingMode: balance.billingMode } : {})
    }
  } catch (error) {
    return verifyFailure(ctx, error)
  }
}

async function verifyFailure(ctx: AccountContext, error: unknown): Promise<VerifyResult> {
  if (!(error instanceof FlotillaError) || error.code === 'cancelled') throw error
  if (error.code === 'auth-expired') return sessionOutcome(ctx)
  switch (error.code) {
    case 'offline':
    case 'timeout':
      return { outcome: 'unreachable', ok: false, detail: error.message }
    case 'invalid-response':
      return { outcome: 'invalid-response', ok: false, detail: error.message }
    default:
      return { outcome: 'provider-error', ok: false, detail: error.message }
  }
}

/** The 403 is the same for "expired" and "not a reseller": NextAuth's session endpoint tells them apart. */
async function sessionOutcome(ctx: AccountContext): Promise<VerifyResult> {
  const expired: VerifyResult = {
    outcome: 'session-expired',
    ok: false,
    detail: 'The aluy session has expired. Sign in to aluy again and paste a fresh session cookie.'
  }
  try {
    const res = await ctx.http.request<unknown>({
      accountId: ctx.accountId,
      method: 'GET',
      url: `${new URL(base(ctx)).origin}/api/auth/session`,
      headers: { cookie: sessionCookieHeader(base(ctx), ctx.credential) },
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {})
    })
    if (!hasUser(res.data)) return expired
    return {
      outcome: 'not-reseller',
      ok: false,
      detail: 'You are signed in to aluy, but this account has no reseller access. Ask aluy to enable it, or use a reseller account.'
    }
  } catch (error) {
    if (error instanceof FlotillaError && error.code === 'cancelled') throw error
    // /balance already said 403; if the session check cannot tell more, signing in again is the way out.
    return expired
  }
}

function hasUser(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false
  const user = (body as { user?: unknown }).user
  return typeof user === 'object' && user !== null
}

async function listAluyServers(ctx: AccountContext, onProgress?: (p: ListProgress) => void, options: ListOptions = {}): Promise<Server[]> {
  const services = await fetchAllServices(ctx, onProgress)
  if (options.liveStatus === false) return services.map((s) => toServer(ctx, s, null))
  const live = await Promise.all(services.map((s) => (needsLiveStatus(s) ? fetchLiveStatus(ctx, s.id) : null)))
  return services.map((s, i) => toServer(ctx, s, live[i] ?? null))
}

async function fetchAllServices(ctx: AccountContext, onProgress?: (p: ListProgress) => void): Promise<ServiceItem[]> {
  return collectCountedPages(
    async (index, perPage) => {
      const page = await getAluyList(ctx, `/services?limit=${PAGE_SIZE}&offset=${index * perPage}`, 'services')
      const items = parseServiceItems(page.items)
      const total = page.total
      // The first page's own length is the provider's page size (it may cap `limit`).
      return { items, total, pageCount: total === null || page.items.length === 0 ? null : Math.max(1, Math.ceil(total / page.items.length)) }
    },
    { pageSize: PAGE_SIZE, guard: { url: base(ctx), accountId: ctx.accountId }, ...(onProgress ? { onProgress } : {}) }
  )
}

/** One item at a time: an odd one is a row carrying what was wrong; one without an id cannot be shown and is left out. */
export function parseServiceItems(raw: readonly unknown[]): ServiceItem[] {
  return parseItems(raw, ServiceItem, (item) => item, salvageService).rows
}

function salvageService(raw: unknown, problem: string): ServiceItem | null {
  const lenient = LenientServiceItem.safeParse(raw)
  if (!lenient.success) return null
  return { ...lenient.data, warnings: [problem] }
}

function needsLiveStatus(s: ServiceItem): boolean {
  return (s.kind ?? '').toUpperCase() === 'VPS' && s.externalId !== null && s.status.toUpperCase() === 'ACTIVE'
}

/**
 * One status call per active VPS; the client's per-account cap bounds how many
 * run at once. A failing one leaves that server's power unknown instead of
 * failing the list, and is not retried: with many servers behind a sick
 * hypervisor the backoff would hold the whole refresh for minutes.
 */
async function fetchLiveStatus(ctx: AccountContext, id: string): Promise<LiveStatus | null> {
  try {
    return await getJson(ctx, pathOf`/services/${id}/status`, LiveStatusBody, false)
  } catch (error) {
    if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
    return null
  }
}

function toServer(ctx: AccountContext, s: ServiceItem, live: LiveStatus | null): Server {
  const statusWord = s.status.toUpperCase()
  const period = (s.subscriptionBillingPeriod ?? '').toUpperCase()
  const addresses = live?.ipAddresses ?? []
  return {
    key: serverKey(ctx.accountId, s.id),
    id: s.id,
    accountId: ctx.accountId,
    provider: 'aluy',
    label: s.label ?? s.id,
    kind: (s.kind ?? 'UNKNOWN').toUpperCase(),
    status: STATUS[statusWord] ?? 'unknown',
    statusText: s.status,
    power: live?.state ? (POWER[live.state.toLowerCase()] ?? 'unknown') : 'unknown',
    primaryIpv4: addresses.find((a) => a.type === 'ipv4' || (a.type === undefined && !a.address.includes(':')))?.address ?? null,
    primaryIpv6: addresses.find((a) => a.type === 'ipv6' || (a.type === undefined && a.address.includes(':')))?.address ?? null,
    location: null,
    vcpu: toIntOrNull(live?.cpuCores),
    ramMb: toIntOrNull(live?.memoryMb),
    diskGb: toIntOrNull(live?.storageGb),
    hourlyRateCents: period === 'HOURLY' ? toIntOrNull(s.hourlyRateCents) : null,
    // GET /services sends no monthly price (docs/assumptions-aluy.md): billing works it out from /vm-config and the catalog.
    monthlyPriceCents: null,
    createdAt: s.createdAt ?? null,
    ...(s.warnings ? { warnings: s.warnings } : {})
  }
}

async function getJson<S extends z.ZodType>(ctx: AccountContext, path: string, schema: S, retry = true): Promise<z.output<S>> {
  const res = await aluyCall(ctx, { method: 'GET', path, retry })
  return parseBody(schema, res.data, `${base(ctx)}${path}`, ctx.accountId)
}

// ── Consoles ────────────────────────────────────────────────────────────────
// GET /services/:id/console hands out a fresh VNC ticket (wssUrl + password)
// per call; console access that is switched off is switched on first, then
// asked again. The ticket is a secret: errors never repeat it.

const ConsoleBody = z.object({
  console: z.object({
    password: z.string().nullable().optional(),
    wssUrl: z.string().nullable().optional(),
    enabled: z.boolean().optional()
  })
})

// Power from a console goes through the fleet's action (aluy-servers.ts), like any other power action.
function aluyConsoleMethods(): Pick<ProviderAdapter, 'openConsole'> {
  return { openConsole: openAluyConsole }
}

async function openAluyConsole(ctx: AccountContext, serverId: string): Promise<ConsoleAccess> {
  const path = pathOf`/services/${serverId}/console`
  let body = await getJson(ctx, path, ConsoleBody)
  if (body.console.enabled === false || !body.console.wssUrl) {
    await aluyCall(ctx, { method: 'POST', path, body: { action: 'enable' } })
    body = await getJson(ctx, path, ConsoleBody)
  }
  const given = body.console.wssUrl
  if (!given) throw new FlotillaError('unavailable', 'aluy did not hand out a console address for this server, even after enabling console access.', { accountId: ctx.accountId })
  const resolved = resolveVncUrl(given, base(ctx))
  if (resolved === null) {
    throw new FlotillaError('invalid-response', 'aluy handed out a console address that is neither a wss:// URL nor a path on the panel; it was not opened.', { accountId: ctx.accountId })
  }
  return { kind: 'vnc', url: resolved, password: body.console.password ?? null }
}
