// Builders for the fleet's pure-module tests (not shipped: only tests import it).
import type { Account } from '@shared/domain'
import { makeServer } from '@shared/testing/make-server'

export { makeServer }

export function makeAccount(id: string, label: string, provider: Account['provider'] = 'aluy'): Account {
  return { id, label, provider, colour: '#123456', baseUrl: 'http://127.0.0.1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
}
