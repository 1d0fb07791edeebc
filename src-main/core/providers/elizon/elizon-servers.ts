// elizon's server operations behind the fleet port: live status in batches of
// up to 50 (POST /services/status-batch), detail, power and suspension through
// POST /services/:id/action, rename, subscription cancel / reactivate, reinstall,
// templates and Proxmox traffic/RRD data (GET /traffic?timeframe=; the reference gives
// /metrics no timeframe). Cancel status from /subscription. Every answer carries `success`; false is a failure.
import { z } from 'zod'
import type {
  MetricSeries,
  MetricTimeframe,
  OsTemplate,
  ParsedServerActionInput,
  ServerActionName,
  ServerMetrics
} from '../../../shared/contracts/fleet'
import type { Server } from '../../../shared/domain'
import { FlotillaError } from '../../../shared/errors'
import { capText } from '../../http/http-errors'
import type { HttpMethod } from '../../http/http-client'
import type { ActionOutcome, LivePatch, ProviderDetail, ServerOperations } from '../../servers/server-operations'
import type { AccountContext } from '../provider-adapter'
import { elizonBackups } from './elizon-backups'
import { elizonFirewall } from './elizon-firewall'
import { elizonJson, type ElizonCall } from './elizon-request'
import { pathOf } from '../paths'
import { LIVE_POWER_KEYS, powerOf, readNumber, readWord } from './elizon-power'

export const STATUS_BATCH_MAX = 50

const OptionalNumber = z.number().nullable().optional()
const OptionalString = z.string().nullable().optional()

/**
 * A live-status entry. The reference shows no body for it, so it is read
 * loosely: the power word under any of LIVE_POWER_KEYS, numbers by name.
 */
type LiveBody = Record<string, unknown>

const BatchBody = z.object({ statuses: z.record(z.string(), z.unknown()) })
const StatusBody = z.object({ status: z.unknown() })
const DetailBody = z.object({
  service: z
    .object({
      id: z.union([z.string(), z.number()]).transform(String),
      name: OptionalString,
      status: z.string(),
      type: OptionalString,
      product: z.object({ name: OptionalString, slug: OptionalString }).nullable().optional(),
      location: z.object({ name: OptionalString, city: OptionalString }).nullable().optional(),
      price: z.object({ amountCents: z.number(), cycleDays: OptionalNumber }).nullable().optional(),
      expiresAt: OptionalString
    })
    .loose()
})
const MessageBody = z.object({ message: OptionalString }).loose()
const SubscriptionBody = z.object({ subscription: z.unknown().optional(), data: z.unknown().optional() }).loose()
const TemplatesBody = z.object({
  templates: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: OptionalString, label: OptionalString }))
})
/** RRD rows from /traffic (the reference gives it the timeframe); the list under `traffic`, `metrics` or `data`, as `points` or bare. */
const Point = z.object({
  time: z.number(),
  cpu: OptionalNumber,
  mem: OptionalNumber,
  netin: OptionalNumber,
  netout: OptionalNumber,
  diskread: OptionalNumber,
  diskwrite: OptionalNumber
})
const TrafficBody = z.object({ traffic: z.unknown().optional(), metrics: z.unknown().optional(), data: z.unknown().optional() }).loose()
const BandwidthBody = z.object({
  usage: z.object({
    inBytes: z.number(),
    outBytes: z.number(),
    limitBytes: OptionalNumber,
    periodStart: OptionalString,
    periodEnd: OptionalString
  })
})

/** Our action name → elizon's `action` word. elizon calls unsuspending "resume". */
const ACTION_WORD: Partial<Record<ServerActionName, string>> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  reset: 'reset',
  suspend: 'suspend',
  unsuspend: 'resume'
}

/** Where an accepted action leaves the server, until the next live status says otherwise. */
const ACTION_PATCH: Partial<Record<ServerActionName, LivePatch>> = {
  start: { status: 'active', statusText: 'RUNNING', power: 'running', powerText: null },
  stop: { status: 'active', statusText: 'STOPPED', power: 'stopped', powerText: null },
  restart: { status: 'active', statusText: 'RUNNING', power: 'running', powerText: null },
  reset: { status: 'active', statusText: 'RUNNING', power: 'running', powerText: null },
  suspend: { status: 'suspended', statusText: 'SUSPENDED', power: 'unknown', powerText: null },
  unsuspend: { status: 'active', statusText: 'RUNNING', power: 'running', powerText: null }
}

export const elizonServers: ServerOperations = {
  features: { metrics: true, templates: true, upgradeQuote: false },
  statusBatchSize: STATUS_BATCH_MAX,
  liveStatus: elizonLiveStatus,
  detail: elizonDetail,
  actionsFor: elizonActionsFor,
  act: elizonAct,
  templates: elizonTemplates,
  metrics: elizonMetrics,
  backups: elizonBackups,
  firewall: elizonFirewall
}

// ---------------------------------------------------------------- live status

