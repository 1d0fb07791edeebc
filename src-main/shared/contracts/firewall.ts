// Firewall rules of one server (elizon VPSes; aluy's API has none): list,
// create, update (e.g. enable / disable) and delete. Each change runs once, never
// retried, and is recorded in the activity log. The rule fields are checked here,
// before anything is sent, so the renderer can show the same problems inline.
// Compiled for main and renderer: zod and the shared domain only.
import { z } from 'zod'
import type { Server } from '../domain'
import { ServerKey } from './fleet'
import { FirewallRuleId } from './ids'

export const FIREWALL_DIRECTIONS = ['in', 'out'] as const
export const FIREWALL_ACTIONS = ['ACCEPT', 'DROP', 'REJECT'] as const
export const FIREWALL_PROTOCOLS = ['tcp', 'udp', 'icmp'] as const
export type FirewallDirection = (typeof FIREWALL_DIRECTIONS)[number]
export type FirewallAction = (typeof FIREWALL_ACTIONS)[number]
export type FirewallProtocol = (typeof FIREWALL_PROTOCOLS)[number]

/** One rule as the provider reported it; the words are kept as given (normalised case) so an unusual one still shows. */
export const FirewallRule = z.object({
  id: z.string(),
  /** "in" | "out" as a rule; another word (e.g. a Proxmox "group") is shown as it came; null when not said. */
  direction: z.string().nullable(),
  /** ACCEPT | DROP | REJECT, upper-cased; another word as it came; null when not said. */
  action: z.string().nullable(),
  /** null: any protocol. */
  protocol: z.string().nullable(),
  /** Destination port or range ("22", "8000:8100"); null: any port. */
  port: z.string().nullable(),
  /** Source address or CIDR; null: anywhere. */
  source: z.string().nullable(),
  comment: z.string().nullable(),
  enabled: z.boolean()
})
export type FirewallRule = z.infer<typeof FirewallRule>

export const FirewallList = z.object({ rules: z.array(FirewallRule), fetchedAt: z.string() })
export type FirewallList = z.infer<typeof FirewallList>

/** What create / update / delete answer: the provider's message, and the rule where it said. */
export const FirewallOutcome = z.object({ message: z.string().nullable(), rule: FirewallRule.nullable() })
export type FirewallOutcome = z.infer<typeof FirewallOutcome>

/** The words of each input problem; the renderer maps them to its own sentences (see `firewallProblem`). */
export const FIREWALL_PROBLEMS = {
  port: 'not a port or port range between 1 and 65535',
  portNeedsProtocol: 'a port needs the protocol tcp or udp',
  source: 'not an IP address or CIDR range',
  comment: 'comment is longer than 200 characters',
  noChange: 'nothing to change',
  /** Anything else (a direction or action outside the lists, which the form's choices rule out). */
  invalid: 'not an allowed value'
} as const
export type FirewallProblem = keyof typeof FIREWALL_PROBLEMS

/** A rule id as the provider gave it; it travels in a URL path, so it has the strict shape of ids.ts. */
export { FirewallRuleId }

const PORT = '([1-9]\\d{0,4})'
const PORT_SPEC = new RegExp(`^${PORT}(:${PORT})?$`)

/** "22" or "8000:8100": each 1–65535, a range low to high. */
export function validPortSpec(value: string): boolean {
  const m = PORT_SPEC.exec(value)
  if (!m) return false
  const low = Number(m[1])
  const high = m[3] === undefined ? low : Number(m[3])
  return low <= 65535 && high <= 65535 && low <= high
}

const ipOrCidr = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])
/** An IPv4 / IPv6 address or CIDR range. */
export function validSource(value: string): boolean {
  return ipOrCidr.safeParse(value).success
}

/** Trimmed text; empty means "not given". */
const Optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))

