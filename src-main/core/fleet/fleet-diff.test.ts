// The fleet diff on its own: which rows go out again, which keys are gone, and
// which transitions (the notifications' source) each change makes. The live
// path through the real core is test/integration/planted-fleet-transitions.test.ts.
import { describe, expect, it } from 'vitest'
import { makeServer } from '../../shared/testing/make-server'
import type { Server } from '../../shared/domain'
import { diffServers, isEmptyDiff, sameServer } from './fleet-diff'

function server(id: string, over: Partial<Server> = {}): Server {
  return makeServer({ ...over, id })
}

/** The transition kind one change of one server makes (null: none). */
function kindOf(before: Partial<Server>, after: Partial<Server>): string | null {
  const diff = diffServers([server('a', before)], [server('a', after)])
  expect(diff.transitions.length).toBeLessThanOrEqual(1)
  return diff.transitions[0]?.kind ?? null
}

describe('diffServers', () => {
  it('sends nothing when nothing changed', () => {
    const list = [server('a'), server('b')]
    const diff = diffServers(list, list.map((s) => ({ ...s })))
    expect(diff).toEqual({ upserts: [], removedKeys: [], transitions: [] })
    expect(isEmptyDiff(diff)).toBe(true)
  })

  it('sends a changed row again, a new row without a transition, and a gone key with "removed"', () => {
    const before = [server('a'), server('gone', { label: 'old-box', status: 'suspended', power: 'stopped' })]
    const after = [server('a', { primaryIpv4: '10.0.0.1' }), server('new')]
    const diff = diffServers(before, after)
    expect(diff.upserts.map((s) => s.id)).toEqual(['a', 'new'])
    expect(diff.removedKeys).toEqual(['acc_aaaaaaaa:gone'])
    expect(diff.transitions).toEqual([
      { key: 'acc_aaaaaaaa:gone', accountId: 'acc_aaaaaaaa', label: 'old-box', kind: 'removed', from: { status: 'suspended', power: 'stopped' }, to: null }
    ])
    expect(isEmptyDiff(diff)).toBe(false)
    expect(isEmptyDiff({ upserts: [], removedKeys: ['x'], transitions: [] })).toBe(false)
    expect(isEmptyDiff({ upserts: [server('a')], removedKeys: [], transitions: [] })).toBe(false)
  })

  it('names each transition with the server, its account and both states', () => {
    const diff = diffServers([server('a', { status: 'pending', power: 'stopped', label: 'web' })], [server('a', { status: 'active', power: 'running', label: 'web' })])
    expect(diff.transitions).toEqual([
      { key: 'acc_aaaaaaaa:a', accountId: 'acc_aaaaaaaa', label: 'web', kind: 'provisioned', from: { status: 'pending', power: 'stopped' }, to: { status: 'active', power: 'running' } }
    ])
  })

  it('tells each kind of change apart', () => {
    expect(kindOf({ status: 'pending', power: 'stopped' }, { status: 'active', power: 'stopped' })).toBe('provisioned')
    expect(kindOf({ status: 'pending' }, { status: 'pending', provisionIssue: true })).toBe('provision-failed')
    expect(kindOf({ status: 'pending', provisionIssue: false }, { status: 'active', provisionIssue: true })).toBe('provision-failed')
    expect(kindOf({ status: 'active' }, { status: 'suspended' })).toBe('suspended')
    expect(kindOf({ status: 'pending' }, { status: 'suspended' })).toBe('suspended')
    expect(kindOf({ status: 'suspended' }, { status: 'active' })).toBe('unsuspended')
    expect(kindOf({ power: 'running' }, { power: 'stopped' })).toBe('stopped')
    expect(kindOf({ power: 'stopped' }, { power: 'running' })).toBe('started')
  })

  it('makes no news of changes that mean nothing to a user', () => {
    // A provision issue already known, a label, power words not both known, other statuses.
    expect(kindOf({ status: 'pending', provisionIssue: true }, { status: 'pending', provisionIssue: true, label: 'x' })).toBeNull()
    expect(kindOf({ power: 'unknown' }, { power: 'stopped' })).toBeNull()
    expect(kindOf({ power: 'running' }, { power: 'unknown' })).toBeNull()
    expect(kindOf({ power: 'starting' }, { power: 'running' })).toBeNull()
    expect(kindOf({ power: 'stopped' }, { power: 'stopping' })).toBeNull()
    expect(kindOf({ status: 'suspended' }, { status: 'suspended', label: 'y' })).toBeNull()
    expect(kindOf({ status: 'active' }, { status: 'terminated', power: 'running' })).toBeNull()
    expect(kindOf({ status: 'pending' }, { status: 'cancelled' })).toBeNull()
    expect(kindOf({ status: 'suspended' }, { status: 'terminated' })).toBeNull()
    expect(kindOf({ status: 'active', power: 'running' }, { status: 'pending', power: 'running' })).toBeNull()
  })

  it('a status change wins over a power change of the same server', () => {
    expect(kindOf({ status: 'active', power: 'running' }, { status: 'suspended', power: 'stopped' })).toBe('suspended')
    expect(kindOf({ status: 'suspended', power: 'stopped' }, { status: 'active', power: 'running' })).toBe('unsuspended')
    expect(kindOf({ status: 'pending', power: 'stopped' }, { status: 'active', power: 'running' })).toBe('provisioned')
  })
})

describe('sameServer', () => {
  it('compares every field, including ones only one side has', () => {
    expect(sameServer(server('a'), server('a'))).toBe(true)
    expect(sameServer(server('a'), server('a', { label: 'other' }))).toBe(false)
    expect(sameServer(server('a'), { ...server('a'), provisionIssue: true })).toBe(false)
    expect(sameServer({ ...server('a'), provisionIssue: true }, server('a'))).toBe(false)
  })
})
