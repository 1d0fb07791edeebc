// happy-dom has no canvas: SpendChart must still give every month's amount as a
// table (the chart's text equivalent) and must not try to draw.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createFlotillaI18n } from '../../i18n'
import SpendChart from './SpendChart.vue'

let wrapper: VueWrapper | undefined

afterEach(() => wrapper?.unmount())

function mountChart(points: { month: string; totalCents: number }[]): VueWrapper {
  wrapper = mount(SpendChart, { props: { points, currency: 'EUR' }, global: { plugins: [createFlotillaI18n('en')] } })
  return wrapper
}

describe('SpendChart without a canvas', () => {
  it('lists each month with its amount in the table', async () => {
    const w = mountChart([
      { month: '2026-01', totalCents: 1250 },
      { month: '2026-02', totalCents: 99_999 }
    ])
    await flushPromises()
    const rows = w.get('table').findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['Jan 26', '€12.50'],
      ['Feb 26', '€999.99']
    ])
    expect(w.find('canvas').exists()).toBe(false)
  })

  it('shows months without spend between the first and the last as zero, in order', async () => {
    const w = mountChart([
      { month: '2025-11', totalCents: 500 },
      { month: '2026-02', totalCents: 1250 }
    ])
    await flushPromises()
    const rows = w.get('table').findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['Nov 25', '€5.00'],
      ['Dec 25', '€0.00'],
      ['Jan 26', '€0.00'],
      ['Feb 26', '€12.50']
    ])
  })

  it('shows only the last 24 months', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ month: `20${24 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, totalCents: i }))
    const w = mountChart(points)
    expect(w.get('table').findAll('tbody tr')).toHaveLength(24)
  })

  it('says so when there is nothing to chart', () => {
    const w = mountChart([])
    expect(w.find('table').exists()).toBe(false)
    expect(w.get('figure').text()).toContain(w.vm.$t('billing.chartEmpty'))
  })
})
