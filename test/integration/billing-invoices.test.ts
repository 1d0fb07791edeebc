// Invoices of both providers through main's real core, over HTTP against the
// simulators and with the real keychain: both pagination styles, the offline
// cache (encrypted, checked, resumable), legacy invoices and failed downloads.
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import type { InvoiceDetail, InvoiceList, InvoicePdf } from '../../src-main/shared/contracts/billing'
import { CACHE_KEY_ENTRY } from '../../src-main/core/billing/cache-crypto'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addSimAccount, filesUnder, syncStatus, waitForSync } from './billing-support'

const ROOMY_RATE_LIMIT = { limit: 100_000, windowMs: 60_000 }

let fx: CoreFixture | undefined
let aluy: AluySimulator | undefined
let elizon: ElizonSimulator | undefined

afterEach(async () => {
  await fx?.cleanup()
  await aluy?.close()
  await elizon?.close()
  fx = aluy = elizon = undefined
})

async function setUp(invoices: { aluy: number; elizon: number }, latencyMs = 0) {
  aluy = await startAluySimulator({ seed: 3, accounts: 1, invoicesPerAccount: invoices.aluy, latencyMs })
  elizon = await startElizonSimulator({ seed: 3, accounts: 1, invoicesPerAccount: invoices.elizon, latencyMs, rateLimit: ROOMY_RATE_LIMIT })
  fx = await makeCoreFixture()
  const aluyId = await addSimAccount(fx, aluy, 0, 'A aluy')
  const elizonId = await addSimAccount(fx, elizon, 0, 'B elizon')
  return { fx, aluy, elizon, aluyId, elizonId }
}

const list = async (f: CoreFixture) => unwrap(await f.dispatch('invoices.list', undefined)) as InvoiceList
const pdfOf = async (f: CoreFixture, key: string, refresh?: boolean) =>
  f.dispatch('invoices.pdf', refresh === undefined ? { key } : { key, refresh }) as Promise<{ ok: true; value: InvoicePdf } | { ok: false; error: { code: string; message: string } }>