/**
 * Running or stopped services have a live state, and so may one whose status word
 * we do not know (it may be a power word, e.g. MIGRATING); batches of 50 in the order given.
 */
async function elizonLiveStatus(ctx: AccountContext, servers: readonly Server[]): Promise<Map<string, LivePatch>> {
  const ids = servers.filter((s) => s.status === 'active' || s.status === 'unknown').map((s) => s.id)
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += STATUS_BATCH_MAX) chunks.push(ids.slice(i, i + STATUS_BATCH_MAX))
  const out = new Map<string, LivePatch>()
  await Promise.all(
    chunks.map(async (serviceIds) => {
      // A read despite being a POST: safe to retry, and waiting out the rate limit is right for background work.
      const body = await call(ctx, 'POST', '/services/status-batch', BatchBody, { serviceIds }, { retry: true, waitOnRateLimit: true })
      for (const [id, live] of Object.entries(body.statuses)) out.set(id, livePatch(asLive(live)))
    })
  )
  return out
}

/**
 * The power a live entry tells. No readable word: nothing, so the known power
 * (the list's own, or the last live one) stays. A word we do not know: shown as itself.
 */
export function livePatch(live: LiveBody): LivePatch {
  const word = readWord(live, LIVE_POWER_KEYS)
  return word === null ? {} : powerOf(word)
}

function asLive(value: unknown): LiveBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as LiveBody) : {}
}

// ---------------------------------------------------------------- detail

async function elizonDetail(ctx: AccountContext, server: Server): Promise<ProviderDetail> {
  const path = pathOf`/services/${server.id}`
  const [detail, status, cancel] = await Promise.all([
    call(ctx, 'GET', path, DetailBody),
    server.status === 'active' || server.status === 'unknown' ? call(ctx, 'GET', `${path}/status`, StatusBody).catch(() => null) : Promise.resolve(null),
    cancellationOf(ctx, path)
  ])
  const s = detail.service
  const live = status ? asLive(status.status) : null
  return {
    server: { ...server, label: s.name ?? server.label, ...(live ? livePatch(live) : {}) },
    metadata: {
      product: s.product?.name ?? null,
      type: s.type ?? null,
      location: s.location?.name ?? s.location?.city ?? null,
      cycleDays: s.price?.cycleDays ?? null
    },
    billing: {
      hourlyRateCents: null,
      monthlyPriceCents: server.monthlyPriceCents,
      billedRunningSeconds: null,
      billedHourlyCents: null,
      pendingInvoiceCents: null,
      pendingInvoiceSeconds: null,
      lastBilledAt: null,
      nextDueAt: s.expiresAt ?? null,
      billingPeriod: s.price?.cycleDays ? `${s.price.cycleDays} days` : null
    },
    live: live
      ? {
          cpuPercent: readNumber(live, ['cpuPercent', 'cpu']),
          ramUsedMb: readNumber(live, ['ramUsedMb', 'memoryUsedMb']),
          ramTotalMb: readNumber(live, ['ramTotalMb', 'memoryTotalMb']),
          diskUsedGb: readNumber(live, ['diskUsedGb']),
          netInBytes: readNumber(live, ['netInBytes']),
          netOutBytes: readNumber(live, ['netOutBytes']),
          uptimeSec: readNumber(live, ['uptimeSec', 'uptime']),
          trafficGb: null,
          hostname: null
        }
      : null,
    hasProvisionIssue: false,
    subscriptionCancelledAt: cancel.cancelledAt,
    cancelAtPeriodEnd: cancel.atPeriodEnd
  }
}

/**
 * The cancel status comes from /services/[id]/subscription ("billing cycle,
 * period dates, cancel status"); its body is not shown, so the fields are read
 * by name (docs/assumptions-elizon.md). Unreadable: not cancelled, so the
 * detail still opens and offers cancel (the provider refuses a second one).
 */
async function cancellationOf(ctx: AccountContext, path: string): Promise<{ atPeriodEnd: boolean; cancelledAt: string | null }> {
  const body = await call(ctx, 'GET', `${path}/subscription`, SubscriptionBody).catch(() => null)
  const sub = body ? asLive(body.subscription ?? body.data ?? body) : {}
  const flag = sub.cancelAtPeriodEnd ?? sub.cancel_at_period_end ?? sub.cancelled ?? sub.canceled
  return { atPeriodEnd: flag === true, cancelledAt: readWord(sub, ['cancelledAt', 'canceledAt', 'cancelAt']) }
}

function elizonActionsFor(d: ProviderDetail): ServerActionName[] {
  const s = d.server
  const out: ServerActionName[] = []
  if (s.status === 'active') {
    out.push(...(s.power === 'running' ? (['stop', 'restart', 'reset'] as const) : s.power === 'stopped' ? (['start'] as const) : (['start', 'stop', 'restart', 'reset'] as const)))
  }
  out.push('rename')
  if (s.status === 'active' || s.status === 'suspended') out.push(d.cancelAtPeriodEnd ? 'subscription-reactivate' : 'subscription-cancel')
  if (s.status === 'active') out.push('suspend', 'reinstall')
  if (s.status === 'suspended') out.push('unsuspend')
  return out
}

