// Variant mode (SimOptions.variant, or FLOTILLA_SIM_VARIANT=1): every answer
// flips what docs/assumptions-aluy.md lists as assumed but not shown by the
// reference, within what the reference allows, so the adapter's fallbacks run:
// list bodies in the Conventions shape `{ items, total, limit, offset }`
// instead of the per-endpoint name; enum words in other casing
// (`subscriptionBillingPeriod` lower case, live `state` upper case); IP
// entries without `type`; an unknown extra field on every object.
import { json, type Reply } from '../core/reply'

const LIST_KEYS = ['services', 'invoices', 'tickets', 'orders', 'sshKeys']

export function variantEnabled(option: boolean | undefined): boolean {
  return option ?? process.env['FLOTILLA_SIM_VARIANT'] === '1'
}

export function variantReply(reply: Reply): Reply {
  if (reply.kind !== 'json' || reply.status >= 400) return reply
  const flipped = renameList(flip(reply.body))
  return json(reply.status, flipped, reply.headers)
}

/** `{ services: [...] }` → `{ items: [...] }` (the Conventions promise it). */
function renameList(body: unknown): unknown {
  if (!isRecord(body)) return body
  const key = LIST_KEYS.find((k) => Array.isArray(body[k]) && 'total' in body)
  if (key === undefined) return body
  const { [key]: items, ...rest } = body
  return { ...rest, items }
}

function flip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flip)
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = { vendorExtension: { added: 'by variant mode' } }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'subscriptionBillingPeriod' && typeof v === 'string') out[k] = v.toLowerCase()
    else if (k === 'state' && typeof v === 'string') out[k] = v.toUpperCase()
    else if (k === 'ipAddresses' && Array.isArray(v)) out[k] = v.map((a: unknown) => (isRecord(a) ? { address: a['address'] } : a))
    else out[k] = flip(v)
  }
  return out
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
