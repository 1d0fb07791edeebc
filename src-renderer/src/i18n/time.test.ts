import { describe, expect, it } from 'vitest'
import { formatBillingDay } from './time'

describe('formatBillingDay', () => {
  it('shows the UTC calendar day, without a time, whatever the machine’s zone', () => {
    expect(formatBillingDay('2026-11-01T00:00:00.000Z', 'en-US')).toBe('Nov 1, 2026')
    expect(formatBillingDay('2026-11-30T23:30:00.000Z', 'en-US')).toBe('Nov 30, 2026')
    expect(formatBillingDay('2026-11-01T00:00:00.000Z', 'de')).toBe('01.11.2026')
  })

  it('leaves text that is not a date as it is', () => {
    expect(formatBillingDay('soon', 'en-US')).toBe('soon')
  })
})
