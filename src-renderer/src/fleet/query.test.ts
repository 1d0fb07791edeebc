import { describe, expect, it } from 'vitest'
import { compileQuery, parseQuery, tokenize, trailingQualifier } from './query'
import { buildRow } from './rows'
import { makeAccount, makeServer } from './testing-rows'

const acme = makeAccount('acc_aaaaaaaa', 'Acme aluy')
const beta = makeAccount('acc_bbbbbbbb', 'Beta elizon', 'elizon')
const rows = [
  buildRow(makeServer({ id: '1', label: 'web-1', primaryIpv4: '192.0.2.10', location: 'Frankfurt' }), acme, { tags: ['prod', 'web'], note: 'customer x', favourite: false }),
  buildRow(makeServer({ id: '2', label: 'db-1', power: 'stopped', location: 'Nuremberg' }), acme),
  buildRow(makeServer({ id: '3', label: 'game-7', accountId: 'acc_bbbbbbbb', provider: 'elizon', kind: 'GAMESERVER', status: 'suspended', statusText: 'Suspended' }), beta)
]

function labels(query: string): string[] {
  const match = compileQuery(query)
  return rows.filter(match).map((r) => r.server.label)
}

describe('tokenize', () => {
  it('keeps quoted phrases together, also after a qualifier', () => {
    expect(tokenize('account:"Acme aluy"  web "two words"')).toEqual(['account:Acme aluy', 'web', 'two words'])
  })
  it('treats an unclosed quote as running to the end', () => {
    expect(tokenize('account:"Acme al')).toEqual(['account:Acme al'])
  })
})

describe('parseQuery', () => {
  it('reads qualifiers, free words and negation, lower-cased', () => {
    expect(parseQuery('Web -status:Active provider:ALUY -db')).toEqual([
      { field: null, value: 'web', negate: false },
      { field: 'status', value: 'active', negate: true },
      { field: 'provider', value: 'aluy', negate: false },
      { field: null, value: 'db', negate: true }
    ])
  })
  it('reads an unknown qualifier as a free word and ignores a qualifier still being typed', () => {
    expect(parseQuery('ip:192.0 status:')).toEqual([{ field: null, value: 'ip:192.0', negate: false }])
  })
})

describe('compileQuery', () => {
  it('matches free words against label, IP, account, note and tags', () => {
    expect(labels('192.0.2')).toEqual(['web-1'])
    expect(labels('customer')).toEqual(['web-1'])
    expect(labels('beta')).toEqual(['game-7'])
    expect(labels('')).toEqual(['web-1', 'db-1', 'game-7'])
  })
  it('narrows by each qualifier', () => {
    expect(labels('account:"acme aluy"')).toEqual(['web-1', 'db-1'])
    expect(labels('provider:elizon')).toEqual(['game-7'])
    expect(labels('status:suspended')).toEqual(['game-7'])
    expect(labels('power:stopped')).toEqual(['db-1'])
    expect(labels('kind:gameserver')).toEqual(['game-7'])
    expect(labels('location:frank')).toEqual(['web-1'])
    expect(labels('tag:prod')).toEqual(['web-1'])
  })
  it('combines terms with AND and honours negation', () => {
    expect(labels('account:acme* -power:stopped')).toEqual(['web-1'])
    expect(labels('-status:active')).toEqual(['game-7'])
    expect(labels('account:acme* tag:web')).toEqual(['web-1'])
    expect(labels('account:acme* tag:nope')).toEqual([])
  })
  it('matches account: against whole names (label or id), case-insensitively, with * as a wildcard', () => {
    const prod = makeAccount('acc_pppppppp', 'prod')
    const prod2 = makeAccount('acc_qqqqqqqq', 'prod2')
    const accountRows = [
      buildRow(makeServer({ id: 'p1', label: 'p-web', accountId: prod.id }), prod),
      buildRow(makeServer({ id: 'p2', label: 'p2-web', accountId: prod2.id }), prod2)
    ]
    const find = (query: string) => accountRows.filter(compileQuery(query)).map((r) => r.server.label)
    expect(find('account:prod')).toEqual(['p-web'])
    expect(find('account:PROD')).toEqual(['p-web'])
    expect(find('-account:prod')).toEqual(['p2-web'])
    expect(find('account:prod*')).toEqual(['p-web', 'p2-web'])
    expect(find('account:*2')).toEqual(['p2-web'])
    expect(find('account:pro')).toEqual([])
    expect(find('account:acc_qqqqqqqq')).toEqual(['p2-web'])
    // Regular-expression characters in a name are literal.
    expect(find('account:prod.')).toEqual([])
    expect(labels('account:acme')).toEqual([])
    expect(labels('account:"acme aluy"')).toEqual(['web-1', 'db-1'])
  })
})

describe('trailingQualifier', () => {
  it('names the qualifier being typed last', () => {
    expect(trailingQualifier('web status:ac')).toBe('status')
    expect(trailingQualifier('web -tag:')).toBe('tag')
    expect(trailingQualifier('web')).toBeNull()
  })
})
