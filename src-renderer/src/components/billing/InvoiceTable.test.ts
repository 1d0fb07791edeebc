// The virtualised invoice table: 5,000 invoices make a table that says it has
// 5,001 rows while only a screenful is in the DOM; the keyboard reaches the last
// invoice (rendered on demand), focuses it and opens it; a filtered list
// replaces the rows.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { InvoiceSummary } from '@shared/contracts/billing'
import { createFlotillaI18n } from '../../i18n'
import InvoiceTable from './InvoiceTable.vue'

function invoice(i: number): InvoiceSummary {
  return {
    key: `acc_aaaaaaaa:${i}`,
    id: String(i),
    accountId: 'acc_aaaaaaaa',
    provider: 'aluy',
    number: `RE-${String(i).padStart(5, '0')}`,
    issuedAt: new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString(),
    currency: 'EUR',
    netCents: 1000 + i,
    vatCents: 190,
    totalCents: 1190 + i,
    status: null,
    lineLabels: [],
    pdf: 'cached'
  }
}

const many = Array.from({ length: 5000 }, (_, i) => invoice(i))
let wrapper: VueWrapper | undefined

function mountTable(invoices: InvoiceSummary[]): VueWrapper {
  wrapper = mount(InvoiceTable, {
    props: { invoices, selected: null, accountLabel: () => 'Acme', accountColour: () => '#16a34a', emptyText: 'No invoices match.' },
    global: { plugins: [createFlotillaI18n('en')] },
    attachTo: document.body
  })
  return wrapper
}

// happy-dom does no layout: the virtualiser would see a 0×0 scroller and draw
// nothing. Every element reports the size of a 600-pixel-high viewport instead.
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

const bodyRows = (w: VueWrapper) => w.findAll('[role="rowgroup"]:last-of-type [role="row"]')

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('InvoiceTable', () => {
  it('keeps table semantics for all 5,000 invoices with only a screenful of rows in the DOM', async () => {
    const w = mountTable(many)
    await flushPromises()
    const table = w.get('[role="table"]')
    expect(table.attributes('aria-label')).toBe('Invoices')
    expect(table.attributes('aria-rowcount')).toBe('5001')
    expect(w.findAll('[role="columnheader"]').map((h) => h.text())).toEqual(['Number', 'Account', 'Issued', 'Total', 'PDF'])
    const rows = bodyRows(w)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0]!.attributes('aria-rowindex')).toBe('2')
    expect(rows[0]!.get('button').text()).toBe('RE-00000')
    expect(rows[0]!.findAll('[role="cell"]')).toHaveLength(5)
  })

  it('End makes the last invoice active; scrolled to the bottom it is rendered and focused; Enter opens it', async () => {
    const w = mountTable(many)
    await flushPromises()
    const body = w.get('.it-body')
    // The first row is the table's one tab stop; keys pressed on it reach the body's handler.
    const first = w.get('#invoice-row-0')
    expect(first.attributes('tabindex')).toBe('0')
    ;(first.element as HTMLElement).focus()
    await first.trigger('keydown', { key: 'End' })
    // happy-dom has no layout, so the scroll the virtualiser asks for is done here by hand.
    const scroller = w.get('.it-scroll').element as HTMLElement
    scroller.scrollTop = 40 + 5000 * 40 - 600
    scroller.dispatchEvent(new Event('scroll'))
    await flushPromises()
    const last = w.find('#invoice-row-4999')
    expect(last.exists()).toBe(true)
    expect(last.attributes('tabindex')).toBe('0')
    expect(document.activeElement).toBe(last.element)
    expect(last.attributes('aria-rowindex')).toBe('5001')
    expect(last.text()).toContain('RE-04999')
    await body.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('open')).toEqual([['acc_aaaaaaaa:4999']])
  })

  it('clicking a number opens that invoice', async () => {
    const w = mountTable(many.slice(0, 10))
    await flushPromises()
    await bodyRows(w)[3]!.get('button').trigger('click')
    expect(w.emitted('open')).toEqual([['acc_aaaaaaaa:3']])
  })

  it('a filtered list replaces the rows; an empty one says so', async () => {
    const w = mountTable(many)
    await flushPromises()
    await w.setProps({ invoices: [many[42]!, many[7]!] })
    await flushPromises()
    expect(bodyRows(w).map((r) => r.get('button').text())).toEqual(['RE-00042', 'RE-00007'])
    expect(w.get('[role="table"]').attributes('aria-rowcount')).toBe('3')
    await w.setProps({ invoices: [] })
    await flushPromises()
    expect(bodyRows(w)).toHaveLength(0)
    expect(w.get('[role="status"]').text()).toBe('No invoices match.')
  })
})