describe('invoice lists', () => {
  it('loads every page of both providers: aluy by limit/offset, elizon by offset/hasMore', async () => {
    const s = await setUp({ aluy: 230, elizon: 130 })
    const refreshed = unwrap(await s.fx.dispatch('invoices.refresh', undefined)) as InvoiceList
    expect(refreshed.invoices.filter((i) => i.provider === 'aluy')).toHaveLength(230)
    expect(refreshed.invoices.filter((i) => i.provider === 'elizon')).toHaveLength(130)
    expect(new Set(refreshed.invoices.map((i) => i.key)).size).toBe(360)

    const aluyPages = s.aluy.requests.filter((r) => r.path.endsWith('/invoices')).map((r) => new URLSearchParams(r.query).get('offset'))
    expect(aluyPages).toEqual(['0', '100', '200'])
    const elizonPages = s.elizon.requests.filter((r) => r.path.endsWith('/invoices')).map((r) => new URLSearchParams(r.query).get('offset'))
    expect(elizonPages).toEqual(['0', '100'])
    // Newest first across accounts.
    const dates = refreshed.invoices.map((i) => i.issuedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
  })
})

describe('keeping invoices offline', () => {
  it('caches data and PDFs, then lists, details and PDFs still work with both simulators stopped', async () => {
    const s = await setUp({ aluy: 5, elizon: 4 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    const done = await waitForSync(s.fx)
    expect(done).toMatchObject({ keepOffline: true, total: 9, done: 9 })
    expect(done.lastSyncedAt).not.toBeNull()

    const online = await list(s.fx)
    await s.aluy.close()
    await s.elizon.close()
    aluy = elizon = undefined

    const offline = await list(s.fx)
    expect(offline.invoices.map((i) => i.key)).toEqual(online.invoices.map((i) => i.key))
    const elizonInvoice = offline.invoices.find((i) => i.provider === 'elizon')!
    const detail = unwrap(await s.fx.dispatch('invoices.get', { key: elizonInvoice.key })) as InvoiceDetail
    expect(detail.lines.length).toBeGreaterThan(0)
    expect(detail.billTo[0]).toBeTruthy()
    expect(detail.vatLines[0]?.rateBps).toBe(1900)

    for (const invoice of offline.invoices.filter((i) => i.pdf === 'cached')) {
      const answer = await pdfOf(s.fx, invoice.key)
      if (!answer.ok) throw new Error(answer.error.message)
      expect(answer.value.fromCache).toBe(true)
      const doc = await PDFDocument.load(Buffer.from(answer.value.base64, 'base64'))
      expect(doc.getTitle()).toBe(invoice.number)
    }
  })

  it('keeps a legacy aluy invoice readable as data, with a note instead of a PDF', async () => {
    const s = await setUp({ aluy: 4, elizon: 1 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    const legacy = (await list(s.fx)).invoices.filter((i) => i.pdf === 'legacy')
    // The simulator's two oldest aluy invoices predate the v2 schema.
    expect(legacy).toHaveLength(2)
    const detail = unwrap(await s.fx.dispatch('invoices.get', { key: legacy[0]!.key })) as InvoiceDetail
    expect(detail.legacy).toBe(true)
    expect(detail.lines.length).toBeGreaterThan(0)
    const answer = await pdfOf(s.fx, legacy[0]!.key)
    expect(answer.ok).toBe(false)
    if (!answer.ok) expect(answer.error.message).toMatch(/predates the current invoice format/)
  })

  it('stores nothing readable: no invoice number or bill-to name appears in any cache file', async () => {
    const s = await setUp({ aluy: 4, elizon: 3 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    const invoices = (await list(s.fx)).invoices
    const details = await Promise.all(invoices.map(async (i) => unwrap(await s.fx.dispatch('invoices.get', { key: i.key })) as InvoiceDetail))
    const secrets = [...new Set([...invoices.map((i) => i.number), ...details.map((d) => d.billTo[0]!)])]
    expect(secrets.length).toBeGreaterThan(3)

    const files = await filesUnder(join(s.fx.userDataDir, 'cache'))
    const cacheFiles = files.filter((f) => f.includes(`${join('invoices')}`))
    expect(cacheFiles.length).toBeGreaterThanOrEqual(1 + invoices.filter((i) => i.pdf === 'cached').length)
    for (const file of cacheFiles) {
      const text = (await readFile(file)).toString('latin1')
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false)
      expect(text.includes('%PDF-')).toBe(false)
    }
  })

  it('never replaces a good cached PDF with a download cut off mid-stream', async () => {
    const s = await setUp({ aluy: 3, elizon: 1 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    const invoice = (await list(s.fx)).invoices.find((i) => i.provider === 'aluy' && i.pdf === 'cached')!
    const pdfFiles = (await filesUnder(join(s.fx.userDataDir, 'cache'))).filter((f) => f.endsWith('.enc') && f.includes('pdf'))
    const before = new Map(await Promise.all(pdfFiles.map(async (f) => [f, await readFile(f)] as const)))

    s.aluy.inject({ kind: 'truncate', times: Infinity, path: new RegExp(`/invoices/${invoice.id}/pdf$`) })
    const failed = await pdfOf(s.fx, invoice.key, true)
    expect(failed.ok).toBe(false)
    expect(s.aluy.requests.filter((r) => r.path.endsWith(`${invoice.id}/pdf`)).length).toBeGreaterThan(1)

    for (const [file, bytes] of before) expect((await readFile(file)).equals(bytes)).toBe(true)
    const again = await pdfOf(s.fx, invoice.key)
    expect(again.ok && again.value.fromCache).toBe(true)
    expect((await list(s.fx)).invoices.find((i) => i.key === invoice.key)?.pdf).toBe('cached')
  })

  it('detects a corrupted cached PDF, sets it aside, and fetches it again when online', async () => {
    const s = await setUp({ aluy: 3, elizon: 1 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    const pdfFiles = (await filesUnder(join(s.fx.userDataDir, 'cache'))).filter((f) => f.endsWith('.enc') && f.includes('pdf'))
    // Damage every cached PDF (one flipped byte each), so the one opened is surely damaged.
    for (const file of pdfFiles) {
      const bytes = await readFile(file)
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff
      await writeFile(file, bytes)
    }
    const invoice = (await list(s.fx)).invoices.find((i) => i.pdf === 'cached')!
    const before = s.aluy.requests.length + s.elizon.requests.length
    const answer = await pdfOf(s.fx, invoice.key)
    if (!answer.ok) throw new Error(answer.error.message)
    expect(answer.value.fromCache).toBe(false)
    expect(Buffer.from(answer.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    expect(s.aluy.requests.length + s.elizon.requests.length).toBe(before + 1)
    const setAside = (await filesUnder(join(s.fx.userDataDir, 'cache'))).filter((f) => f.includes('.corrupt-'))
    expect(setAside.length).toBe(1)

    // Offline, a damaged PDF says so instead of showing broken bytes.
    await s.aluy.close()
    await s.elizon.close()
    aluy = elizon = undefined
    const other = (await list(s.fx)).invoices.find((i) => i.pdf === 'cached' && i.key !== invoice.key)!
    const offline = await pdfOf(s.fx, other.key)
    expect(offline.ok).toBe(false)
    expect((await list(s.fx)).invoices.find((i) => i.key === other.key)?.pdf).toBe('damaged')
  })

  it('resumes an interrupted sync after a restart without fetching cached PDFs again', async () => {
    const s = await setUp({ aluy: 40, elizon: 2 }, 25)
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await expect.poll(async () => (await syncStatus(s.fx)).done, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(8)
    await s.fx.restart()

    const afterRestart = await list(s.fx)
    const cachedBefore = afterRestart.invoices.filter((i) => i.pdf === 'cached')
    expect(cachedBefore.length).toBeGreaterThanOrEqual(8)
    expect(cachedBefore.length).toBeLessThan(40)
    const mark = s.aluy.requests.length

    const done = await waitForSync(s.fx)
    expect(done.done).toBe(42)
    const refetched = s.aluy.requests.slice(mark).filter((r) => cachedBefore.some((c) => r.path.endsWith(`/invoices/${c.id}/pdf`)))
    expect(refetched).toEqual([])
  })

  it('says the cache is unreadable when its key is gone from the keychain', async () => {
    const s = await setUp({ aluy: 2, elizon: 1 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    await s.aluy.close()
    await s.elizon.close()
    aluy = elizon = undefined
    expect(await s.fx.secrets.delete(CACHE_KEY_ENTRY)).toBe(true)
    await s.fx.restart()

    // The resumed sync fails (no network); then the unreadable cache is what there is to say.
    await expect.poll(async () => (await syncStatus(s.fx)).state, { timeout: 10_000 }).toBe('key-missing')
    const status = await syncStatus(s.fx)
    expect((await list(s.fx)).invoices).toEqual([])
    expect(status.message).toMatch(/key is not in the OS keychain/)
  })

  it('removes the cached invoices of a removed account', async () => {
    const s = await setUp({ aluy: 2, elizon: 2 })
    unwrap(await s.fx.dispatch('invoices.setKeepOffline', { enabled: true }))
    await waitForSync(s.fx)
    const dir = join(s.fx.userDataDir, 'cache', s.aluyId, 'invoices')
    expect(existsSync(dir)).toBe(true)
    unwrap(await s.fx.dispatch('accounts.remove', { id: s.aluyId }))
    expect(existsSync(dir)).toBe(false)
    expect((await list(s.fx)).invoices.every((i) => i.accountId === s.elizonId)).toBe(true)
  })
})
