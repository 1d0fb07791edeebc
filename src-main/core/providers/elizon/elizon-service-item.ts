// One item of elizon's services list → a Server row. The reference shows only
// `id`, `name` and `status` ("RUNNING") on an item; everything else is an
// assumption (docs/assumptions-elizon.md) and optional. Items are read one by
// one (parseItems): an item with an odd field becomes a row of what could be
// read plus a warning, never a failed account.
import { z } from 'zod'
import type { Server } from '../../../shared/domain'
import type { AccountContext } from '../provider-adapter'
import { parseItems, type ItemWarning } from '../parse-items'
import { serverKey, toIntOrNull } from '../shared'
import { LIST_POWER_KEYS, powerOf, readWord } from './elizon-power'

const Id = z.union([z.string().min(1), z.number()]).transform(String)
const OptionalNumber = z.number().nullable().optional()
const OptionalString = z.string().nullable().optional()

const Resources = z.object({
  cpu: OptionalNumber,
  cores: OptionalNumber,
  ramMb: OptionalNumber,
  memoryMb: OptionalNumber,
  ramGb: OptionalNumber,
  /** Proxmox and Pterodactyl both count memory in MB. */
  ram: OptionalNumber,
  diskGb: OptionalNumber,
  disk: OptionalNumber
})

const ITEM_SHAPE = {
  id: Id,
  name: OptionalString,
  type: OptionalString,
  product: z.object({ name: OptionalString, slug: OptionalString }).nullable().optional(),
  location: z.object({ name: OptionalString, city: OptionalString }).nullable().optional(),
  ip: OptionalString,
  ipv4: OptionalString,
  ipv6: OptionalString,
  resources: Resources.nullable().optional(),
  price: z.object({ amountCents: z.number(), cycleDays: OptionalNumber }).nullable().optional(),
  createdAt: OptionalString
}
/** The status and power words are read loosely (readWord), so they are not part of the strict shape. */
export const ServiceItem = z.object(ITEM_SHAPE)
export type ServiceItem = z.output<typeof ServiceItem>

/** Status words of the service itself; their power is the word's own or, for the rest, none. */
const STATUS: Record<string, { status: Server['status']; power: Server['power'] }> = {
  RUNNING: { status: 'active', power: 'running' },
  STOPPED: { status: 'active', power: 'stopped' },
  PENDING: { status: 'pending', power: 'unknown' },
  INSTALLING: { status: 'pending', power: 'unknown' },
  SUSPENDED: { status: 'suspended', power: 'unknown' },
  CANCELLED: { status: 'cancelled', power: 'unknown' },
  TERMINATED: { status: 'terminated', power: 'unknown' },
  ERROR: { status: 'unknown', power: 'unknown' }
}

const KIND: Record<string, string> = { PROXMOX: 'VPS', PTERODACTYL: 'GAMESERVER' }

/** Every item of one page as rows; an item with no id is only a warning. */
export function serviceRows(ctx: AccountContext, items: readonly unknown[]): { rows: Server[]; warnings: ItemWarning[] } {
  return parseItems(
    items,
    ServiceItem,
    (item, index) => toServer(ctx, item, asRecord(items[index]), []),
    (raw, problem) => salvage(ctx, raw, problem)
  )
}

/** What of an odd item still reads, field by field, with the problem as the row's warning. */
function salvage(ctx: AccountContext, raw: unknown, problem: string): Server | null {
  const record = asRecord(raw)
  const id = ITEM_SHAPE.id.safeParse(record.id)
  if (!id.success) return null
  const readable: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(ITEM_SHAPE)) {
    const field = schema.safeParse(record[key])
    if (field.success) readable[key] = field.data
  }
  return toServer(ctx, readable as ServiceItem, record, [problem])
}

export function toServer(ctx: AccountContext, s: ServiceItem, raw: Record<string, unknown>, warnings: string[]): Server {
  const { status, statusText, power, powerText } = statusAndPower(raw)
  const type = (s.type ?? '').toUpperCase()
  const r = s.resources ?? {}
  return {
    key: serverKey(ctx.accountId, s.id),
    id: s.id,
    accountId: ctx.accountId,
    provider: 'elizon',
    label: s.name ?? s.product?.name ?? s.id,
    kind: KIND[type] ?? (type || 'UNKNOWN'),
    status,
    statusText,
    power,
    powerText,
    primaryIpv4: s.ip ?? s.ipv4 ?? null,
    primaryIpv6: s.ipv6 ?? null,
    location: s.location?.name ?? s.location?.city ?? null,
    vcpu: toIntOrNull(r.cpu ?? r.cores),
    ramMb: toIntOrNull(r.ramMb ?? r.memoryMb ?? (typeof r.ramGb === 'number' ? r.ramGb * 1024 : r.ram)),
    diskGb: toIntOrNull(r.diskGb ?? r.disk),
    hourlyRateCents: null,
    monthlyPriceCents: monthlyCents(s.price),
    createdAt: s.createdAt ?? null,
    ...(warnings.length > 0 || statusText === '' ? { warnings: statusText === '' ? [...warnings, 'status: missing'] : warnings } : {})
  }
}

/**
 * The list's `status` ("RUNNING") says both what the service is and its power.
 * A separate power field (powerState/power), when sent, wins for power. A word
 * we do not know (MIGRATING) stays as the provider's own text for both.
 */
function statusAndPower(raw: Record<string, unknown>): Pick<Server, 'status' | 'statusText' | 'power' | 'powerText'> {
  const statusWord = readWord(raw, ['status', 'state']) ?? ''
  const powerWord = readWord(raw, LIST_POWER_KEYS)
  const known = STATUS[statusWord.toUpperCase()]
  const fromPower = powerWord !== null && powerWord !== statusWord ? powerOf(powerWord) : null
  if (known) {
    return { status: known.status, statusText: statusWord, ...(fromPower && fromPower.power !== 'unknown' ? fromPower : { power: known.power, powerText: null }) }
  }
  const power = fromPower ?? (statusWord !== '' ? powerOf(statusWord) : { power: 'unknown' as const, powerText: null })
  // A bare power word ("running") where the status goes still means a live service.
  const status: Server['status'] = power.power !== 'unknown' && fromPower === null ? 'active' : 'unknown'
  return { status, statusText: statusWord, ...power }
}

/** A price is only called monthly when its cycle is about a month (28–31 days). */
function monthlyCents(price: ServiceItem['price']): number | null {
  if (price === null || price === undefined) return null
  const days = price.cycleDays
  if (typeof days !== 'number' || days < 28 || days > 31) return null
  return Math.round(price.amountCents)
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
