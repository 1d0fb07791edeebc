// Firewall rules per service (Proxmox VPSes only): list under `view`; create,
// update and delete under `settings`. The public reference names these endpoints
// without bodies; these shapes are the ones elizon-firewall.ts assumes: Proxmox
// field names (`type`, `action`, `proto`, `dport`, `source`, `comment`,
// `enable` 0/1) and a numeric id that is never reused. A PATCH takes only those
// fields ("fields are allowlisted"); any other is a 400. An invalid rule is a 400
// with elizon's `{ success: false, error, validationErrors }`. Seeded: a few rules
// on about half of the KVM servers, chosen by a hash of the id so the seeded RNG
// stays untouched.
import { createHash } from 'node:crypto'
import { isIP } from 'node:net'
import { isRecord, readJson } from '../../core/body'
import { fail, notFound, ok, withService, type ElizonRouter } from '../context'
import type { ElizonFirewallRule, ElizonService } from '../model'
import type { ElizonState } from '../state'

const FIELDS = ['type', 'action', 'proto', 'dport', 'source', 'comment', 'enable'] as const

export function registerFirewallRoutes(router: ElizonRouter): void {
  router.get('/services/:id/firewall', withService('view', ({ state, service }) => {
    const refused = refuseGameServer(service)
    if (refused) return refused
    return ok({ rules: firewallOf(state, service).map(view) })
  }))

  router.post('/services/:id/firewall', withService('settings', async ({ req, state, service }) => {
    const refused = refuseGameServer(service)
    if (refused) return refused
    const body = await readJson(req)
    if (!body.ok || !isRecord(body.value)) return fail(400, 'Request body must be a JSON object')
    const unknown = unknownFields(body.value)
    if (unknown) return unknown
    const rule = { id: state.nextFirewallRuleId++, enable: 1, ...body.value } as Record<string, unknown>
    const problems = ruleProblems(rule)
    if (problems.length > 0) return invalidRule(problems)
    const created = normalise(rule)
    firewallOf(state, service).push(created)
    return ok({ message: 'Firewall rule created', rule: view(created) }, 201)
  }))

  router.patch('/services/:id/firewall/:ruleId', withService('settings', async ({ req, params, state, service }) => {
    const rules = firewallOf(state, service)
    const index = rules.findIndex((r) => String(r.id) === params.ruleId)
    if (index < 0) return notFound()
    const body = await readJson(req)
    if (!body.ok || !isRecord(body.value)) return fail(400, 'Request body must be a JSON object')
    const unknown = unknownFields(body.value)
    if (unknown) return unknown
    if (Object.keys(body.value).length === 0) return fail(400, 'No fields to update')
    const merged: Record<string, unknown> = { ...rules[index]!, ...body.value }
    const problems = ruleProblems(merged)
    if (problems.length > 0) return invalidRule(problems)
    rules[index] = normalise(merged)
    return ok({ message: 'Firewall rule updated', rule: view(rules[index]!) })
  }))

  router.delete('/services/:id/firewall/:ruleId', withService('settings', ({ params, state, service }) => {
    const rules = firewallOf(state, service)
    const index = rules.findIndex((r) => String(r.id) === params.ruleId)
    if (index < 0) return notFound()
    rules.splice(index, 1)
    return ok({ message: 'Firewall rule deleted' })
  }))
}

/** The service's rules, seeded on first use. */
export function firewallOf(state: ElizonState, service: ElizonService): ElizonFirewallRule[] {
  let list = state.firewallRules.get(service.id)
  if (!list) {
    list = seedRules(state, service)
    state.firewallRules.set(service.id, list)
  }
  return list
}

function refuseGameServer(service: ElizonService) {
  return service.type === 'PROXMOX' ? null : fail(400, 'Firewall rules are only available for virtual servers')
}

function unknownFields(body: Record<string, unknown>) {
  const extra = Object.keys(body).filter((k) => !(FIELDS as readonly string[]).includes(k))
  return extra.length > 0 ? fail(400, `Field "${extra[0]}" cannot be set on a firewall rule`, { errorKey: 'FIELD_NOT_ALLOWED' }) : null
}

function invalidRule(problems: string[]) {
  return fail(400, `Invalid firewall rule: ${problems.join('; ')}`, { validationErrors: problems })
}

/** What the API refuses in a rule (create: all of it; update: the rule as it would be after the change). */
function ruleProblems(r: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (r.type !== 'in' && r.type !== 'out') problems.push('type must be "in" or "out"')
  if (r.action !== 'ACCEPT' && r.action !== 'DROP' && r.action !== 'REJECT') problems.push('action must be ACCEPT, DROP or REJECT')
  const proto = r.proto ?? ''
  if (!['', 'tcp', 'udp', 'icmp'].includes(proto as string)) problems.push('proto must be tcp, udp or icmp')
  if (r.dport !== undefined && r.dport !== '') {
    if (typeof r.dport !== 'string' || !portSpec(r.dport)) problems.push('dport must be a port or range between 1 and 65535')
    else if (proto !== 'tcp' && proto !== 'udp') problems.push('dport requires proto tcp or udp')
  }
  if (r.source !== undefined && r.source !== '' && (typeof r.source !== 'string' || !ipOrCidr(r.source))) problems.push('source must be an IP address or CIDR')
  if (r.comment !== undefined && (typeof r.comment !== 'string' || r.comment.length > 200)) problems.push('comment must be at most 200 characters')
  if (![0, 1, true, false].includes(r.enable as number)) problems.push('enable must be 0 or 1')
  return problems
}

function portSpec(v: string): boolean {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(v)
  if (!m) return false
  const low = Number(m[1])
  const high = Number(m[2] ?? m[1])
  return low >= 1 && high <= 65535 && low <= high
}

function ipOrCidr(v: string): boolean {
  const [address, prefix, ...rest] = v.split('/')
  if (rest.length > 0 || address === undefined) return false
  const family = isIP(address)
  if (family === 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

function normalise(r: Record<string, unknown>): ElizonFirewallRule {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  return {
    id: r.id as number,
    type: r.type as ElizonFirewallRule['type'],
    action: r.action as ElizonFirewallRule['action'],
    proto: text(r.proto),
    dport: text(r.dport),
    source: text(r.source),
    comment: text(r.comment),
    enable: r.enable === 1 || r.enable === true ? 1 : 0
  }
}

/** As Proxmox lists them: absent optional fields are left out. */
function view(r: ElizonFirewallRule): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, type: r.type, action: r.action, enable: r.enable }
  if (r.proto !== undefined) out.proto = r.proto
  if (r.dport !== undefined) out.dport = r.dport
  if (r.source !== undefined) out.source = r.source
  if (r.comment !== undefined) out.comment = r.comment
  return out
}

function seedRules(state: ElizonState, service: ElizonService): ElizonFirewallRule[] {
  const h = createHash('sha1').update(`firewall:${service.id}`).digest()
  if (service.type !== 'PROXMOX' || h.readUInt8(0) % 2 === 0) return []
  const rule = (r: Omit<ElizonFirewallRule, 'id'>): ElizonFirewallRule => ({ id: state.nextFirewallRuleId++, ...r })
  return [
    rule({ type: 'in', action: 'ACCEPT', proto: 'tcp', dport: '22', source: undefined, comment: 'ssh', enable: 1 }),
    rule({ type: 'in', action: 'ACCEPT', proto: 'tcp', dport: '80:443', source: undefined, comment: 'web', enable: 1 }),
    rule({ type: 'in', action: 'DROP', proto: undefined, dport: undefined, source: `203.0.113.${h.readUInt8(1)}/32`, comment: undefined, enable: 0 })
  ]
}
