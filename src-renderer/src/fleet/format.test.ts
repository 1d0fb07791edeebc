import { describe, expect, it } from 'vitest'
import { powerKey } from './format'
import { makeServer } from './testing-rows'

describe('powerKey', () => {
  it('names a known power state as it is', () => {
    expect(powerKey(makeServer({ id: '1', power: 'running' }))).toBe('running')
    expect(powerKey(makeServer({ id: '2', power: 'stopped', provider: 'elizon' }))).toBe('stopped')
  })

  it('keeps "unknown" for a server that has power actions but whose state is not read yet', () => {
    expect(powerKey(makeServer({ id: '1', power: 'unknown' }))).toBe('unknown')
    expect(powerKey(makeServer({ id: '2', power: 'unknown', provider: 'elizon', kind: 'GAMESERVER' }))).toBe('unknown')
  })

  it('says "not applicable" where the provider offers no power at all', () => {
    expect(powerKey(makeServer({ id: '1', power: 'unknown', status: 'terminated' }))).toBe('notApplicable')
    expect(powerKey(makeServer({ id: '2', power: 'unknown', kind: 'DEDICATED' }))).toBe('notApplicable')
    expect(powerKey(makeServer({ id: '3', power: 'unknown', kind: 'HETZNER_STORAGEBOX' }))).toBe('notApplicable')
    expect(powerKey(makeServer({ id: '4', power: 'unknown', provider: 'elizon', status: 'cancelled' }))).toBe('notApplicable')
  })
})
