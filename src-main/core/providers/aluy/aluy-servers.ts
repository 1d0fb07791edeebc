// aluy's server operations behind the fleet port: live status per VPS
// (GET /services/:id/status), detail (GET /services/:id), and every lifecycle and
// VPS action of the reseller reference. Actions are POST/PATCH and never retried:
// the reference says a POST "kicks off a fresh side effect" each time.
import { z } from 'zod'
import type {
  OsTemplate,
  ParsedServerActionInput,
  ServerActionName,
  UpgradeQuote
} from '../../../shared/contracts/fleet'
import type { Server } from '../../../shared/domain'
import { FlotillaError } from '../../../shared/errors'
import type { HttpMethod } from '../../http/http-client'
import type { ActionOutcome, LivePatch, ProviderDetail, ServerFacts, ServerOperations } from '../../servers/server-operations'
import type { AccountContext } from '../provider-adapter'
import { parseBody, toIntOrNull, toNumberOrNull } from '../shared'
import { aluyBase, aluyCall } from './aluy-request'
import { pathOf } from '../paths'

const OptionalNumber = z.number().nullable().optional()
const OptionalString = z.string().nullable().optional()
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

const StatusBody = z.object({
  state: OptionalString,
  hostname: OptionalString,
  cpuCores: OptionalNumber,
  memoryMb: OptionalNumber,
  storageGb: OptionalNumber,
  trafficGb: OptionalNumber,
  ipAddresses: z
    .array(z.object({ address: z.string(), type: z.string().optional() }))
    .nullable()
    .optional()
})
type StatusBody = z.output<typeof StatusBody>

const DetailBody = z.object({
  service: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    kind: OptionalString,
    status: z.string(),
    label: OptionalString,
    externalId: z.union([z.string(), z.number()]).nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    nextDueAt: OptionalString,
    subscriptionBillingPeriod: OptionalString,
    subscriptionCancelledAt: OptionalString,
    hourlyRateCents: OptionalNumber,
    monthlyPriceCents: OptionalNumber,
    billedRunningSeconds: OptionalNumber,
    billedHourlyCents: OptionalNumber,
    lastBilledAt: OptionalString,
    pendingInvoiceCents: OptionalNumber,
    pendingInvoiceSeconds: OptionalNumber,
    hasProvisionIssue: z.boolean().optional()
  })
})
type DetailService = z.output<typeof DetailBody>['service']

const TemplatesBody = z.object({
  templates: z.array(z.object({ id: z.union([z.number(), z.string()]).transform(String), label: z.string() }))
})
const PasswordBody = z.object({ password: z.string().min(1) })
const RetryBody = z.object({ serviceId: z.union([z.string().min(1), z.number()]).transform(String), status: OptionalString })
const VmConfigBody = z.object({
  custom: z.object({
    available: z.boolean(),
    pricing: z.object({ ramPer1GbCents: z.number(), cpuPerCoreCents: z.number(), ssdPer10GbCents: z.number() }),
    limits: z.object({ maxRamGb: z.number(), maxCpuCores: z.number(), maxSsdGb: z.number() })
  }),
  extraIpv4: z.object({ monthlyCents: z.number(), max: z.number() }).optional()
})

const VmConfigLocations = z.object({
  custom: z.object({ locations: z.array(z.object({ id: z.string(), label: z.string() })).default([]) })
})

const STATUS: Record<string, Server['status']> = {
  ACTIVE: 'active',
  PENDING: 'pending',
  SUSPENDED: 'suspended',
  TERMINATED: 'terminated'
}
const POWER: Record<string, Server['power']> = { running: 'running', stopped: 'stopped', starting: 'starting', stopping: 'stopping' }
const POWER_ACTIONS: ReadonlySet<ServerActionName> = new Set(['start', 'shutdown', 'stop', 'restart'])

export const aluyServers: ServerOperations = {
  features: { metrics: false, templates: true, upgradeQuote: true },
  statusBatchSize: 1,
  liveStatus: aluyLiveStatus,
  detail: aluyDetail,
  actionsFor: aluyActionsFor,
  act: aluyAct,
  templates: aluyTemplates,
  upgradeQuote: aluyUpgradeQuote,
  facts: aluyFacts
}

