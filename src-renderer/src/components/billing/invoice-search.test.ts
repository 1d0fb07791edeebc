import { describe, expect, it } from 'vitest'
import type { InvoiceSummary } from '@shared/contracts/billing'
import { amountForms, applyFilter, buildIndex, emptyFilter, formatMoney, parseAmount, sortInvoices, toCsv } from './invoice-search'

function invoice(over: Partial<InvoiceSummary>): InvoiceSummary {
  return {
    key: `acc_aaaaaaaa:${over.id ?? 'x'}`,
    id: 'x',
    accountId: 'acc_aaaaaaaa',
    provider: 'aluy',
    number: 'INV-2026-0001',
    issuedAt: '2026-10-01T00:00:00.000Z',
    currency: 'EUR',
    netCents: 1000,
    vatCents: 190,
    totalCents: 1190,
    status: null,
    lineLabels: [],
    pdf: 'cached',
    ...over
  }
}

const list = [
  invoice({ id: 'a', number: 'INV-2026-0001', totalCents: 4990, lineLabels: ['VPS Starter — edge-fi-01'] }),
  invoice({ id: 'b', number: 'RE-2026-01002', accountId: 'acc_bbbbbbbb', provider: 'elizon', issuedAt: '2026-08-01T00:00:00.000Z', totalCents: 123456, lineLabels: ['Proxmox Größe M (web-01)'] }),
  invoice({ id: 'c', number: 'INV-2025-0003', issuedAt: '2025-12-01T00:00:00.000Z', totalCents: 700, lineLabels: ['Account fee'] })
]
const index = buildIndex(list)
const ids = (l: InvoiceSummary[]) => l.map((i) => i.id)

describe('invoice search', () => {
  it('finds by number, case-insensitively and by part', () => {
    expect(ids(applyFilter(index, { ...emptyFilter(), query: 're-2026' }))).toEqual(['b'])
    expect(ids(applyFilter(index, { ...emptyFilter(), query: '0003' }))).toEqual(['c'])
  })

  it('finds by line label, ignoring accents, with every word required', () => {
    expect(ids(applyFilter(index, { ...emptyFilter(), query: 'grosse web-01' }))).toEqual(['b'])
    expect(ids(applyFilter(index, { ...emptyFilter(), query: 'edge starter' }))).toEqual(['a'])
    expect(ids(applyFilter(index, { ...emptyFilter(), query: 'edge web-01' }))).toEqual([])
  })

  it('finds by amount as people type it', () => {
    for (const typed of ['49.90', '49,90', '4990']) expect(ids(applyFilter(index, { ...emptyFilter(), query: typed }))).toContain('a')
    for (const typed of ['1.234,56', '1,234.56', '1234,56']) expect(ids(applyFilter(index, { ...emptyFilter(), query: typed }))).toEqual(['b'])
    expect(amountForms(123456)).toEqual(['1234.56', '1234,56', '1,234.56', '1.234,56', '123456'])
  })

  it('filters by account, date range and amount range', () => {
    expect(ids(applyFilter(index, { ...emptyFilter(), accountIds: ['acc_bbbbbbbb'] }))).toEqual(['b'])
    expect(ids(applyFilter(index, { ...emptyFilter(), from: '2026-01-01', to: '2026-09-30' }))).toEqual(['b'])
    expect(ids(applyFilter(index, { ...emptyFilter(), minCents: 700, maxCents: 4990 }))).toEqual(['a', 'c'])
  })

  it('sorts by date, number, amount and account', () => {
    const label = (id: string) => (id === 'acc_bbbbbbbb' ? 'Alpha' : 'Zulu')
    expect(ids(sortInvoices(list, { key: 'issuedAt', descending: true }, label))).toEqual(['a', 'b', 'c'])
    expect(ids(sortInvoices(list, { key: 'totalCents', descending: false }, label))).toEqual(['c', 'a', 'b'])
    expect(ids(sortInvoices(list, { key: 'number', descending: false }, label))).toEqual(['c', 'a', 'b'])
    expect(ids(sortInvoices(list, { key: 'account', descending: false }, label))[0]).toBe('b')
  })
})

describe('amounts', () => {
  it('parses what a user types into cents', () => {
    expect(parseAmount('12,5')).toBe(1250)
    expect(parseAmount('12.34 €')).toBe(1234)
    expect(parseAmount('7')).toBe(700)
    expect(parseAmount('')).toBeNull()
    expect(parseAmount('abc')).toBeNull()
  })

  it('formats integer cents for the locale', () => {
    expect(formatMoney(123456, 'EUR', 'en-US')).toBe('€1,234.56')
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€')
    expect(formatMoney(-700, 'EUR', 'en-US')).toBe('-€7.00')
  })
})

describe('CSV export', () => {
  it('quotes fields, writes plain decimal amounts and defuses spreadsheet formulas', () => {
    const csv = toCsv([invoice({ number: '=HYPERLINK("x")', totalCents: -705, lineLabels: ['a "quoted" label', 'b'] })], () => 'Acme, Inc.')
    const [header, row] = csv.split('\r\n')
    expect(header).toBe('"number","account","provider","issued","currency","net","vat","total","status","lines"')
    expect(row).toBe('"\'=HYPERLINK(""x"")","Acme, Inc.","aluy","2026-10-01","EUR","10.00","1.90","-7.05","","a ""quoted"" label; b"')
  })
})
