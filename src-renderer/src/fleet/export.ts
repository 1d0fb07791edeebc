// "Export the current view": the rows as filtered and sorted, the columns the
// user has chosen, as CSV or JSON. Values are raw (cents, MB, ISO times) so a
// spreadsheet or a script can compute with them; no locale formatting.
import type { ColumnId, FleetRow } from './rows'

type Cell = string | number | boolean | null

/** Each visible column → the raw fields it stands for. */
const EXPORT_FIELDS: Record<ColumnId, Array<[string, (row: FleetRow) => Cell]>> = {
  label: [['label', (r) => r.server.label]],
  account: [['account', (r) => r.accountLabel], ['accountId', (r) => r.server.accountId]],
  provider: [['provider', (r) => r.server.provider]],
  kind: [['kind', (r) => r.server.kind]],
  status: [['status', (r) => r.server.status], ['statusText', (r) => r.server.statusText]],
  power: [['power', (r) => r.server.power]],
  ipv4: [['primaryIpv4', (r) => r.server.primaryIpv4]],
  ipv6: [['primaryIpv6', (r) => r.server.primaryIpv6]],
  location: [['location', (r) => r.server.location]],
  vcpu: [['vcpu', (r) => r.server.vcpu]],
  ram: [['ramMb', (r) => r.server.ramMb]],
  disk: [['diskGb', (r) => r.server.diskGb]],
  price: [['hourlyRateCents', (r) => r.server.hourlyRateCents], ['monthlyPriceCents', (r) => r.server.monthlyPriceCents]],
  created: [['createdAt', (r) => r.server.createdAt]]
}

const ALWAYS: Array<[string, (row: FleetRow) => Cell]> = [
  ['key', (r) => r.key],
  ['id', (r) => r.server.id]
]
const LOCAL: Array<[string, (row: FleetRow) => Cell]> = [
  ['tags', (r) => r.meta.tags.join(' ')],
  ['note', (r) => r.meta.note],
  ['favourite', (r) => r.meta.favourite]
]

function fieldsFor(columns: readonly ColumnId[]): Array<[string, (row: FleetRow) => Cell]> {
  return [...ALWAYS, ...columns.flatMap((c) => EXPORT_FIELDS[c]), ...LOCAL]
}

export function toRecords(rows: readonly FleetRow[], columns: readonly ColumnId[]): Array<Record<string, Cell>> {
  const fields = fieldsFor(columns)
  return rows.map((row) => Object.fromEntries(fields.map(([name, get]) => [name, get(row)])))
}

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula
 * (= + - @ at the start) gets a leading apostrophe: a server label is data.
 */
export function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(rows: readonly FleetRow[], columns: readonly ColumnId[]): string {
  const fields = fieldsFor(columns)
  const lines = [fields.map(([name]) => name).join(',')]
  for (const row of rows) lines.push(fields.map(([, get]) => csvCell(get(row))).join(','))
  return lines.join('\r\n') + '\r\n'
}

export function toJson(rows: readonly FleetRow[], columns: readonly ColumnId[]): string {
  return JSON.stringify(toRecords(rows, columns), null, 2) + '\n'
}

/** `flotilla-fleet-2026-01-31T10-00.csv` */
export function exportFileName(format: 'csv' | 'json', at: Date): string {
  return `flotilla-fleet-${at.toISOString().slice(0, 16).replace(/:/g, '-')}.${format}`
}

/** Saves text through a Blob link: no Node, no navigation (the download attribute keeps the page). */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoke on the next tick: the click has handed the URL to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
