// Per-service extras the fleet's detail view uses: reinstall templates and
// reinstall, subscription cancel / reactivate (at period end), Proxmox RRD-style
// metrics and the billing period's bandwidth. The public reference names these
// endpoints without bodies; these shapes are the agreed ones.
import { createHash } from 'node:crypto'
import { asRecord, readJson } from '../../core/body'
import type { ElizonService } from '../model'
import { fail, invalid, ok, withService, type ElizonRouter } from '../context'
import { liveStatus } from './services'

export const ELIZON_TEMPLATES = [
  { id: 'debian-12', name: 'Debian 12' },
  { id: 'ubuntu-24.04', name: 'Ubuntu 24.04 LTS' },
  { id: 'alma-9', name: 'AlmaLinux 9' }
] as const

const TIMEFRAMES: Record<string, { points: number; stepSec: number }> = {
  hour: { points: 60, stepSec: 60 },
  day: { points: 96, stepSec: 900 },
  week: { points: 84, stepSec: 7200 },
  month: { points: 90, stepSec: 28_800 }
}

export function registerServiceExtraRoutes(router: ElizonRouter): void {
  router.get('/services/:id/templates', withService('view', () => ok({ templates: ELIZON_TEMPLATES })))

  router.post('/services/:id/reinstall', withService('settings', async ({ req, service }) => {
    const body = asRecord(((await readJson(req)) as { value?: unknown }).value)
    const templateId = body.templateId
    if (typeof templateId !== 'string' || !ELIZON_TEMPLATES.some((t) => t.id === templateId)) {
      return invalid('templateId must be one of the templates of this service')
    }
    if (service.status !== 'RUNNING' && service.status !== 'STOPPED') {
      return fail(400, `Reinstall is not possible while the service is ${service.status}`, { errorKey: 'INVALID_STATE' })
    }
    service.status = 'RUNNING'
    service.startedAtMs = Date.now()
    return ok({ message: 'Reinstall started' })
  }))

  router.post('/services/:id/subscription/cancel', withService('settings', async ({ req, service }) => {
    const immediate = asRecord(((await readJson(req)) as { value?: unknown }).value).immediate === true
    if (service.status === 'CANCELLED' || service.status === 'TERMINATED') return fail(400, 'Service is already cancelled')
    if (immediate) {
      service.status = 'CANCELLED'
      service.startedAtMs = null
      return ok({ message: 'Service cancelled' })
    }
    if (service.cancelAtPeriodEnd) return fail(400, 'Subscription is already set to cancel at period end')
    service.cancelAtPeriodEnd = true
    return ok({ message: 'Subscription will be cancelled at the end of the period', cancelAt: service.expiresAt })
  }))

  router.post('/services/:id/subscription/reactivate', withService('settings', ({ service }) => {
    if (!service.cancelAtPeriodEnd || service.status === 'CANCELLED') return fail(400, 'There is no pending cancellation to undo')
    service.cancelAtPeriodEnd = false
    return ok({ message: 'Subscription reactivated' })
  }))

  // The reference: /traffic "Supports ?timeframe=hour|day|week|month"; /metrics takes no timeframe.
  router.get('/services/:id/traffic', withService('view', ({ url, service }) => {
    const timeframe = url.searchParams.get('timeframe') ?? 'hour'
    const frame = TIMEFRAMES[timeframe]
    if (!frame) return invalid('timeframe must be one of: hour, day, week, month')
    if (service.type !== 'PROXMOX') return fail(400, 'Traffic data is only available for KVM servers')
    return ok({ traffic: { timeframe, points: rrdPoints(service, frame.points, frame.stepSec) } })
  }))

  router.get('/services/:id/metrics', withService('view', ({ url, service }) => {
    if (url.searchParams.has('timeframe')) return invalid('timeframe is a parameter of /traffic, not /metrics')
    return ok({ metrics: liveStatus(service) })
  }))

  // The reference: "subscription details (billing cycle, period dates, cancel status, extension eligibility)".
  router.get('/services/:id/subscription', withService('view', ({ service }) => ok({ subscription: subscriptionOf(service) })))

  router.get('/services/:id/bandwidth-usage', withService('view', ({ service }) => {
    const h = seedOf(service)
    const inBytes = (h % 900) * 1_000_000_000
    const outBytes = (h % 400) * 1_000_000_000
    return ok({
      usage: { inBytes, outBytes, totalBytes: inBytes + outBytes, limitBytes: 10_000_000_000_000, periodStart: service.createdAt, periodEnd: service.expiresAt }
    })
  }))
}

function subscriptionOf(s: ElizonService): Record<string, unknown> {
  return {
    billingCycleDays: s.price.cycleDays,
    currentPeriodEnd: s.expiresAt,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelledAt: s.status === 'CANCELLED' ? s.expiresAt : null,
    canExtend: s.status === 'RUNNING' || s.status === 'STOPPED'
  }
}

function seedOf(s: ElizonService): number {
  return createHash('sha1').update(s.id).digest().readUInt32BE(0)
}

/** Proxmox RRD rows: time in epoch seconds, cpu as a 0–1 fraction, memory in bytes, net/disk in bytes per second. */
function rrdPoints(s: ElizonService, count: number, stepSec: number): Record<string, number>[] {
  const h = seedOf(s)
  const now = Math.floor(Date.now() / 1000 / stepSec) * stepSec
  const running = s.status === 'RUNNING'
  const maxmem = s.resources.ramMb * 1024 * 1024
  return Array.from({ length: count }, (_, i) => {
    const wave = (Math.sin((i + (h % 17)) / 5) + 1) / 2
    return {
      time: now - (count - 1 - i) * stepSec,
      cpu: running ? Math.round((0.05 + wave * 0.5) * 1000) / 1000 : 0,
      mem: running ? Math.floor(maxmem * (0.3 + wave * 0.4)) : 0,
      maxmem,
      netin: running ? Math.floor(20_000 + wave * 200_000) : 0,
      netout: running ? Math.floor(5_000 + wave * 80_000) : 0,
      diskread: running ? Math.floor(wave * 1_000_000) : 0,
      diskwrite: running ? Math.floor(wave * 400_000) : 0
    }
  })
}