// ---------------------------------------------------------------- actions

async function elizonAct(ctx: AccountContext, server: Server, input: ParsedServerActionInput): Promise<ActionOutcome> {
  const path = pathOf`/services/${server.id}`
  const word = ACTION_WORD[input.action]
  if (word !== undefined) {
    const body = await call(ctx, 'POST', `${path}/action`, MessageBody, { action: word })
    return { ...messageOf(body), ...(ACTION_PATCH[input.action] ? { patch: ACTION_PATCH[input.action] } : {}) }
  }
  switch (input.action) {
    case 'rename':
      await call(ctx, 'PATCH', path, MessageBody, { name: input.params.label })
      return { patch: { label: input.params.label } }
    case 'subscription-cancel':
      return messageOf(await call(ctx, 'POST', `${path}/subscription/cancel`, MessageBody, { immediate: false }))
    case 'subscription-reactivate':
      return messageOf(await call(ctx, 'POST', `${path}/subscription/reactivate`, MessageBody, {}))
    case 'reinstall':
      return {
        ...messageOf(await call(ctx, 'POST', `${path}/reinstall`, MessageBody, { templateId: input.params.templateId })),
        patch: { status: 'active', statusText: 'RUNNING', power: 'running', powerText: null }
      }
    default:
      throw new FlotillaError('bad-request', `elizon does not offer "${input.action}" for this server.`)
  }
}

function messageOf(body: z.output<typeof MessageBody>): ActionOutcome {
  return typeof body.message === 'string' && body.message !== '' ? { message: capText(body.message) } : {}
}

// ---------------------------------------------------------------- templates, metrics

async function elizonTemplates(ctx: AccountContext, server: Server): Promise<OsTemplate[]> {
  const body = await call(ctx, 'GET', pathOf`/services/${server.id}/templates`, TemplatesBody)
  return body.templates.map((t) => ({ id: t.id, label: t.label ?? t.name ?? t.id }))
}

async function elizonMetrics(ctx: AccountContext, server: Server, timeframe: MetricTimeframe): Promise<ServerMetrics> {
  const path = pathOf`/services/${server.id}`
  const [metrics, bandwidth] = await Promise.all([
    call(ctx, 'GET', `${path}/traffic?timeframe=${timeframe}`, TrafficBody),
    call(ctx, 'GET', `${path}/bandwidth-usage`, BandwidthBody).catch(() => null)
  ])
  const points = trafficPoints(metrics)
  const series = (id: MetricSeries['id'], unit: MetricSeries['unit'], pick: (p: (typeof points)[number]) => number | null | undefined): MetricSeries => ({
    id,
    unit,
    points: points.flatMap((p) => {
      const v = pick(p)
      return typeof v === 'number' && Number.isFinite(v) ? [[p.time * 1000, v] as [number, number]] : []
    })
  })
  return {
    timeframe,
    series: [
      series('cpu', 'percent', (p) => (typeof p.cpu === 'number' ? Math.round(p.cpu * 1000) / 10 : null)),
      series('ram', 'mb', (p) => (typeof p.mem === 'number' ? Math.round(p.mem / 1048576) : null)),
      series('net-in', 'bytes-per-sec', (p) => p.netin),
      series('net-out', 'bytes-per-sec', (p) => p.netout),
      series('disk-read', 'bytes-per-sec', (p) => p.diskread),
      series('disk-write', 'bytes-per-sec', (p) => p.diskwrite)
    ],
    bandwidth: bandwidth
      ? {
          inBytes: bandwidth.usage.inBytes,
          outBytes: bandwidth.usage.outBytes,
          limitBytes: bandwidth.usage.limitBytes ?? null,
          periodStart: bandwidth.usage.periodStart ?? null,
          periodEnd: bandwidth.usage.periodEnd ?? null
        }
      : null
  }
}

function trafficPoints(body: z.output<typeof TrafficBody>): z.output<typeof Point>[] {
  const inner = body.traffic ?? body.metrics ?? body.data
  const list = Array.isArray(inner) ? inner : Array.isArray(asLive(inner).points) ? (asLive(inner).points as unknown[]) : []
  return list.flatMap((p) => {
    const parsed = Point.safeParse(p)
    return parsed.success ? [parsed.data] : []
  })
}

// ---------------------------------------------------------------- HTTP

/** GETs are retried per the client's rules; everything else gets exactly one attempt unless said otherwise. */
function call<S extends z.ZodType>(
  ctx: AccountContext,
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown,
  opts: Pick<ElizonCall, 'retry' | 'waitOnRateLimit'> = {}
): Promise<z.output<S>> {
  return elizonJson(ctx, { method, path, body, ...opts }, schema)
}
