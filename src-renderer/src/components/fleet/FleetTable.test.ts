// The fleet table's power and status cells show the provider's own word when it
// is one we do not know (11.1: MIGRATING, never "power unknown"), and a row the
// provider sent oddly carries a small warning marker whose text is its name (en+de).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Server } from '@shared/domain'
import { createFlotillaI18n } from '../../i18n'
import { EMPTY_META, type FleetRow, type ListItem } from '../../fleet/rows'
import { makeServer } from '../../fleet/testing-rows'
import FleetTable from './FleetTable.vue'

function row(server: Server): ListItem {
  const r: FleetRow = { key: server.key, server, accountLabel: 'Acme', colour: '#16a34a', meta: EMPTY_META, text: '', fields: {} as FleetRow['fields'] }
  return { type: 'row', row: r }
}

const servers = [
  makeServer({ id: 'm', label: 'mig', provider: 'elizon', status: 'unknown', statusText: 'MIGRATING', power: 'unknown', powerText: 'MIGRATING' }),
  makeServer({ id: 'r', label: 'run', provider: 'elizon', statusText: 'RUNNING', power: 'running', powerText: null }),
  makeServer({ id: 'w', label: 'odd', provider: 'elizon', statusText: 'STOPPED', power: 'stopped', warnings: ['resources.cpu: expected number'] })
]

let wrapper: VueWrapper | undefined
function mountTable(locale: 'en' | 'de' = 'en'): VueWrapper {
  wrapper = mount(FleetTable, {
    props: {
      items: servers.map(row),
      columns: ['label', 'status', 'power'],
      sort: { column: 'label', direction: 'asc' },
      selected: new Set<string>(),
      offlineAccounts: new Set<string>(),
      allShownSelected: false
    },
    global: { plugins: [createFlotillaI18n(locale)] },
    attachTo: document.body
  })
  return wrapper
}

// happy-dom does no layout: give the virtualiser a viewport (as InvoiceTable.test does).
const sizes = ['clientHeight', 'clientWidth'] as const
const saved = sizes.map((p) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, p))
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 })
})
afterAll(() => {
  sizes.forEach((p, i) => {
    const descriptor = saved[i]
    if (descriptor) Object.defineProperty(HTMLElement.prototype, p, descriptor)
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[p]
  })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function cellsOf(w: VueWrapper, key: string): string[] {
  return w.get(`[data-key="${key}"]`).findAll('[role="cell"]').slice(1).map((c) => c.text())
}

describe('FleetTable power and warnings', () => {
  it('shows an unknown provider word as it came, in the status and the power cell', async () => {
    const w = mountTable()
    await flushPromises()
    const [, status, power] = cellsOf(w, servers[0]!.key)
    expect(status).toBe('MIGRATING')
    expect(power).toBe('MIGRATING')
    expect(cellsOf(w, servers[1]!.key)[2]).toBe('running')
  })

  it('marks a row with warnings: an image named by the warning text, none on whole rows', async () => {
    const w = mountTable()
    await flushPromises()
    const marker = w.get(`[data-key="${servers[2]!.key}"] [data-testid="row-warning"]`)
    expect(marker.attributes('role')).toBe('img')
    expect(marker.attributes('aria-label')).toBe('Not everything the provider sent could be read: resources.cpu: expected number')
    expect(w.findAll('[data-testid="row-warning"]')).toHaveLength(1)
  })

  it('names the marker in German too', async () => {
    const w = mountTable('de')
    await flushPromises()
    expect(w.get('[data-testid="row-warning"]').attributes('aria-label')).toBe('Nicht alles, was der Anbieter sandte, war lesbar: resources.cpu: expected number')
  })
})
