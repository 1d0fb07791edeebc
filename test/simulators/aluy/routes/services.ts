// The service lifecycle: list (quota + hourly summary), detail, PATCH label,
// cancel/resume, suspend/unsuspend, reset-password, retry-provision, upgrade, reinstall.
import { asRecord, isRecord, readJson, trimmedString } from '../../core/body'
import { filterIf, isoAt, pageSlice } from '../../core/paging'
import { secretToken } from '../../core/random'
import { json, type Reply } from '../../core/reply'
import { SERVICE_KINDS, SERVICE_STATUSES, TEMPLATES, isLiveVps, type AluyAccount, type AluyService } from '../model'
import { enumParam, fail, isReply, pageParams, type AluyCtx, type AluyHandler, type AluyRouter } from '../context'
import { priceOf } from '../seed'

export function registerServiceRoutes(router: AluyRouter): void {
  router.get('/services', listServices)
  router.get('/services/:id', withService(({ service }) => json(200, { service: serviceDetail(service) })))
  router.patch('/services/:id', withService(renameService))
  router.post('/services/:id/cancel', withService(({ service }) => {
    if (service.status === 'TERMINATED') return fail(400, 'Service is already terminated')
    service.subscriptionCancelledAt = isoAt(Date.now())
    const { id, label, status, subscriptionCancelledAt } = service
    return json(200, { service: { id, label, status, subscriptionCancelledAt } })
  }))
  router.post('/services/:id/resume', vpsOnly(({ service }) => {
    if (service.subscriptionCancelledAt === null) return fail(400, 'Service is not cancelled')
    service.subscriptionCancelledAt = null
    return json(200, { ok: true })
  }))
  router.post('/services/:id/suspend', provisionedVps(({ service }) => {
    if (service.status === 'TERMINATED') return fail(409, 'Service is terminated')
    service.status = 'SUSPENDED'
    service.power = 'stopped'
    return json(200, { ok: true, serviceId: service.id })
  }))
  router.post('/services/:id/unsuspend', provisionedVps(({ service }) => {
    if (service.status === 'TERMINATED') return fail(409, 'Service is terminated')
    service.status = 'ACTIVE'
    service.power = 'running'
    return json(200, { ok: true, serviceId: service.id })
  }))
  router.post('/services/:id/reset-password', provisionedVps(({ service }) => {
    service.lastResetPassword = secretToken(15)
    return json(200, { ok: true, password: service.lastResetPassword })
  }))
  router.post('/services/:id/retry-provision', withService(retryProvision))
  router.post('/services/:id/upgrade', vpsOnly(upgradeService))
  router.post('/services/:id/reinstall', provisionedVps(async ({ req, service }) => {
    const body = await readJson(req)
    const osId = body.ok && isRecord(body.value) ? body.value.operatingSystemId : undefined
    if (typeof osId !== 'number') return fail(400, 'operatingSystemId is required')
    if (!TEMPLATES.some((t) => t.id === osId)) return fail(502, 'Upstream provider error')
    const hostname = body.ok && isRecord(body.value) ? trimmedString(body.value.hostname) : null
    if (hostname) service.hostname = hostname
    service.lastReinstallTemplateId = osId
    service.power = 'running'
    return json(200, { ok: true, serviceId: service.id })
  }))
}

export type ServiceHandler = (ctx: AluyCtx & { service: AluyService }) => Reply | Promise<Reply>

/** Resolves `:id` to one of the account's services, or answers 404. */
export function withService(handler: ServiceHandler): AluyHandler {
  return (ctx) => {
    const service = ctx.state.findService(ctx.account.sim.id, ctx.params.id ?? '')
    return service ? handler({ ...ctx, service }) : fail(404, 'Service not found')
  }
}

export function vpsOnly(handler: ServiceHandler): AluyHandler {
  return withService((ctx) => (ctx.service.kind === 'VPS' ? handler(ctx) : fail(400, 'This action is only available for VPS services')))
}

/** Live operations need a hypervisor id: PENDING (unprovisioned) services get 409. */
export function provisionedVps(handler: ServiceHandler): AluyHandler {
  return vpsOnly((ctx) => (ctx.service.externalId === null ? fail(409, 'Service not yet provisioned') : handler(ctx)))
}

function listServices({ url, account }: AluyCtx): Reply {
  const page = pageParams(url)
  if (isReply(page)) return page
  const kind = enumParam(url, 'kind', SERVICE_KINDS, 'kind')
  if (isReply(kind)) return kind
  const status = enumParam(url, 'status', SERVICE_STATUSES, 'status')
  if (isReply(status)) return status
  const predicate = kind || status ? (s: AluyService) => (!kind || s.kind === kind) && (!status || s.status === status) : null
  const services = filterIf(account.services, predicate)
  return json(200, {
    services: pageSlice(services, page.offset, page.limit).map(serviceSummary),
    total: services.length,
    limit: page.limit,
    offset: page.offset,
    ...summaries(account)
  })
}

