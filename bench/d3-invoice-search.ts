// D3 — invoice search: 5,000 cached invoices, a query typed one key at a time;
// each keystroke runs the renderer's own filter + sort (the functions the
// Invoices panel calls). Measured in Node, without Vue's re-render of the rows
// (the panel renders at most 500 of them).
import type { InvoiceSummary } from '../src-main/shared/contracts/billing'
import { applyFilter, buildIndex, emptyFilter, sortInvoices } from '../src-renderer/src/components/billing/invoice-search'

const COUNT = 5000
const QUERIES = ['RE-2026-0', 'vps edge', '49,90', 'proxmox web', 'INV-2025-12']

export async function run(): Promise<object> {
  const invoices = makeInvoices(COUNT)
  const indexStart = performance.now()
  const index = buildIndex(invoices)
  const indexMs = performance.now() - indexStart
  const timings: number[] = []
  for (let round = 0; round < 4; round++) {
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) {
        const started = performance.now()
        const hits = applyFilter(index, { ...emptyFilter(), query: query.slice(0, i) })
        sortInvoices(hits, { key: 'issuedAt', descending: true }, (id) => id)
        timings.push(performance.now() - started)
      }
    }
  }
  timings.sort((a, b) => a - b)
  const pct = (p: number) => Math.round((timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? 0) * 100) / 100
  return { id: 'D3', name: 'search 5,000 cached invoices, keystroke → results', invoices: COUNT, keystrokes: timings.length, buildIndexMs: Math.round(indexMs), p50Ms: pct(0.5), p95Ms: pct(0.95), maxMs: pct(1), targetP95Ms: 50 }
}

function makeInvoices(n: number): InvoiceSummary[] {
  const labels = ['VPS - edge-fi-01', 'Proxmox M (web-01)', 'DEDICATED - db-02', 'Account fee', 'VPS Starter — 1 GB']
  return Array.from({ length: n }, (_, i) => {
    const total = 500 + ((i * 7919) % 200_000)
    const month = String(1 + (i % 12)).padStart(2, '0')
    return {
      key: `acc_bench${i % 5}00:${i}`,
      id: String(i),
      accountId: `acc_bench${i % 5}00`,
      provider: i % 2 === 0 ? 'aluy' : 'elizon',
      number: i % 2 === 0 ? `INV-${2020 + (i % 7)}-${String(i).padStart(5, '0')}` : `RE-${2020 + (i % 7)}-${String(i).padStart(5, '0')}`,
      issuedAt: `${2020 + (i % 7)}-${month}-01T00:00:00.000Z`,
      currency: 'EUR',
      netCents: Math.round(total / 1.19),
      vatCents: total - Math.round(total / 1.19),
      totalCents: total,
      status: null,
      lineLabels: [labels[i % labels.length]!, labels[(i + 2) % labels.length]!],
      pdf: 'cached'
    }
  })
}