// ---------------------------------------------------------------- live status

/**
 * One call per active VPS (and a detail call per pending VPS, to learn whether
 * provisioning failed). The HTTP client's per-account cap bounds how many run
 * at once and serves them in the order given, so visible rows go first.
 */
async function aluyLiveStatus(ctx: AccountContext, servers: readonly Server[]): Promise<Map<string, LivePatch>> {
  const out = new Map<string, LivePatch>()
  await Promise.all(
    servers.map(async (s) => {
      const patch = await livePatchFor(ctx, s)
      if (patch !== null) out.set(s.id, patch)
    })
  )
  return out
}

async function livePatchFor(ctx: AccountContext, s: Server): Promise<LivePatch | null> {
  if (s.kind !== 'VPS') return null
  try {
    if (s.status === 'active') return statusPatch(await getStatus(ctx, s.id, false))
    if (s.status === 'pending') {
      const detail = await getDetail(ctx, s.id, false)
      return { provisionIssue: detail.hasProvisionIssue === true, ...listPatch(detail) }
    }
    return null
  } catch (error) {
    // One sick server must not fail the pass; only a lost session stops it.
    if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
    return null
  }
}

function statusPatch(body: StatusBody): LivePatch {
  const addresses = body.ipAddresses ?? []
  return {
    power: body.state ? (POWER[body.state.toLowerCase()] ?? 'unknown') : 'unknown',
    primaryIpv4: addresses.find((a) => a.type === 'ipv4' || (a.type === undefined && !a.address.includes(':')))?.address ?? null,
    primaryIpv6: addresses.find((a) => a.type === 'ipv6' || (a.type === undefined && a.address.includes(':')))?.address ?? null,
    vcpu: toIntOrNull(body.cpuCores),
    ramMb: toIntOrNull(body.memoryMb),
    diskGb: toIntOrNull(body.storageGb)
  }
}

function listPatch(s: DetailService): LivePatch {
  return { status: STATUS[s.status.toUpperCase()] ?? 'unknown', statusText: s.status }
}

// ---------------------------------------------------------------- detail

async function aluyDetail(ctx: AccountContext, server: Server): Promise<ProviderDetail> {
  const wantsStatus = server.kind === 'VPS' && server.status === 'active'
  const [detail, status] = await Promise.all([
    getDetail(ctx, server.id, true),
    // One attempt: a 5xx must not hold the detail for the whole 2 s / 4 s / 8 s ladder (issue 11.9).
    // Live values missing here are filled in by the fleet's next live tick; a lost session still fails.
    wantsStatus ? getStatus(ctx, server.id, false).catch(liveStatusMissing) : Promise.resolve(null)
  ])
  const period = (detail.subscriptionBillingPeriod ?? '').toUpperCase()
  const updated: Server = {
    ...server,
    ...listPatch(detail),
    ...(status ? statusPatch(status) : {}),
    label: detail.label ?? server.label,
    provisionIssue: detail.hasProvisionIssue === true
  }
  return {
    server: updated,
    metadata: flatten({ ...(detail.metadata ?? {}), externalId: detail.externalId ?? null }),
    billing: {
      hourlyRateCents: period === 'HOURLY' ? toNumberOrNull(detail.hourlyRateCents) : null,
      monthlyPriceCents: toNumberOrNull(detail.monthlyPriceCents),
      billedRunningSeconds: toNumberOrNull(detail.billedRunningSeconds),
      billedHourlyCents: toNumberOrNull(detail.billedHourlyCents),
      pendingInvoiceCents: toNumberOrNull(detail.pendingInvoiceCents),
      pendingInvoiceSeconds: toNumberOrNull(detail.pendingInvoiceSeconds),
      lastBilledAt: detail.lastBilledAt ?? null,
      nextDueAt: detail.nextDueAt ?? null,
      billingPeriod: detail.subscriptionBillingPeriod ?? null
    },
    live: status
      ? {
          cpuPercent: null,
          ramUsedMb: null,
          ramTotalMb: toNumberOrNull(status.memoryMb),
          diskUsedGb: null,
          netInBytes: null,
          netOutBytes: null,
          uptimeSec: null,
          trafficGb: toNumberOrNull(status.trafficGb),
          hostname: status.hostname ?? null
        }
      : null,
    hasProvisionIssue: detail.hasProvisionIssue === true,
    subscriptionCancelledAt: detail.subscriptionCancelledAt ?? null,
    cancelAtPeriodEnd: null
  }
}

