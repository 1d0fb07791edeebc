// elizon's firewall rules behind the fleet port (FirewallOperations):
//   GET    /services/:id/firewall            list    (permission `view`)
//   POST   /services/:id/firewall            create  (permission `settings`)
//   PATCH  /services/:id/firewall/:ruleId    update  ("fields are allowlisted")
//   DELETE /services/:id/firewall/:ruleId    delete
// The public reference names these endpoints and nothing more, so every body
// below is an assumption. elizon's VPSes run on Proxmox VE (its console sets a
// PVEAuthCookie) and the list is fetched "via provider adapter", so the rules are
// assumed to be Proxmox-VE-style, read tolerantly:
//  - Every answer is elizon's `{ success, ... }`; `success: false` is a failure
//    with `error` as the words (elizon-request.ts), like every other endpoint.
//  - The list is an array under `rules`, or under `data` (itself an array, or an
//    object holding `rules`). Anything else is `invalid-response` naming the
//    fields received, never their values.
//  - A rule's id is `id`, `pos` (Proxmox's position) or `ruleId`, a string or a
//    number (→ string); a rule with none is skipped. Direction: `type` or
//    `direction` ("in" / "out", lower-cased; another word such as Proxmox's
//    "group" is kept as given). Action: `action` (ACCEPT / DROP / REJECT,
//    upper-cased). Protocol: `proto` or `protocol` (lower-cased; absent or empty
//    = any). Destination port: `dport` or `port`, a string ("22", "8000:8100") or
//    a number. Source: `source` or `src`. Comment: `comment`. Enabled: `enable` or
//    `enabled`, 0/1, "0"/"1" or a boolean; absent = disabled, as in Proxmox,
//    where `enable` is an optional flag defaulting to 0. A rule without a
//    direction or action shows them as unknown (null). Unknown fields are ignored.
//  - Create sends the Proxmox field names `{ type, action, proto?, dport?,
//    source?, comment?, enable }` with `enable` as 1 / 0, and may answer the new
//    rule under `rule` or `data`. Update sends only the changed fields, with the
//    same names (the allowlist is assumed to be exactly these). Delete sends no
//    body. Their `message`, if any, is shown to the user.
//  - 400 (an invalid rule, `error` plus `validationErrors`), 404 (unknown rule)
//    and 403 (the key lacks `settings`) arrive as HTTP errors with elizon's words.
//  - A Proxmox `pos` shifts when a rule above it is deleted, so ids are only
//    trusted until the next change: the UI reads the list again after each one.
// Nothing here is retried except the list (a GET): a repeated create would add
// the rule twice.
import { z } from 'zod'
import type { FirewallRule, ParsedFirewallRuleChanges, ParsedFirewallRuleFields } from '../../../shared/contracts/firewall'
import type { Server } from '../../../shared/domain'
import type { FirewallChange, FirewallOperations } from '../../servers/server-operations'
import type { AccountContext } from '../provider-adapter'
import { asRecord, messageOf, sendTolerant, tolerantList } from './elizon-tolerant'
import { pathOf } from '../paths'

const Id = z.union([z.string().trim().min(1), z.number().finite()]).transform(String)
const Text = z.string().trim().min(1)
const PortSpec = z.union([Text, z.number().int().nonnegative().transform(String)])
const Flag = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(['0', '1']).transform((v) => v === '1')
])

/** One rule, every field optional and checked on its own: a wrong type drops that field, not the rule. */
const Entry = z
  .object({
    id: Id.optional().catch(undefined),
    pos: Id.optional().catch(undefined),
    ruleId: Id.optional().catch(undefined),
    type: Text.optional().catch(undefined),
    direction: Text.optional().catch(undefined),
    action: Text.optional().catch(undefined),
    proto: z.string().trim().optional().catch(undefined),
    protocol: z.string().trim().optional().catch(undefined),
    dport: PortSpec.optional().catch(undefined),
    port: PortSpec.optional().catch(undefined),
    source: Text.optional().catch(undefined),
    src: Text.optional().catch(undefined),
    comment: Text.optional().catch(undefined),
    enable: Flag.optional().catch(undefined),
    enabled: Flag.optional().catch(undefined)
  })
  .loose()
type Entry = z.output<typeof Entry>

export const elizonFirewall: FirewallOperations = {
  list: listRules,
  create: createRule,
  update: updateRule,
  delete: deleteRule
}

async function listRules(ctx: AccountContext, server: Server): Promise<FirewallRule[]> {
  const body = await sendTolerant(ctx, 'GET', firewallPath(server))
  return parseFirewallList(body, ctx.accountId)
}

async function createRule(ctx: AccountContext, server: Server, rule: ParsedFirewallRuleFields): Promise<FirewallChange> {
  const body = await sendTolerant(ctx, 'POST', firewallPath(server), proxmoxFields(rule))
  return changeOf(body)
}

async function updateRule(ctx: AccountContext, server: Server, ruleId: string, changes: ParsedFirewallRuleChanges): Promise<FirewallChange> {
  const body = await sendTolerant(ctx, 'PATCH', rulePath(server, ruleId), proxmoxFields(changes))
  return changeOf(body)
}

async function deleteRule(ctx: AccountContext, server: Server, ruleId: string): Promise<FirewallChange> {
  const body = await sendTolerant(ctx, 'DELETE', rulePath(server, ruleId))
  return { message: messageOf(asRecord(body)), rule: null }
}

// ---------------------------------------------------------------- writing

/** Our field names → Proxmox's; only the fields given, so a PATCH carries just the change. */
export function proxmoxFields(rule: ParsedFirewallRuleChanges): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  if (rule.direction !== undefined) out.type = rule.direction
  if (rule.action !== undefined) out.action = rule.action
  if (rule.protocol !== undefined) out.proto = rule.protocol
  if (rule.port !== undefined) out.dport = rule.port
  if (rule.source !== undefined) out.source = rule.source
  if (rule.comment !== undefined) out.comment = rule.comment
  if (rule.enabled !== undefined) out.enable = rule.enabled ? 1 : 0
  return out
}

// ---------------------------------------------------------------- reading the answers

/** The list body → rules; no array where one is expected, or only unusable entries, is `invalid-response`. */
export function parseFirewallList(body: unknown, accountId: string): FirewallRule[] {
  return tolerantList(body, 'rules', { list: 'the firewall rule list', unreadable: (n) => `${n} firewall rules without an id` }, toRule, accountId)
}

function toRule(item: Record<string, unknown>): FirewallRule | null {
  const parsed = Entry.safeParse(item)
  if (!parsed.success) return null
  const e: Entry = parsed.data
  const id = e.id ?? e.pos ?? e.ruleId
  if (id === undefined) return null
  const protocol = (e.proto ?? e.protocol)?.toLowerCase()
  return {
    id,
    direction: (e.type ?? e.direction)?.toLowerCase() ?? null,
    action: e.action?.toUpperCase() ?? null,
    protocol: protocol === undefined || protocol === '' ? null : protocol,
    port: e.dport ?? e.port ?? null,
    source: e.source ?? e.src ?? null,
    comment: e.comment ?? null,
    enabled: e.enable ?? e.enabled ?? false
  }
}

function changeOf(body: unknown): FirewallChange {
  const record = asRecord(body)
  return { message: messageOf(record), rule: toRule(asRecord(record.rule ?? record.data)) }
}

// ---------------------------------------------------------------- HTTP

function firewallPath(server: Server): string {
  return pathOf`/services/${server.id}/firewall`
}

function rulePath(server: Server, ruleId: string): string {
  return pathOf`/services/${server.id}/firewall/${ruleId}`
}

