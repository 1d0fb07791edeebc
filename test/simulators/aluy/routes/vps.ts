// Live VPS operations: status, power, console (VNC details), templates.
import { isRecord, readJson } from '../../core/body'
import { secretToken } from '../../core/random'
import { json } from '../../core/reply'
import type { SimOptions } from '../../core/types'
import { TEMPLATES } from '../model'
import { fail, type AluyRouter } from '../context'
import { provisionedVps, withService } from './services'

const POWER_ACTIONS = ['start', 'shutdown', 'stop', 'restart'] as const

export function registerVpsRoutes(router: AluyRouter): void {
  router.get('/services/:id/status', provisionedVps(({ service }) => {
    if (service.status === 'TERMINATED') return fail(502, 'Could not retrieve server status.')
    return json(200, {
      serviceId: service.id,
      externalId: service.externalId,
      state: service.power,
      hostname: service.hostname,
      name: `vps-${service.externalId}`,
      cpuCores: service.metadata.cpuCores,
      memoryMb: service.metadata.ramGb * 1024,
      storageGb: service.metadata.ssdGb ?? (service.metadata.hddTb ?? 0) * 1000,
      trafficGb: service.trafficGb,
      ipAddresses: [
        ...(service.ipv4 ? [{ address: service.ipv4, type: 'ipv4' }] : []),
        ...(service.ipv6 ? [{ address: service.ipv6, type: 'ipv6' }] : [])
      ]
    })
  }))

  router.post('/services/:id/power', provisionedVps(async ({ req, service }) => {
    const body = await readJson(req)
    const action = body.ok && isRecord(body.value) ? body.value.action : undefined
    if (typeof action !== 'string' || !(POWER_ACTIONS as readonly string[]).includes(action)) {
      return fail(400, 'Invalid action. Use: start | shutdown | stop | restart')
    }
    if (service.status === 'SUSPENDED') return fail(409, 'Service is suspended')
    if (service.status === 'TERMINATED') return fail(409, 'Service is terminated')
    service.power = action === 'start' || action === 'restart' ? 'running' : 'stopped'
    return json(200, { ok: true, action, serviceId: service.id })
  }))

  // A fresh token (and VNC password) per GET, as the panel issues one per session.
  router.get('/services/:id/console', provisionedVps(({ service, options }) => {
    const token = secretToken(24)
    const wssUrl = service.consoleEnabled ? options.consoleWssUrl?.(service.id, 'aluy') ?? `wss://127.0.0.1:1/vnc/?token=${token}` : null
    return json(200, {
      serviceId: service.id,
      console: { ip: '10.0.4.2', port: 5900 + (Number(service.externalId) % 100), password: consolePassword(options, service.id), wssUrl, enabled: service.consoleEnabled }
    })
  }))

  router.post('/services/:id/console', provisionedVps(async ({ req, service }) => {
    const body = await readJson(req)
    const action = body.ok && isRecord(body.value) ? body.value.action : undefined
    if (action !== 'enable' && action !== 'disable') return fail(400, 'Invalid action. Use: enable | disable')
    service.consoleEnabled = action === 'enable'
    return json(200, { ok: true, action, serviceId: service.id })
  }))

  // Works before provisioning too: used to pick an OS before ordering.
  router.get('/services/:id/templates', withService(() => json(200, { templates: TEMPLATES })))
}

/** The ticket's password: the test's choice (null = none, the VNC server then asks), else a fresh random one. */
function consolePassword(options: SimOptions, serviceId: string): string | null {
  return options.consolePassword ? options.consolePassword(serviceId, 'aluy') : secretToken(9)
}
