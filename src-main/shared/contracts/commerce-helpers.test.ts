// The pure helpers the renderer and main share for issue 6: the OpenSSH check
// that runs before anything is sent, the custom-build quote, ticket ordering.
import { describe, expect, it } from 'vitest'
import { checkOpenSshPublicKey } from './ssh-keys'
import { customSpecProblems, hourlyFromMonthlyCents, quoteCustomMonthlyCents } from './orders'
import { sortTickets, type TicketSummary } from './tickets'

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2Wc7TtU0s3c4l6nbHMRqkzfNuEwmtOq7E5OdTWZ8Ys me@host'

describe('checkOpenSshPublicKey', () => {
  it('accepts a key line and keeps its comment', () => {
    expect(checkOpenSshPublicKey(`  ${ED25519}\n`)).toMatchObject({ ok: true, type: 'ssh-ed25519', comment: 'me@host' })
  })
  it.each([
    ['', 'empty'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nabc', 'private-key'],
    [`${ED25519}\n${ED25519}`, 'multiple-lines'],
    ['ssh-foo AAAA', 'unknown-type'],
    ['ssh-ed25519 AAAA*', 'bad-base64'],
    [ED25519.replace('ssh-ed25519', 'ssh-rsa'), 'type-mismatch']
  ])('refuses %j as %s', (text, problem) => {
    expect(checkOpenSshPublicKey(text)).toEqual({ ok: false, problem })
  })
})

describe('custom quote', () => {
  const pricing = { ramPer1GbCents: 200, cpuPerCoreCents: 300, ssdPer10GbCents: 100 }
  it('charges disk per started 10 GB and extra IPv4 per address', () => {
    expect(quoteCustomMonthlyCents(pricing, { cpuCores: 2, ramGb: 4, ssdGb: 61, location: 'x', extraIpv4: 1 }, 100)).toBe(800 + 600 + 700 + 100)
    expect(hourlyFromMonthlyCents(2000)).toBe(3)
    expect(hourlyFromMonthlyCents(1)).toBe(1)
  })
  it('names the resources outside the limits', () => {
    const limits = { minRamGb: 1, maxRamGb: 64, minCpuCores: 1, maxCpuCores: 16, minSsdGb: 20, maxSsdGb: 1000 }
    expect(customSpecProblems(limits, { cpuCores: 32, ramGb: 4, ssdGb: 10, location: 'x' })).toEqual(['cpu', 'ssd'])
  })
})

describe('sortTickets', () => {
  it('puts unread staff answers first, then the most recently updated', () => {
    const t = (id: string, unreadStaff: boolean, updatedAt: string) => ({ id, unreadStaff, updatedAt }) as TicketSummary
    expect(sortTickets([t('a', false, '2026-03'), t('b', true, '2026-01'), t('c', false, '2026-04')]).map((x) => x.id)).toEqual(['b', 'c', 'a'])
  })
})
