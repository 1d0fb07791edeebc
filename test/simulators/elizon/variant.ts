// Variant mode (SimOptions.variant, or FLOTILLA_SIM_VARIANT=1): every
// assumption on docs/assumptions-elizon.md flipped, so the adapter is shown to
// live with what the reference does not promise. Each flip names its line there.
import type { ElizonServiceStatus } from './model'

/** A word no mapping knows (assumption E3): services the base mode calls ERROR are MIGRATING here. */
export const VARIANT_UNKNOWN_STATUS = 'MIGRATING'

export function variantOn(options: { variant?: boolean }): boolean {
  return options.variant ?? process.env.FLOTILLA_SIM_VARIANT === '1'
}

/** The status word the list and live status send for a service in this mode. */
export function statusWord(status: ElizonServiceStatus, variant: boolean): string {
  return variant && status === 'ERROR' ? VARIANT_UNKNOWN_STATUS : status
}

/**
 * E4–E7: `ip` → `ipv4`, resources under their other names, `createdAt`
 * missing, fields nobody asked for added.
 */
export function variantService(service: Record<string, unknown>): Record<string, unknown> {
  const { ip, resources, createdAt: _createdAt, ...rest } = service
  const r = (resources ?? {}) as { cpu?: number; ramMb?: number; diskGb?: number }
  return {
    ...rest,
    ipv4: ip,
    resources: { cores: r.cpu, ram: r.ramMb, disk: r.diskGb, swapMb: 0 },
    node: 'pve-node-3',
    tags: ['variant'],
    billing: { autopay: true }
  }
}

const POWER_KEYS = ['status', 'powerState', 'state'] as const

/**
 * E1/E2: the live power word under `status`, `powerState` or `state` in turn
 * (by service), in upper, lower or title case; numbers' names as the base mode;
 * extra fields added. The unknown word (MIGRATING) is sent as it is.
 */
export function variantLive(live: Record<string, unknown>, serviceId: string, word: string): Record<string, unknown> {
  const { state, ...rest } = live
  const turn = [...serviceId].reduce((sum, c) => sum + c.charCodeAt(0), 0) % POWER_KEYS.length
  const key = POWER_KEYS[turn] ?? 'status'
  const power = word === VARIANT_UNKNOWN_STATUS ? word : String(state)
  const cased = turn === 0 ? power.toUpperCase() : turn === 1 ? power.toLowerCase() : power.charAt(0).toUpperCase() + power.slice(1).toLowerCase()
  return { ...rest, [key]: cased, node: 'pve-node-3', checkedAt: new Date().toISOString() }
}

/** E8: a list whose pagination says only `total` (no `pages`). */
export function variantPagination(pagination: Record<string, unknown>): Record<string, unknown> {
  const { pages: _pages, ...rest } = pagination
  return rest
}

/** E9: invoices and tickets carry fields Flotilla does not know. */
export function withExtras(item: Record<string, unknown>): Record<string, unknown> {
  return { ...item, externalRef: 'LX-0001', flags: { archived: false } }
}