/** quota + hourly: one pass over the account's services (cheap even at 10,000). */
function summaries(account: AluyAccount): Record<string, unknown> {
  let used = 0
  let totalHourlyRateCents = 0
  let activeHourlyServices = 0
  let pendingInvoiceCents = 0
  for (const s of account.services) {
    if (isLiveVps(s)) used++
    if (s.subscriptionBillingPeriod === 'HOURLY' && s.status === 'ACTIVE') {
      activeHourlyServices++
      if (s.power === 'running') totalHourlyRateCents += s.hourlyRateCents
    }
    pendingInvoiceCents += s.pendingInvoiceCents
  }
  const prepaid = account.billingMode === 'PREPAID'
  return {
    quota: { vps: { used, limit: prepaid ? null : account.vpsLimit }, billingMode: account.billingMode },
    hourly: {
      billingMode: account.billingMode,
      balanceCents: account.balanceCents,
      totalHourlyRateCents,
      hoursRemaining: prepaid && totalHourlyRateCents > 0 ? Math.floor(account.balanceCents / totalHourlyRateCents) : null,
      activeHourlyServices,
      pendingInvoiceCents
    }
  }
}

function serviceSummary(s: AluyService): Record<string, unknown> {
  return {
    id: s.id,
    kind: s.kind,
    status: s.status,
    label: s.label,
    externalId: s.externalId,
    createdAt: s.createdAt,
    nextDueAt: s.nextDueAt,
    subscriptionBillingPeriod: s.subscriptionBillingPeriod,
    subscriptionCancelledAt: s.subscriptionCancelledAt,
    hourlyRateCents: s.hourlyRateCents,
    lastBilledAt: s.lastBilledAt,
    billedHourlyCents: s.billedHourlyCents,
    pendingInvoiceCents: s.pendingInvoiceCents,
    pendingInvoiceSeconds: s.pendingInvoiceSeconds,
    pendingInvoiceSince: s.pendingInvoiceSince
  }
}

function serviceDetail(s: AluyService): Record<string, unknown> {
  const { orderId: _orderId, ...metadata } = s.metadata
  return {
    ...serviceSummary(s),
    metadata,
    billedRunningSeconds: s.billedRunningSeconds,
    hasProvisionIssue: s.provisionIssue
  }
}

async function renameService({ req, service }: AluyCtx & { service: AluyService }): Promise<Reply> {
  const body = await readJson(req)
  const label = body.ok ? trimmedString(asRecord(body.value).label) : null
  if (!label || label.length > 200) return fail(400, 'No valid fields to update')
  service.label = label
  return json(200, { service: { id: service.id, label: service.label, kind: service.kind, status: service.status } })
}

/** Deletes the failed row and provisions a fresh one from the same order: the id changes. */
function retryProvision({ account, state, service }: AluyCtx & { service: AluyService }): Reply {
  if (service.status !== 'PENDING') return fail(400, 'Only pending services can be retried')
  if (!service.metadata.orderId) return fail(400, 'Cannot retry — missing order information')
  if (!service.provisionIssue) return fail(409, 'Service is still being set up — please wait')
  state.removeService(account, service)
  const fresh = state.addService(
    account,
    {
      kind: 'VPS',
      status: 'PENDING',
      label: service.label,
      period: service.subscriptionBillingPeriod,
      spec: service.metadata,
      monthlyPriceCents: service.monthlyPriceCents,
      createdAtMs: Date.now(),
      orderId: service.metadata.orderId
    },
    true
  )
  state.provision(fresh)
  return json(200, { ok: true, serviceId: fresh.id, status: fresh.status })
}

async function upgradeService({ req, account, state, service }: AluyCtx & { service: AluyService }): Promise<Reply> {
  const body = await readJson(req)
  const input = asRecord(body.ok ? body.value : undefined)
  const fields = ['ramGb', 'cpuCores', 'ssdGb'] as const
  const resources = fields.filter((f) => input[f] !== undefined)
  if (resources.length === 0 && input.extraIpv4 === undefined) {
    return fail(400, 'At least one upgrade field is required (ramGb, cpuCores, ssdGb, extraIpv4)')
  }
  if (service.status !== 'ACTIVE') return fail(409, 'Service must be active to upgrade')
  const next = { ...service.metadata }
  for (const field of resources) {
    const value = input[field]
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= (service.metadata[field] ?? 0)) return fail(400, 'Upgrade not available')
    next[field] = value
  }
  const extra = input.extraIpv4
  if (extra !== undefined && (typeof extra !== 'number' || !Number.isInteger(extra) || extra < 1 || extra > 4)) return fail(400, 'Extra IP order failed')
  const out: Record<string, unknown> = { ok: true }
  const now = Date.now()
  if (resources.length > 0) {
    const delta = priceOf(next) - priceOf(service.metadata)
    service.metadata = next
    service.monthlyPriceCents += delta
    if (service.subscriptionBillingPeriod === 'HOURLY') service.hourlyRateCents = Math.max(1, Math.round(service.monthlyPriceCents / 730))
    out.upgradeOrderId = state.addOrder(account, { status: 'PAID', label: `${service.label} upgrade`, period: 'monthly', monthlyPriceCents: Math.max(0, delta), discountCents: 0, spec: next, createdAtMs: now }).id
  }
  if (typeof extra === 'number') {
    out.extraIpOrderId = state.addOrder(account, { status: 'PAID', label: `${service.label} extra IPv4 x${extra}`, period: 'monthly', monthlyPriceCents: extra * 100, discountCents: 0, spec: service.metadata, createdAtMs: now }).id
  }
  return json(200, out)
}