function liveStatusMissing(error: unknown): null {
  if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
  return null
}

/** Provider metadata as scalars: nested values become JSON text, so the UI can list them as they are. */
function flatten(record: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [k, v] of Object.entries(record)) {
    const scalar = Scalar.safeParse(v)
    out[k] = scalar.success ? scalar.data : JSON.stringify(v)
  }
  return out
}

/** What the reference allows for the service as the detail shows it; "VPS only" actions need kind VPS. */
function aluyActionsFor(d: ProviderDetail): ServerActionName[] {
  const s = d.server
  const vps = s.kind === 'VPS'
  const provisioned = vps && d.metadata.externalId !== null && d.metadata.externalId !== undefined
  const out: ServerActionName[] = []
  if (provisioned && s.status === 'active') {
    out.push(...(s.power === 'running' ? (['shutdown', 'stop', 'restart'] as const) : s.power === 'stopped' ? (['start'] as const) : (['start', 'shutdown', 'stop', 'restart'] as const)))
  }
  out.push('rename')
  if (s.status !== 'terminated') out.push(d.subscriptionCancelledAt === null ? 'cancel' : 'resume')
  if (provisioned && s.status === 'active') out.push('suspend', 'reinstall', 'reset-password', 'upgrade')
  if (provisioned && s.status === 'suspended') out.push('unsuspend')
  if (vps && s.status === 'pending' && d.hasProvisionIssue) out.push('retry-provision')
  return out
}

// ---------------------------------------------------------------- actions

async function aluyAct(ctx: AccountContext, server: Server, input: ParsedServerActionInput): Promise<ActionOutcome> {
  const path = pathOf`/services/${server.id}`
  if (POWER_ACTIONS.has(input.action)) {
    await send(ctx, 'POST', `${path}/power`, { action: input.action })
    return { patch: { power: input.action === 'start' || input.action === 'restart' ? 'running' : 'stopped' } }
  }
  switch (input.action) {
    case 'rename':
      await send(ctx, 'PATCH', path, { label: input.params.label })
      return { patch: { label: input.params.label } }
    case 'cancel':
    case 'resume':
      await send(ctx, 'POST', `${path}/${input.action}`)
      return {}
    case 'suspend':
      await send(ctx, 'POST', `${path}/suspend`)
      return { patch: { status: 'suspended', statusText: 'SUSPENDED', power: 'stopped' } }
    case 'unsuspend':
      await send(ctx, 'POST', `${path}/unsuspend`)
      return { patch: { status: 'active', statusText: 'ACTIVE', power: 'running' } }
    case 'reinstall':
      return reinstall(ctx, path, input.params.templateId, input.params.hostname)
    case 'reset-password': {
      const body = parseBody(PasswordBody, await send(ctx, 'POST', `${path}/reset-password`), ctx.baseUrl, ctx.accountId)
      return { password: body.password }
    }
    case 'upgrade':
      await send(ctx, 'POST', `${path}/upgrade`, input.params)
      return { message: 'Upgrade ordered.' }
    case 'retry-provision': {
      const body = parseBody(RetryBody, await send(ctx, 'POST', `${path}/retry-provision`), ctx.baseUrl, ctx.accountId)
      const status = body.status ? (STATUS[body.status.toUpperCase()] ?? 'unknown') : 'pending'
      return { newId: body.serviceId, patch: { status, statusText: body.status ?? 'PENDING', provisionIssue: false } }
    }
    default:
      throw unsupported(input.action)
  }
}

