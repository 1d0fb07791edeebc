// The table's row model: a server joined with its account and its local meta
// (tags, note, favourite), plus the sort and group logic. Pure: the store and
// view call these, the tests check them without a DOM.
import type { Account, Server } from '@shared/domain'
import { VALUE_SEPARATOR, type Searchable } from './query'

export interface LocalMeta {
  tags: string[]
  note: string
  favourite: boolean
}

export const EMPTY_META: LocalMeta = Object.freeze({ tags: [], note: '', favourite: false }) as LocalMeta

export interface FleetRow extends Searchable {
  key: string
  server: Server
  accountLabel: string
  colour: string
  meta: LocalMeta
}

export const COLUMNS = [
  'label',
  'account',
  'provider',
  'kind',
  'status',
  'power',
  'ipv4',
  'ipv6',
  'location',
  'vcpu',
  'ram',
  'disk',
  'price',
  'created'
] as const
export type ColumnId = (typeof COLUMNS)[number]

export const GROUP_FIELDS = ['account', 'provider', 'location', 'status'] as const
export type GroupField = (typeof GROUP_FIELDS)[number]

export interface SortSpec {
  column: ColumnId
  direction: 'asc' | 'desc'
}

function lower(value: string | null | undefined): string {
  return value ? value.toLowerCase() : ''
}

function joined(...values: string[]): string {
  return values.filter((v) => v !== '').join(VALUE_SEPARATOR)
}

export function buildRow(server: Server, account: Account | undefined, meta: LocalMeta = EMPTY_META): FleetRow {
  const accountLabel = account?.label ?? server.accountId
  const fields = {
    account: joined(lower(accountLabel), lower(server.accountId)),
    provider: server.provider,
    status: joined(server.status, lower(server.statusText)),
    power: server.power,
    kind: lower(server.kind),
    location: lower(server.location),
    tag: meta.tags.length === 0 ? '' : meta.tags.map(lower).join(VALUE_SEPARATOR)
  }
  const text = joined(
    lower(server.label),
    lower(server.id),
    server.primaryIpv4 ?? '',
    lower(server.primaryIpv6),
    lower(meta.note),
    fields.account,
    fields.provider,
    fields.status,
    fields.power,
    fields.kind,
    fields.location,
    fields.tag
  )
  return { key: server.key, server, accountLabel, colour: account?.colour ?? '#888888', meta, text, fields }
}

/** The price a row is compared by: its monthly equivalent in cents (730 h a month). */
export function monthlyEquivalentCents(server: Server): number | null {
  if (server.monthlyPriceCents !== null) return server.monthlyPriceCents
  if (server.hourlyRateCents !== null) return server.hourlyRateCents * 730
  return null
}

type SortValue = string | number | null

const SORT_VALUE: Record<ColumnId, (row: FleetRow) => SortValue> = {
  label: (r) => r.server.label.toLowerCase(),
  account: (r) => r.accountLabel.toLowerCase(),
  provider: (r) => r.server.provider,
  kind: (r) => r.server.kind,
  status: (r) => r.server.status,
  power: (r) => r.server.power,
  ipv4: (r) => ipv4Number(r.server.primaryIpv4),
  ipv6: (r) => r.server.primaryIpv6,
  location: (r) => r.server.location?.toLowerCase() ?? null,
  vcpu: (r) => r.server.vcpu,
  ram: (r) => r.server.ramMb,
  disk: (r) => r.server.diskGb,
  price: (r) => monthlyEquivalentCents(r.server),
  created: (r) => r.server.createdAt
}

/** 10.0.0.9 sorts before 10.0.0.10: compare addresses as numbers. */
export function ipv4Number(ip: string | null): number | null {
  if (!ip) return null
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p))) return null
  return parts.reduce((n, p) => n * 256 + p, 0)
}

function compareValues(a: SortValue, b: SortValue): number {
  // Empty cells go last whatever the direction: they are never what one sorts for.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/** Favourites first, then the column; ties by label then key so the order is stable. */
export function sortRows(rows: readonly FleetRow[], sort: SortSpec): FleetRow[] {
  const value = SORT_VALUE[sort.column]
  const sign = sort.direction === 'asc' ? 1 : -1
  const keyed = rows.map((row) => ({ row, v: value(row) }))
  keyed.sort((x, y) => {
    if (x.row.meta.favourite !== y.row.meta.favourite) return x.row.meta.favourite ? -1 : 1
    const byValue = x.v === null || y.v === null ? compareValues(x.v, y.v) : sign * compareValues(x.v, y.v)
    if (byValue !== 0) return byValue
    return compareValues(x.row.server.label, y.row.server.label) || compareValues(x.row.key, y.row.key)
  })
  return keyed.map((k) => k.row)
}

export interface GroupHeader {
  type: 'group'
  id: string
  label: string
  count: number
  colour?: string
}
export interface RowItem {
  type: 'row'
  row: FleetRow
}
export type ListItem = GroupHeader | RowItem

function groupKey(row: FleetRow, field: GroupField): { id: string; label: string; colour?: string } {
  switch (field) {
    case 'account':
      return { id: row.server.accountId, label: row.accountLabel, colour: row.colour }
    case 'provider':
      return { id: row.server.provider, label: row.server.provider }
    case 'location':
      return { id: row.server.location ?? '', label: row.server.location ?? '' }
    case 'status':
      return { id: row.server.status, label: row.server.status }
  }
}

/**
 * The flat list the virtual scroller shows: without grouping the rows as they
 * are; with grouping a header per group (groups in order of name, rows keeping
 * their sorted order inside), and collapsed groups contributing only the header.
 */
export function groupRows(rows: readonly FleetRow[], field: GroupField | null, collapsed: ReadonlySet<string> = new Set()): ListItem[] {
  if (field === null) return rows.map((row) => ({ type: 'row', row }))
  const groups = new Map<string, { header: GroupHeader; rows: FleetRow[] }>()
  for (const row of rows) {
    const { id, label, colour } = groupKey(row, field)
    let group = groups.get(id)
    if (!group) {
      group = { header: { type: 'group', id, label, count: 0, ...(colour ? { colour } : {}) }, rows: [] }
      groups.set(id, group)
    }
    group.header.count++
    group.rows.push(row)
  }
  const ordered = [...groups.values()].sort((a, b) => compareValues(a.header.label.toLowerCase(), b.header.label.toLowerCase()))
  return ordered.flatMap(({ header, rows: members }) => [
    header,
    ...(collapsed.has(header.id) ? [] : members.map((row): RowItem => ({ type: 'row', row })))
  ])
}
