import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { FleetSnapshot } from '@shared/domain'
import { makeServer } from '../fleet/testing-rows'
import { createFakeBridge, type FakeBridge } from '../testing/fake-bridge'
import { useAppStore } from './app'
import { useFleetStore } from './fleet'
import { chooseColumns, DEFAULT_COLUMNS, readPrefs, shiftColumn, useFleetViewStore } from './fleet-view'

const snapshot: FleetSnapshot = {
  servers: [
    makeServer({ id: '1', label: 'web-2', power: 'running' }),
    makeServer({ id: '2', label: 'web-1', power: 'stopped' }),
    makeServer({ id: '3', label: 'db', accountId: 'acc_bbbbbbbb', provider: 'elizon' })
  ],
  health: [],
  generatedAt: '2026-01-01T10:00:00.000Z'
}

let fake: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeBridge({ 'fleet.get': () => snapshot, 'settings.set': (patch) => ({ locale: 'system', theme: 'system', ...(patch as object) }) })
  window.flotilla = fake.bridge
})
afterEach(() => {
  vi.useRealTimers()
  delete window.flotilla
})

describe('fleet view store', () => {
  it('filters the sorted rows by the query and groups them', async () => {
    await useFleetStore().load()
    const view = useFleetViewStore()
    expect(view.filteredRows.map((r) => r.server.label)).toEqual(['db', 'web-1', 'web-2'])
    view.query = 'web -power:stopped'
    expect(view.filteredRows.map((r) => r.server.label)).toEqual(['web-2'])
    view.query = ''
    view.sortBy('label')
    expect(view.filteredRows.map((r) => r.server.label)).toEqual(['web-2', 'web-1', 'db'])
    view.groupBy = 'provider'
    expect(view.items.map((i) => (i.type === 'group' ? `#${i.label}` : i.row.server.label))).toEqual(['#aluy', 'web-2', 'web-1', '#elizon', 'db'])
  })

  it('restores the saved view once and saves changes to settings after a pause', async () => {
    vi.useFakeTimers()
    const view = useFleetViewStore()
    view.restore({ query: 'tag:x', sort: { column: 'price', direction: 'desc' }, groupBy: 'account', columns: ['label', 'nonsense', 'ipv6'] })
    expect(view.query).toBe('tag:x')
    expect(view.sort).toEqual({ column: 'price', direction: 'desc' })
    expect(view.columns).toEqual(['label', 'ipv6'])
    view.restore({ query: 'ignored', sort: { column: 'label', direction: 'asc' }, groupBy: null, columns: [] })
    expect(view.query).toBe('tag:x')

    view.query = 'web'
    await vi.advanceTimersByTimeAsync(1000)
    const saves = fake.calls.filter((c) => c.channel === 'settings.set')
    expect(saves).toHaveLength(1)
    expect(saves[0]?.input).toEqual({ fleetView: { query: 'web', sort: { column: 'price', direction: 'desc' }, groupBy: 'account', columns: ['label', 'ipv6'] } })
    expect(useAppStore().settings.fleetView?.query).toBe('web')
  })

  it('falls back to defaults for unknown saved values', () => {
    expect(readPrefs({ query: '', sort: { column: 'bogus', direction: 'desc' }, groupBy: 'planet', columns: [] })).toEqual({
      query: '',
      sort: { column: 'label', direction: 'asc' },
      groupBy: null,
      columns: [...DEFAULT_COLUMNS]
    })
  })

  it('keeps the saved column order and drops repeats', () => {
    const read = readPrefs({ query: '', sort: { column: 'label', direction: 'asc' }, groupBy: null, columns: ['price', 'label', 'price', 'location', 'label'] })
    expect(read.columns).toEqual(['price', 'label', 'location'])
  })
})

describe('column order', () => {
  it('keeps the user order for columns that stay and appends newly shown ones', () => {
    const view = useFleetViewStore()
    view.columns = ['location', 'label', 'price']
    view.setVisibleColumns(['label', 'price', 'ipv6', 'location', 'created'])
    expect(view.columns).toEqual(['location', 'label', 'price', 'ipv6', 'created'])
    view.setVisibleColumns(['created', 'label'])
    expect(view.columns).toEqual(['label', 'created'])
  })

  it('never leaves the table without columns', () => {
    expect(chooseColumns(['price', 'label'], [])).toEqual(['label'])
    expect(chooseColumns(['price', 'location'], [])).toEqual(['price'])
    expect(chooseColumns([], [])).toEqual(['label'])
    const view = useFleetViewStore()
    view.setVisibleColumns([])
    expect(view.columns).toEqual(['label'])
  })

  it('swaps a column with its neighbour and does nothing at the ends', () => {
    const view = useFleetViewStore()
    view.columns = ['label', 'account', 'location']
    expect(view.moveColumn('location', -1)).toBe(true)
    expect(view.columns).toEqual(['label', 'location', 'account'])
    expect(view.moveColumn('location', -1)).toBe(true)
    expect(view.columns).toEqual(['location', 'label', 'account'])
    expect(view.moveColumn('location', -1)).toBe(false)
    expect(view.columns).toEqual(['location', 'label', 'account'])
    expect(view.moveColumn('account', 1)).toBe(false)
    expect(view.moveColumn('label', 1)).toBe(true)
    expect(view.columns).toEqual(['location', 'account', 'label'])
    expect(shiftColumn(['label'], 'price', 1)).toEqual(['label'])
  })

  it('resets to the default columns and saves the order the user made', async () => {
    vi.useFakeTimers()
    const view = useFleetViewStore()
    view.restore(undefined)
    view.moveColumn('location', -1)
    await vi.advanceTimersByTimeAsync(1000)
    const saved = fake.calls.filter((c) => c.channel === 'settings.set').at(-1)?.input as { fleetView: { columns: string[] } }
    expect(saved.fleetView.columns.slice(4, 7)).toEqual(['power', 'location', 'ipv4'])
    view.resetColumns()
    expect(view.columns).toEqual([...DEFAULT_COLUMNS])
  })
})
