// Builders for the fleet's pure-module tests (not shipped: only tests import it).
import type { Account, Server } from '@shared/domain'

export function makeServer(over: Partial<Server> & { id: string }): Server {
  const accountId = over.accountId ?? 'acc_aaaaaaaa'
  return {
    key: `${accountId}:${over.id}`,
    accountId,
    provider: 'aluy',
    label: `srv-${over.id}`,
    kind: 'VPS',
    status: 'active',
    statusText: 'ACTIVE',
    power: 'running',
    primaryIpv4: null,
    primaryIpv6: null,
    location: null,
    vcpu: null,
    ramMb: null,
    diskGb: null,
    hourlyRateCents: null,
    monthlyPriceCents: null,
    createdAt: null,
    ...over
  }
}

export function makeAccount(id: string, label: string, provider: Account['provider'] = 'aluy'): Account {
  return { id, label, provider, colour: '#123456', baseUrl: 'http://127.0.0.1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
}
