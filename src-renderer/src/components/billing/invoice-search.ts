// Searching, filtering, sorting and exporting the invoice list, as pure
// functions over plain data, so they are unit-tested and fast: each invoice's
// searchable text is built once (number, line labels, amounts in the ways people
// type them), and a keystroke is then one pass of `includes` over those strings.
// Relative (not @shared) so the D3 benchmark can run this file under Node.
import type { InvoiceSummary } from '../../../../src-main/shared/contracts/billing'

export interface InvoiceFilter {
  /** Free text: number, line label or amount ("49.90", "49,90", "4990"). */
  query: string
  accountIds: readonly string[]
  /** Inclusive, `YYYY-MM-DD`. */
  from: string | null
  to: string | null
  /** In cents, inclusive. */
  minCents: number | null
  maxCents: number | null
}

export const SORT_KEYS = ['issuedAt', 'number', 'totalCents', 'account'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface InvoiceSort {
  key: SortKey
  descending: boolean
}

export interface Indexed {
  invoice: InvoiceSummary
  haystack: string
}

export function emptyFilter(): InvoiceFilter {
  return { query: '', accountIds: [], from: null, to: null, minCents: null, maxCents: null }
}

/** The same amount as a user might type it: 1234.5 €, "1234,50", "1.234,50", "1,234.50", "123450". */
export function amountForms(cents: number): string[] {
  const abs = Math.abs(cents)
  const whole = Math.floor(abs / 100)
  const frac = String(abs % 100).padStart(2, '0')
  const grouped = (sep: string) => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
  return [`${whole}.${frac}`, `${whole},${frac}`, `${grouped(',')}.${frac}`, `${grouped('.')},${frac}`, String(abs)]
}

export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ß/g, 'ss')
}

export function buildIndex(invoices: readonly InvoiceSummary[]): Indexed[] {
  return invoices.map((invoice) => ({
    invoice,
    haystack: normalise(
      [invoice.number, ...invoice.lineLabels, ...amountForms(invoice.totalCents), ...amountForms(invoice.netCents), invoice.status ?? ''].join('\u0001')
    )
  }))
}

/** Every word of the query must occur somewhere in the invoice's text. */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean)
  return words.every((w) => haystack.includes(w))
}

export function applyFilter(index: readonly Indexed[], filter: InvoiceFilter): InvoiceSummary[] {
  const words = normalise(filter.query).split(/\s+/).filter(Boolean)
  const accounts = filter.accountIds.length > 0 ? new Set(filter.accountIds) : null
  const out: InvoiceSummary[] = []
  for (const { invoice, haystack } of index) {
    if (accounts && !accounts.has(invoice.accountId)) continue
    const day = invoice.issuedAt.slice(0, 10)
    if (filter.from && day < filter.from) continue
    if (filter.to && day > filter.to) continue
    if (filter.minCents !== null && invoice.totalCents < filter.minCents) continue
    if (filter.maxCents !== null && invoice.totalCents > filter.maxCents) continue
    if (words.length > 0 && !words.every((w) => haystack.includes(w))) continue
    out.push(invoice)
  }
  return out
}

export function sortInvoices(list: InvoiceSummary[], sort: InvoiceSort, accountLabel: (id: string) => string): InvoiceSummary[] {
  const dir = sort.descending ? -1 : 1
  const compare: Record<SortKey, (a: InvoiceSummary, b: InvoiceSummary) => number> = {
    issuedAt: (a, b) => a.issuedAt.localeCompare(b.issuedAt),
    number: (a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }),
    totalCents: (a, b) => a.totalCents - b.totalCents,
    account: (a, b) => accountLabel(a.accountId).localeCompare(accountLabel(b.accountId))
  }
  return [...list].sort((a, b) => dir * compare[sort.key](a, b) || b.issuedAt.localeCompare(a.issuedAt))
}

/** "12,34" / "12.34" / "12" → cents; null when empty or not a number. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/\s|€/g, '')
  if (t === '') return null
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100)
}

/** RFC 4180: quote every field, double inner quotes; amounts as plain decimals so spreadsheets read them. */
export function toCsv(list: readonly InvoiceSummary[], accountLabel: (id: string) => string): string {
  const header = ['number', 'account', 'provider', 'issued', 'currency', 'net', 'vat', 'total', 'status', 'lines']
  const rows = list.map((i) => [
    i.number,
    accountLabel(i.accountId),
    i.provider,
    i.issuedAt.slice(0, 10),
    i.currency,
    decimal(i.netCents),
    decimal(i.vatCents),
    decimal(i.totalCents),
    i.status ?? '',
    i.lineLabels.join('; ')
  ])
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it with '.
  const safe = /^[=+\-@]/.test(value) && !/^-\d+\.\d{2}$/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}
