// Relative times ("2 minutes ago", "vor 2 Minuten") through Intl, in the active locale.
const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1]
]

export function formatRelative(iso: string, now: number, locale: string): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return iso
  const seconds = Math.round((then - now) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (Math.abs(seconds) < 10) return format.format(0, 'second')
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit)
  }
  return format.format(seconds, 'second')
}

export function formatDateTime(iso: string, locale: string): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(then)
}

/**
 * An invoice's day. Providers bill by UTC calendar day and month (the date
 * filter and the spend chart read the same UTC date), so a midnight-UTC invoice
 * must not show as the day before west of Greenwich, nor with a time of day.
 */
export function formatBillingDay(iso: string, locale: string): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(then)
}
