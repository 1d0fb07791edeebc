// A normalised Server for tests in main and renderer alike (only tests import
// it, so it is never bundled): the defaults an ordinary running aluy VPS has.
import type { Server } from '../domain'

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
