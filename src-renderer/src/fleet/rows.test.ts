import { describe, expect, it } from 'vitest'
import { buildRow, groupRows, ipv4Number, monthlyEquivalentCents, sortRows, type FleetRow } from './rows'
import { makeAccount, makeServer } from './testing-rows'

const acme = makeAccount('acc_aaaaaaaa', 'Acme')
const beta = makeAccount('acc_bbbbbbbb', 'Beta', 'elizon')

function row(id: string, over: Parameters<typeof makeServer>[0] extends infer P ? Partial<P> : never, favourite = false): FleetRow {
  const server = makeServer({ id, ...over })
  return buildRow(server, server.accountId === beta.id ? beta : acme, { tags: [], note: '', favourite })
}

const rows = [
  row('1', { label: 'b', primaryIpv4: '10.0.0.10', monthlyPriceCents: 500, location: 'FRA' }),
  row('2', { label: 'a', primaryIpv4: '10.0.0.9', hourlyRateCents: 1, location: null }),
  row('3', { label: 'c', accountId: beta.id, provider: 'elizon', primaryIpv4: null, monthlyPriceCents: 2000, location: 'NUE' })
]
const keysOf = (list: FleetRow[]) => list.map((r) => r.server.id)

describe('sortRows', () => {
  it('sorts by label in either direction', () => {
    expect(keysOf(sortRows(rows, { column: 'label', direction: 'asc' }))).toEqual(['2', '1', '3'])
    expect(keysOf(sortRows(rows, { column: 'label', direction: 'desc' }))).toEqual(['3', '1', '2'])
  })
  it('sorts IPv4 numerically and puts empty cells last in both directions', () => {
    expect(keysOf(sortRows(rows, { column: 'ipv4', direction: 'asc' }))).toEqual(['2', '1', '3'])
    expect(keysOf(sortRows(rows, { column: 'ipv4', direction: 'desc' }))).toEqual(['1', '2', '3'])
  })
  it('compares hourly and monthly prices by their monthly equivalent', () => {
    expect(monthlyEquivalentCents(rows[1]!.server)).toBe(730)
    expect(keysOf(sortRows(rows, { column: 'price', direction: 'asc' }))).toEqual(['1', '2', '3'])
  })
  it('keeps favourites on top', () => {
    const withFav = [...rows, row('4', { label: 'z' }, true)]
    expect(keysOf(sortRows(withFav, { column: 'label', direction: 'asc' }))[0]).toBe('4')
  })
  it('does not reorder its input', () => {
    const before = keysOf(rows)
    sortRows(rows, { column: 'label', direction: 'asc' })
    expect(keysOf(rows)).toEqual(before)
  })
})

describe('groupRows', () => {
  it('returns plain rows without grouping', () => {
    expect(groupRows(rows, null).map((i) => i.type)).toEqual(['row', 'row', 'row'])
  })
  it('puts a header with a count before each group, groups by name, rows in their given order', () => {
    const items = groupRows(rows, 'account')
    expect(items.map((i) => (i.type === 'group' ? `# ${i.label} (${i.count})` : i.row.server.id))).toEqual(['# Acme (2)', '1', '2', '# Beta (1)', '3'])
  })
  it('groups by location with an empty group for servers without one, and hides collapsed groups’ rows', () => {
    const items = groupRows(rows, 'location', new Set(['FRA']))
    expect(items.map((i) => (i.type === 'group' ? `# ${i.label}` : i.row.server.id))).toEqual(['# ', '2', '# FRA', '# NUE', '3'])
  })
})

describe('ipv4Number', () => {
  it('reads dotted quads and refuses anything else', () => {
    expect(ipv4Number('0.0.1.0')).toBe(256)
    expect(ipv4Number('2001:db8::1')).toBeNull()
    expect(ipv4Number(null)).toBeNull()
  })
})
