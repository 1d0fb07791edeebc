// Cell texts of the fleet table and detail, in the UI locale. Formatters are
// built once per locale: constructing Intl objects per cell would dominate a
// 10,000-row render.
import { actionsFor, type ServerActionName } from '@shared/contracts/fleet'
import type { Server } from '@shared/domain'
import type { Messages } from '../i18n/en'

type ActionKey = keyof Messages['fleetTable']['actions']
type PowerKey = keyof Messages['fleet']['power']

const POWER_ACTIONS: ReadonlySet<ServerActionName> = new Set(['start', 'shutdown', 'stop', 'restart'])

/**
 * The power cell's message: a server with no power actions (a terminated one,
 * an aluy storage box or dedicated server) has no power state to speak of, so
 * it reads "—" rather than "power unknown", which is kept for a state not yet read.
 */
export function powerKey(server: Server): PowerKey {
  if (server.power !== 'unknown') return server.power
  return actionsFor(server).some((a) => POWER_ACTIONS.has(a)) ? 'unknown' : 'notApplicable'
}

/** `subscription-cancel` → the message key `subscriptionCancel`. */
export function actionKey(action: ServerActionName): ActionKey {
  return action.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as ActionKey
}

/**
 * Actions that stop, destroy, cancel or lock something: their button is styled
 * as dangerous and names the server and account, unlike an everyday "Rename".
 */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<ServerActionName> = new Set<ServerActionName>([
  'stop',
  'shutdown',
  'restart',
  'reset',
  'cancel',
  'subscription-cancel',
  'suspend',
  'reinstall',
  'reset-password',
  'retry-provision'
])

const money = new Map<string, Intl.NumberFormat>()
const moneyFine = new Map<string, Intl.NumberFormat>()
const dates = new Map<string, Intl.DateTimeFormat>()

function cached<T>(map: Map<string, T>, locale: string, make: () => T): T {
  let found = map.get(locale)
  if (!found) {
    found = make()
    map.set(locale, found)
  }
  return found
}

/** Integer cents → "€12.99" (the providers bill in euros). */
export function formatCents(cents: number, locale: string): string {
  return cached(money, locale, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' })).format(cents / 100)
}

/** Hourly rates are fractions of a cent per hour when shown per hour: keep up to four decimals. */
export function formatCentsFine(cents: number, locale: string): string {
  return cached(moneyFine, locale, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 })).format(cents / 100)
}

export interface PriceText {
  amount: string
  per: 'hour' | 'month'
}

export function priceOf(server: Server, locale: string): PriceText | null {
  if (server.hourlyRateCents !== null) return { amount: formatCentsFine(server.hourlyRateCents, locale), per: 'hour' }
  if (server.monthlyPriceCents !== null) return { amount: formatCents(server.monthlyPriceCents, locale), per: 'month' }
  return null
}

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return ''
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return iso
  return cached(dates, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(at)
}

/** RAM is stored in MB; shown in GB with at most one decimal. */
export function ramGb(ramMb: number | null): string | null {
  if (ramMb === null) return null
  const gb = ramMb / 1024
  return Number.isInteger(gb) ? String(gb) : gb.toFixed(1)
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`
}
