// Pure arithmetic for the billing page, in integer cents: the month-end
// projection and which servers cost money while powered off (spend per month
// is in shared/contracts/billing.ts, as the renderer charts it too).
import type { IdleBilledServer } from '../../shared/contracts/billing'
import type { Server } from '../../shared/domain'
import type { BilledService } from '../providers/billing-port'

/** Whole and part hours from `now` to the first instant of next month (UTC, as the providers bill). */
export function hoursLeftInMonth(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
  return Math.max(0, (next - now.getTime()) / 3_600_000)
}

/**
 * What this month will come to: the usage already pending on the next invoice
 * plus the current hourly burn for the hours that are left, plus the monthly
 * renewals that fall due before the month ends (`renewalsCents`).
 */
export function monthEndProjectionCents(pendingCents: number, hourlyRateCents: number, now: Date, renewalsCents = 0): number {
  return Math.round(pendingCents + hourlyRateCents * hoursLeftInMonth(now) + renewalsCents)
}

/**
 * Monthly subscriptions renewing from now until the month ends (nextDueAt,
 * UTC), at their monthly price; a price not known counts 0 here and is
 * visible as unknown in the committed figures.
 */
export function renewalsDueThisMonthCents(billed: BilledService[] | null, now: Date): number {
  if (billed === null) return 0
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
  return billed
    .filter((b) => b.period === 'monthly' && b.active && b.nextDueAt)
    .filter((b) => {
      const due = Date.parse(b.nextDueAt ?? '')
      return Number.isFinite(due) && due >= now.getTime() && due < end
    })
    .reduce((sum, b) => sum + (b.monthlyPriceCents ?? 0), 0)
}

/**
 * Monthly-billed servers that are powered off: they are still charged. The
 * provider's billing list says which are monthly; the fleet says which are off.
 * Without a billing list (elizon), a server with a monthly price stands in.
 */
export function idleBilledServers(accountId: string, billed: BilledService[] | null, servers: readonly Server[]): IdleBilledServer[] {
  const own = servers.filter((s) => s.accountId === accountId)
  const powerOf = new Map(own.map((s) => [s.id, s]))
  if (billed === null) {
    return own
      .filter((s) => s.monthlyPriceCents !== null && s.power === 'stopped' && s.status === 'active')
      .map((s) => ({ serverKey: s.key, label: s.label, monthlyPriceCents: s.monthlyPriceCents }))
  }
  return billed
    .filter((b) => b.period === 'monthly' && b.active && powerOf.get(b.id)?.power === 'stopped')
    .map((b) => ({ serverKey: `${accountId}:${b.id}`, label: b.label, monthlyPriceCents: b.monthlyPriceCents ?? powerOf.get(b.id)?.monthlyPriceCents ?? null }))
}

export function monthlyCommittedCents(accountId: string, billed: BilledService[] | null, servers: readonly Server[]): number {
  if (billed !== null) return billed.filter((b) => b.period === 'monthly' && b.active).reduce((sum, b) => sum + (b.monthlyPriceCents ?? 0), 0)
  return servers.filter((s) => s.accountId === accountId && s.status === 'active').reduce((sum, s) => sum + (s.monthlyPriceCents ?? 0), 0)
}