async function reinstall(ctx: AccountContext, path: string, templateId: string, hostname: string | undefined): Promise<ActionOutcome> {
  const operatingSystemId = Number(templateId)
  if (!Number.isInteger(operatingSystemId)) throw new FlotillaError('validation', 'Choose an operating system from the list.')
  await send(ctx, 'POST', `${path}/reinstall`, { operatingSystemId, ...(hostname ? { hostname } : {}) })
  return { message: 'Reinstall started.', patch: { power: 'running' } }
}

export function unsupported(action: string): FlotillaError {
  return new FlotillaError('bad-request', `This provider does not offer "${action}" for this server.`)
}

// ---------------------------------------------------------------- facts

/**
 * aluy's list has no location; the detail's metadata.vmLocation has its id, and
 * /vm-config names the ids ("fi-hel" → "Helsinki, FI"). An id /vm-config no
 * longer offers is shown as it is.
 */
async function aluyFacts(ctx: AccountContext, servers: readonly Server[], onFound: (serverId: string, facts: ServerFacts) => void): Promise<void> {
  const names = await locationNames(ctx)
  for (const server of servers) {
    try {
      const id = (await getDetail(ctx, server.id, true)).metadata?.['vmLocation']
      if (typeof id === 'string' && id.trim() !== '') onFound(server.id, { location: names.get(id) ?? id })
    } catch (error) {
      if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
    }
  }
}

async function locationNames(ctx: AccountContext): Promise<Map<string, string>> {
  try {
    const config = await getJson(ctx, '/vm-config', VmConfigLocations, true)
    return new Map(config.custom.locations.map((l) => [l.id, l.label]))
  } catch (error) {
    if (error instanceof FlotillaError && (error.code === 'auth-expired' || error.code === 'cancelled')) throw error
    return new Map()
  }
}

// ---------------------------------------------------------------- templates, upgrade

async function aluyTemplates(ctx: AccountContext, server: Server): Promise<OsTemplate[]> {
  return (await getJson(ctx, pathOf`/services/${server.id}/templates`, TemplatesBody, true)).templates
}

async function aluyUpgradeQuote(ctx: AccountContext, server: Server): Promise<UpgradeQuote> {
  const [config, detail] = await Promise.all([
    getJson(ctx, '/vm-config', VmConfigBody, true),
    getDetail(ctx, server.id, true)
  ])
  const meta = detail.metadata ?? {}
  const num = (k: string): number | null => (typeof meta[k] === 'number' ? (meta[k] as number) : null)
  return {
    available: config.custom.available && detail.status.toUpperCase() === 'ACTIVE',
    current: { ramGb: num('ramGb'), cpuCores: num('cpuCores'), ssdGb: num('ssdGb') },
    limits: {
      maxRamGb: config.custom.limits.maxRamGb,
      maxCpuCores: config.custom.limits.maxCpuCores,
      maxSsdGb: config.custom.limits.maxSsdGb,
      maxExtraIpv4: config.extraIpv4?.max ?? 0
    },
    pricing: { ...config.custom.pricing, extraIpv4MonthlyCents: config.extraIpv4?.monthlyCents ?? 0 },
    currentMonthlyCents: toNumberOrNull(detail.monthlyPriceCents)
  }
}

// ---------------------------------------------------------------- HTTP

function getStatus(ctx: AccountContext, id: string, retry: boolean): Promise<StatusBody> {
  return getJson(ctx, pathOf`/services/${id}/status`, StatusBody, retry)
}

async function getDetail(ctx: AccountContext, id: string, retry: boolean): Promise<DetailService> {
  return (await getJson(ctx, pathOf`/services/${id}`, DetailBody, retry)).service
}

async function getJson<S extends z.ZodType>(ctx: AccountContext, path: string, schema: S, retry: boolean): Promise<z.output<S>> {
  const res = await aluyCall(ctx, { method: 'GET', path, retry })
  return parseBody(schema, res.data, `${aluyBase(ctx)}${path}`, ctx.accountId)
}

/** A state-changing call: one attempt, the API's words on failure. */
async function send(ctx: AccountContext, method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
  return (await aluyCall(ctx, { method, path, body, retry: false })).data
}
