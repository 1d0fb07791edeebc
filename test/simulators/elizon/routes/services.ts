// Services: GET /services (page-style), GET/PATCH/DELETE /services/:id,
// POST /services/:id/action, GET /services/:id/status, POST /services/status-batch.
import { createHash } from 'node:crypto'
import { asRecord, isRecord, readJson } from '../../core/body'
import { json, type Reply } from '../../core/reply'
import { ACTIONS, type ElizonService, type ElizonServiceStatus, type Permission, type ServiceAction } from '../model'
import { referenceList } from '../reference'
import { statusWord, variantLive, variantOn, variantPagination, variantService } from '../variant'
import { allows, fail, forbidden, invalid, isReply, ok, pageQuery, pagePayload, withService, type ElizonCtx, type ElizonRouter } from '../context'

const BATCH_MAX = 50

const ACTION_PERMISSION: Record<ServiceAction, Permission> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  reset: 'restart',
  suspend: 'settings',
  resume: 'settings'
}

/** Which statuses each action may start from, and where it leads. */
const TRANSITIONS: Record<ServiceAction, { from: readonly ElizonServiceStatus[]; to: ElizonServiceStatus; message: string }> = {
  start: { from: ['STOPPED', 'RUNNING'], to: 'RUNNING', message: 'Service started' },
  stop: { from: ['RUNNING', 'STOPPED'], to: 'STOPPED', message: 'Service stopped' },
  restart: { from: ['RUNNING', 'STOPPED'], to: 'RUNNING', message: 'Service restarted' },
  reset: { from: ['RUNNING', 'STOPPED'], to: 'RUNNING', message: 'Service reset' },
  suspend: { from: ['RUNNING', 'STOPPED'], to: 'SUSPENDED', message: 'Service suspended' },
  resume: { from: ['SUSPENDED'], to: 'RUNNING', message: 'Service resumed' }
}

export function registerServiceRoutes(router: ElizonRouter): void {
  router.get('/services', ({ url, account, options }) => {
    const q = pageQuery(url)
    if (isReply(q)) return q
    const variant = variantOn(options)
    const { slice, pagination } = pagePayload(account.services, q.page, q.limit)
    const body = referenceList('/services', slice.map((s) => listedService(s, variant)), pagination)
    return json(200, variant ? { ...body, pagination: variantPagination(pagination) } : body)
  })

  router.post('/services/status-batch', statusBatch)

  router.get('/services/:id', withService('view', ({ service, options }) => ok({ service: { ...listedService(service, variantOn(options)), notes: service.notes } })))

  router.patch('/services/:id', withService('settings', async ({ req, service }) => {
    const body = await readJson(req)
    if (!body.ok || !isRecord(body.value)) return invalid('Body must be a JSON object')
    const { name, notes } = body.value
    const errors: string[] = []
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.trim().length > 100)) errors.push('name must be 1-100 characters')
    if (notes !== undefined && (typeof notes !== 'string' || notes.length > 5000)) errors.push('notes must be at most 5000 characters')
    if (name === undefined && notes === undefined) errors.push('Nothing to update (name, notes)')
    if (errors.length) return invalid(...errors)
    if (typeof name === 'string') service.name = name.trim()
    if (typeof notes === 'string') service.notes = notes
    return ok({ service: { ...publicService(service), notes: service.notes } })
  }))

  router.delete('/services/:id', withService('delete', ({ service }) => {
    if (service.status === 'TERMINATED' || service.status === 'CANCELLED') return fail(400, 'Service is already cancelled')
    service.cancelAtPeriodEnd = true
    return ok({ message: 'Service will be cancelled at the end of the billing period' })
  }))

  router.post('/services/:id/action', withService(null, runAction))

  router.get('/services/:id/status', withService('view', ({ service, options }) => ok({ status: liveEntry(service, variantOn(options)) })))
}

async function runAction(ctx: ElizonCtx & { service: ElizonService }): Promise<Reply> {
  const body = await readJson(ctx.req)
  const action = body.ok ? asRecord(body.value).action : undefined
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    return invalid(`action must be one of: ${ACTIONS.join(', ')}`)
  }
  const act = action as ServiceAction
  if (!allows(ctx.account, ACTION_PERMISSION[act])) return forbidden()
  const rule = TRANSITIONS[act]
  if (!rule.from.includes(ctx.service.status)) {
    return fail(400, `Action "${act}" is not possible while the service is ${ctx.service.status}`, { errorKey: 'INVALID_STATE' })
  }
  const wasRunning = ctx.service.status === 'RUNNING'
  ctx.service.status = rule.to
  if (rule.to !== 'RUNNING') ctx.service.startedAtMs = null
  else if (!wasRunning || act === 'restart' || act === 'reset') ctx.service.startedAtMs = Date.now()
  return ok({ message: rule.message })
}

async function statusBatch({ req, account, state, options }: ElizonCtx): Promise<Reply> {
  const body = await readJson(req)
  const ids = body.ok ? asRecord(body.value).serviceIds : undefined
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return invalid('serviceIds must be an array of strings')
  if (ids.length > BATCH_MAX) return invalid(`serviceIds may contain at most ${BATCH_MAX} ids`)
  if (!allows(account, 'view')) return forbidden()
  const statuses: Record<string, Record<string, unknown>> = {}
  // Ids the key may not see are left out rather than failing the batch.
  for (const id of ids as string[]) {
    const service = state.findService(account.sim.id, id)
    if (service) statuses[id] = liveEntry(service, variantOn(options))
  }
  return json(200, { success: true, statuses })
}

/** A service as the list and the detail send it: the reference's `status` word, and in variant mode every assumption flipped. */
function listedService(s: ElizonService, variant: boolean): Record<string, unknown> {
  const base = { ...publicService(s), status: statusWord(s.status, variant) }
  return variant ? variantService(base) : base
}

/** One live-status entry (the reference shows none: `state` is our assumption E1, flipped in variant mode). */
function liveEntry(s: ElizonService, variant: boolean): Record<string, unknown> {
  const live = liveStatus(s)
  return variant ? variantLive(live, s.id, statusWord(s.status, true)) : live
}

export function publicService(s: ElizonService): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    type: s.type,
    product: s.product,
    location: s.location,
    ip: s.ip,
    ipv6: s.ipv6,
    resources: s.resources,
    price: s.price,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt
  }
}

/** Plausible live numbers: stable per service, moving with uptime. */
export function liveStatus(s: ElizonService): {
  state: 'running' | 'stopped' | 'starting' | 'stopping'
  cpuPercent: number
  ramUsedMb: number
  ramTotalMb: number
  diskUsedGb: number
  netInBytes: number
  netOutBytes: number
  uptimeSec: number
} {
  const h = createHash('sha1').update(s.id).digest().readUInt32BE(0)
  const running = s.status === 'RUNNING'
  const uptimeSec = running && s.startedAtMs !== null ? Math.max(0, Math.floor((Date.now() - s.startedAtMs) / 1000)) : 0
  return {
    state: running ? 'running' : s.status === 'INSTALLING' ? 'starting' : 'stopped',
    cpuPercent: running ? Math.round((2 + (h % 6000) / 100) * 10) / 10 : 0,
    ramUsedMb: running ? Math.floor(s.resources.ramMb * (0.25 + (h % 50) / 100)) : 0,
    ramTotalMb: s.resources.ramMb,
    diskUsedGb: Math.floor(s.resources.diskGb * (0.2 + (h % 60) / 100)),
    netInBytes: uptimeSec * (1000 + (h % 5000)),
    netOutBytes: uptimeSec * (400 + (h % 3000)),
    uptimeSec
  }
}