const Fields = {
  direction: z.enum(FIREWALL_DIRECTIONS),
  action: z.enum(FIREWALL_ACTIONS),
  /** Empty or absent: any protocol. */
  protocol: z
    .union([z.enum(FIREWALL_PROTOCOLS), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  port: Optional.refine((v) => v === undefined || validPortSpec(v), FIREWALL_PROBLEMS.port),
  source: Optional.refine((v) => v === undefined || validSource(v), FIREWALL_PROBLEMS.source),
  comment: Optional.refine((v) => v === undefined || v.length <= 200, FIREWALL_PROBLEMS.comment),
  enabled: z.boolean()
}

export const FirewallRuleFields = z
  .object({ ...Fields, enabled: Fields.enabled.default(true) })
  .superRefine((rule, ctx) => {
    if (rule.port !== undefined && rule.protocol !== 'tcp' && rule.protocol !== 'udp') {
      ctx.addIssue({ code: 'custom', path: ['port'], message: FIREWALL_PROBLEMS.portNeedsProtocol })
    }
  })
export type FirewallRuleFields = z.input<typeof FirewallRuleFields>
export type ParsedFirewallRuleFields = z.output<typeof FirewallRuleFields>

/** A change to some fields; a port may only change together with a tcp / udp protocol (the rule's current one is not known here). */
export const FirewallRuleChanges = z
  .object({
    direction: Fields.direction.optional(),
    action: Fields.action.optional(),
    protocol: Fields.protocol,
    port: Fields.port,
    source: Fields.source,
    comment: Fields.comment,
    enabled: Fields.enabled.optional()
  })
  .superRefine((c, ctx) => {
    if (Object.values(c).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', path: [], message: FIREWALL_PROBLEMS.noChange })
    if (c.port !== undefined && c.protocol !== 'tcp' && c.protocol !== 'udp') {
      ctx.addIssue({ code: 'custom', path: ['port'], message: FIREWALL_PROBLEMS.portNeedsProtocol })
    }
  })
export type ParsedFirewallRuleChanges = z.output<typeof FirewallRuleChanges>

export const FirewallKeyInput = z.object({ key: ServerKey })
export const CreateFirewallRuleInput = z.object({ key: ServerKey, rule: FirewallRuleFields })
export type CreateFirewallRuleInput = z.input<typeof CreateFirewallRuleInput>
export const UpdateFirewallRuleInput = z.object({ key: ServerKey, ruleId: FirewallRuleId, changes: FirewallRuleChanges })
export type UpdateFirewallRuleInput = z.input<typeof UpdateFirewallRuleInput>
export const FirewallTargetInput = z.object({ key: ServerKey, ruleId: FirewallRuleId })
export type FirewallTargetInput = z.input<typeof FirewallTargetInput>

/** The first problem per field of a rule as typed, for inline messages; empty when the rule can be sent. */
export function firewallProblems(rule: FirewallRuleFields): Partial<Record<keyof FirewallRuleFields, FirewallProblem>> {
  const parsed = FirewallRuleFields.safeParse(rule)
  if (parsed.success) return {}
  const out: Partial<Record<keyof FirewallRuleFields, FirewallProblem>> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof FirewallRuleFields | undefined
    if (field === undefined || out[field] !== undefined) continue
    out[field] = problemOf(issue.message)
  }
  return out
}

function problemOf(message: string): FirewallProblem {
  return (Object.keys(FIREWALL_PROBLEMS) as FirewallProblem[]).find((k) => FIREWALL_PROBLEMS[k] === message) ?? 'invalid'
}

/** A rule as a form holds it: text fields as typed, the choices as picked. */
export interface FirewallRuleDraft {
  /** null: the rule's own word is none of the choices (e.g. Proxmox's "group"); it is kept. */
  direction: FirewallDirection | null
  action: FirewallAction | null
  /** '': any protocol; null: the rule's own protocol is none of the choices; it is kept. */
  protocol: FirewallProtocol | '' | null
  port: string
  source: string
  comment: string
  enabled: boolean
}

/** The fields an edit can empty only by deleting the rule: `firewall.update` reads an empty value as "not given". */
export type ClearableFirewallField = 'protocol' | 'port' | 'source' | 'comment'
export type FirewallRuleChangesInput = z.input<typeof FirewallRuleChanges>

/** An existing rule as the edit form starts. */
export function draftOf(rule: FirewallRule): FirewallRuleDraft {
  return {
    direction: oneOf(FIREWALL_DIRECTIONS, rule.direction),
    action: oneOf(FIREWALL_ACTIONS, rule.action),
    protocol: rule.protocol === null ? '' : oneOf(FIREWALL_PROTOCOLS, rule.protocol),
    port: rule.port ?? '',
    source: rule.source ?? '',
    comment: rule.comment ?? '',
    enabled: rule.enabled
  }
}

/**
 * What an edit changes, as `firewall.update` takes it: only the fields that differ,
 * plus the protocol whenever the port changed (the API takes a port only together
 * with tcp / udp). Fields the user emptied are listed in `cleared`, not sent.
 */
export function changedFields(before: FirewallRule, after: FirewallRuleDraft): { changes: FirewallRuleChangesInput; cleared: ClearableFirewallField[] } {
  const changes: FirewallRuleChangesInput = {}
  const cleared: ClearableFirewallField[] = []
  if (after.direction !== null && after.direction !== before.direction) changes.direction = after.direction
  if (after.action !== null && after.action !== before.action) changes.action = after.action
  if (after.protocol !== null && after.protocol !== (before.protocol ?? '')) {
    if (after.protocol === '') cleared.push('protocol')
    else changes.protocol = after.protocol
  }
  for (const field of ['port', 'source', 'comment'] as const) {
    const now = after[field].trim()
    if (now === (before[field] ?? '')) continue
    if (now === '') cleared.push(field)
    else changes[field] = now
  }
  if (after.enabled !== before.enabled) changes.enabled = after.enabled
  if (changes.port !== undefined && changes.protocol === undefined && after.protocol) changes.protocol = after.protocol
  return { changes, cleared }
}

/** A draft as rule fields, for checking; a kept unusual word stands in as the first choice (it is not sent). */
export function draftFields(draft: FirewallRuleDraft): FirewallRuleFields {
  return { ...draft, direction: draft.direction ?? 'in', action: draft.action ?? 'ACCEPT', protocol: draft.protocol ?? '' }
}

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | null {
  return choices.find((c) => c === value) ?? null
}

/**
 * Whether the detail offers firewall rules for this server: elizon's API has them
 * for its Proxmox VPSes (not game servers), aluy's has none; a service that is not
 * active has no firewall to read. Main checks the provider's port itself.
 */
export function firewallOffered(server: Pick<Server, 'provider' | 'status' | 'kind'>): boolean {
  return server.provider === 'elizon' && server.status === 'active' && server.kind === 'VPS'
}

export const firewallContract = {
  'firewall.list': { input: FirewallKeyInput, output: FirewallList },
  'firewall.create': { input: CreateFirewallRuleInput, output: FirewallOutcome },
  'firewall.update': { input: UpdateFirewallRuleInput, output: FirewallOutcome },
  'firewall.delete': { input: FirewallTargetInput, output: FirewallOutcome }
} as const
