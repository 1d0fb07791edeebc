import { describe, expect, it } from 'vitest'
import { csvCell, exportFileName, toCsv, toJson } from './export'
import { buildRow } from './rows'
import { makeAccount, makeServer } from './testing-rows'

const acme = makeAccount('acc_aaaaaaaa', 'Acme, "the" best')
const rows = [
  buildRow(makeServer({ id: '1', label: '=cmd()', primaryIpv4: '192.0.2.1', monthlyPriceCents: 1299 }), acme, { tags: ['prod', 'web'], note: 'line1\nline2', favourite: true }),
  buildRow(makeServer({ id: '2', label: 'plain', hourlyRateCents: 2 }), acme)
]

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell(null)).toBe('')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(true)).toBe('true')
  })
})

describe('toCsv', () => {
  it('writes a header and one line per row, only the chosen columns plus key, id and local fields', () => {
    const csv = toCsv(rows, ['label', 'account', 'price'])
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('key,id,label,account,accountId,hourlyRateCents,monthlyPriceCents,tags,note,favourite')
    expect(csv).toContain(`acc_aaaaaaaa:1,1,'=cmd(),"Acme, ""the"" best",acc_aaaaaaaa,,1299,prod web,"line1\nline2",true`)
    expect(lines.at(-1)).toBe('acc_aaaaaaaa:2,2,plain,"Acme, ""the"" best",acc_aaaaaaaa,2,,,,false')
  })
})

describe('toJson', () => {
  it('writes the same records as typed values', () => {
    const parsed = JSON.parse(toJson(rows, ['ipv4', 'price'])) as Array<Record<string, unknown>>
    expect(parsed).toEqual([
      { key: 'acc_aaaaaaaa:1', id: '1', primaryIpv4: '192.0.2.1', hourlyRateCents: null, monthlyPriceCents: 1299, tags: 'prod web', note: 'line1\nline2', favourite: true },
      { key: 'acc_aaaaaaaa:2', id: '2', primaryIpv4: null, hourlyRateCents: 2, monthlyPriceCents: null, tags: '', note: '', favourite: false }
    ])
  })
})

describe('exportFileName', () => {
  it('names the file after the time, safe for every file system', () => {
    expect(exportFileName('csv', new Date('2026-01-31T10:05:59Z'))).toBe('flotilla-fleet-2026-01-31T10-05.csv')
  })
})
