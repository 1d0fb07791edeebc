import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { TicketSummary, TicketsOverview } from '@shared/contracts/tickets'
import { useTicketsStore } from './tickets'
import { createFakeBridge } from '../testing/fake-bridge'

function ticket(id: string, unreadStaff: boolean): TicketSummary {
  return {
    key: `acc_aaaaaaaa:${id}`, accountId: 'acc_aaaaaaaa', provider: 'aluy', id, subject: `Subject ${id}`, state: unreadStaff ? 'awaiting-customer' : 'open',
    statusText: unreadStaff ? 'AWAITING_CUSTOMER' : 'OPEN', priority: null, messageCount: 2, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', unreadStaff
  }
}

let overview: TicketsOverview

beforeEach(() => {
  setActivePinia(createPinia())
  overview = { tickets: [ticket('1', true), ticket('2', false)], accounts: [] }
  window.flotilla = createFakeBridge({ 'tickets.list': () => overview, 'tickets.get': () => ({ summary: ticket('2', false), messages: [], services: [], fromCache: false, cachedAt: null, canClose: false, canExport: false }) }).bridge
})
afterEach(() => {
  delete window.flotilla
})

describe('tickets store', () => {
  it('opening a thread clears its unread mark', async () => {
    const store = useTicketsStore()
    await store.load()
    await store.open('acc_aaaaaaaa:1')
    expect(store.overview?.tickets.find((t) => t.id === '1')?.unreadStaff).toBe(false)
  })
})
