// Issue 16, planted bugs 3 and 4: the encrypted invoice cache. Searching the
// files for plaintext is not enough — a constant IV or file names made from the
// invoice id both pass that. Here: a fresh IV for every write (same plaintext →
// different bytes), names under userData that reveal no invoice id or number,
// and one flipped byte in the IV, the tag or the ciphertext rejected, with the
// damaged file set aside rather than read or deleted. Real keychain, real files.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PDFDocument } from 'pdf-lib'
import { CACHE_KEY_ENTRY, CacheKeyStore, open, seal } from '../../src-main/core/billing/cache-crypto'
import { InvoiceCache, type InvoiceIndex } from '../../src-main/core/billing/invoice-cache'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import type { InvoiceList } from '../../src-main/shared/contracts/billing'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addSimAccount, filesUnder, waitForSync } from './billing-support'

const MAGIC = 4
const IV = 12
const TAG = 16
/** Where each part of `FLC1 | iv | tag | ciphertext` starts. */
const REGIONS = { iv: MAGIC, tag: MAGIC + IV, ciphertext: MAGIC + IV + TAG } as const

const ivOf = (sealed: Buffer) => sealed.subarray(REGIONS.iv, REGIONS.tag)
const flipped = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes)
  copy[at] = copy[at]! ^ 0x01
  return copy
}

describe('sealing: a fresh IV for every write', () => {
  const key = randomBytes(32)
  const plain = Buffer.from('{"invoices":[{"number":"INV-2026-0001"}]}')

  it('two writes of the same plaintext under the same key and context differ, IV bytes included; both open', () => {
    const a = seal(key, plain, 'ctx')
    const b = seal(key, plain, 'ctx')
    expect(a.equals(b)).toBe(false)
    expect(ivOf(a).equals(ivOf(b))).toBe(false)
    expect(open(key, a, 'ctx').equals(plain)).toBe(true)
    expect(open(key, b, 'ctx').equals(plain)).toBe(true)
  })

  it('no IV repeats over many writes, and none is all zeros', () => {
    const ivs = Array.from({ length: 200 }, () => ivOf(seal(key, plain, 'ctx')).toString('hex'))
    expect(new Set(ivs).size).toBe(200)
    expect(ivs).not.toContain('00'.repeat(IV))
  })

  it('one flipped byte in the IV, the tag, the ciphertext or the magic is rejected', () => {
    const sealed = seal(key, plain, 'ctx')
    for (const at of [0, REGIONS.iv, REGIONS.tag - 1, REGIONS.tag, REGIONS.ciphertext - 1, REGIONS.ciphertext, sealed.length - 1]) {
      expect(() => open(key, flipped(sealed, at), 'ctx'), `byte ${at}`).toThrow(/damaged/)
    }
    expect(() => open(key, sealed, 'other context'), 'another file’s role').toThrow(/damaged/)
    expect(() => open(randomBytes(32), sealed, 'ctx'), 'another key').toThrow(/another key/)
    // Shorter than magic + IV + tag, or not starting with the magic: refused before any decryption.
    expect(() => open(key, sealed.subarray(0, REGIONS.ciphertext - 1), 'ctx'), 'too short').toThrow(/^A cached invoice file is damaged\.$/)
    expect(() => open(key, Buffer.concat([Buffer.from('FLC0'), sealed.subarray(MAGIC)]), 'ctx'), 'other magic').toThrow(/^A cached invoice file is damaged\.$/)
  })

  it('a sealed file starts with the format magic; an empty plaintext still has its whole header', () => {
    const sealed = seal(key, plain, 'ctx')
    expect(sealed.subarray(0, MAGIC).toString('latin1')).toBe('FLC1')
    expect(sealed.length).toBe(MAGIC + IV + TAG + plain.length)
    const empty = seal(key, Buffer.alloc(0), 'ctx')
    expect(empty.length).toBe(MAGIC + IV + TAG)
    expect(open(key, empty, 'ctx').length).toBe(0)
  })

  it('errors are storage errors, so the cache sets the file aside instead of failing the app', () => {
    const sealed = seal(key, plain, 'ctx')
    for (const damaged of [sealed.subarray(0, 3), flipped(sealed, sealed.length - 1)]) {
      try {
        open(key, damaged, 'ctx')
        throw new Error('opened')
      } catch (error) {
        expect((error as { code?: string }).code).toBe('storage')
      }
    }
  })
})

describe('the cache key in the keychain', () => {
  let secrets: KeytarSecretStore
  beforeAll(() => {
    secrets = new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` })
  })
  afterAll(async () => {
    for (const id of await secrets.list().catch(() => [])) await secrets.delete(id).catch(() => false)
  })

  it('none until first needed; created once even by concurrent first writes; found again from the keychain', async () => {
    const store = new CacheKeyStore(secrets)
    expect(await store.find()).toBeNull()
    const [a, b] = await Promise.all([store.getOrCreate(), store.getOrCreate()])
    expect(a.length).toBe(32)
    expect(a.equals(b)).toBe(true)
    expect(await store.find()).toBe(a)
    expect(await secrets.get(CACHE_KEY_ENTRY)).toBe(a.toString('base64'))
    // Another start of the app reads the same key back.
    const again = new CacheKeyStore(secrets)
    expect((await again.find())?.equals(a)).toBe(true)
    expect((await again.getOrCreate()).equals(a)).toBe(true)
  })

  it('a keychain entry that is not a 32-byte key counts as no key', async () => {
    await secrets.set(CACHE_KEY_ENTRY, randomBytes(16).toString('base64'))
    expect(await new CacheKeyStore(secrets).find()).toBeNull()
    await secrets.set(CACHE_KEY_ENTRY, randomBytes(32).toString('hex'))
    expect(await new CacheKeyStore(secrets).find()).toBeNull()
  })
})

describe('the invoice cache on disk: damaged files are set aside', () => {
  let dir: string
  let secrets: KeytarSecretStore
  let cache: InvoiceCache
  const pdf = async (title: string) => {
    const doc = await PDFDocument.create()
    doc.setTitle(title)
    doc.addPage()
    return Buffer.from(await doc.save())
  }
  const index: InvoiceIndex = { version: 1, syncedAt: '2026-12-01T00:00:00.000Z', invoices: [] }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flotilla-cache-'))
    secrets = new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` })
    cache = new InvoiceCache(dir, new CacheKeyStore(secrets))
  })
  afterAll(async () => {
    for (const id of await secrets.list().catch(() => [])) await secrets.delete(id).catch(() => false)
    await rm(dir, { recursive: true, force: true })
  })
  afterEach(async () => {
    await rm(join(dir, 'acc_x'), { recursive: true, force: true })
  })

  const indexPath = () => join(cache.dir('acc_x'), 'index.enc')

  it('rewriting the same index gives a different IV', async () => {
    await cache.writeIndex('acc_x', index)
    const first = await readFile(indexPath())
    await cache.writeIndex('acc_x', index)
    const second = await readFile(indexPath())
    expect(ivOf(first).equals(ivOf(second))).toBe(false)
    expect(await cache.readIndex('acc_x')).toEqual({ status: 'ok', index })
  })

  for (const region of ['iv', 'tag', 'ciphertext'] as const) {
    it(`an index with one flipped ${region} byte is not read, and is set aside (not deleted)`, async () => {
      await cache.writeIndex('acc_x', index)
      const good = await readFile(indexPath())
      await writeFile(indexPath(), flipped(good, REGIONS[region] + 1))
      const read = await cache.readIndex('acc_x')
      if (read.status !== 'corrupt') throw new Error(`expected corrupt, got ${read.status}`)
      expect(basename(read.movedTo)).toMatch(/^index\.enc\.corrupt-/)
      expect((await readFile(read.movedTo)).equals(flipped(good, REGIONS[region] + 1))).toBe(true)
      expect(await cache.readIndex('acc_x')).toEqual({ status: 'missing' })
    })

    it(`a PDF with one flipped ${region} byte is refused and set aside`, async () => {
      const bytes = await pdf(`INV-${region}`)
      const meta = await cache.writePdf('acc_x', `inv-${region}`, bytes, bytes.length, new Date())
      expect((await cache.readPdf('acc_x', `inv-${region}`, meta)).equals(bytes)).toBe(true)
      const path = join(cache.dir('acc_x'), 'pdf', `${meta.file}.enc`)
      await writeFile(path, flipped(await readFile(path), REGIONS[region] + 2))
      await expect(cache.readPdf('acc_x', `inv-${region}`, meta)).rejects.toThrow(/damaged; it was set aside/)
      const left = await readdir(join(cache.dir('acc_x'), 'pdf'))
      expect(left).toHaveLength(1)
      expect(left[0]).toMatch(new RegExp(`^${meta.file}\\.enc\\.corrupt-`))
    })
  }

  it('a PDF file name is the same for the same invoice and reveals nothing of its id', async () => {
    const bytes = await pdf('INV-NAME')
    const id = 'clxinvoice0000000000000001'
    const a = await cache.writePdf('acc_x', id, bytes, bytes.length, new Date())
    const b = await cache.writePdf('acc_x', id, bytes, bytes.length, new Date())
    expect(a.file).toBe(b.file)
    expect(a.file).toMatch(/^[0-9a-f]{32}$/)
    expect(a.file).not.toContain(id)
    const other = await cache.writePdf('acc_x', `${id}2`, bytes, bytes.length, new Date())
    expect(other.file).not.toBe(a.file)
  })
})

describe('after a real sync of both providers', () => {
  let aluy: AluySimulator
  let elizon: ElizonSimulator
  let fx: CoreFixture

  beforeAll(async () => {
    aluy = await startAluySimulator({ seed: 163, accounts: 1, invoicesPerAccount: 5 })
    elizon = await startElizonSimulator({ seed: 163, accounts: 1, invoicesPerAccount: 4, rateLimit: { limit: 100_000, windowMs: 60_000 } })
    fx = await makeCoreFixture()
    await addSimAccount(fx, aluy, 0, 'A aluy')
    await addSimAccount(fx, elizon, 0, 'B elizon')
    unwrap(await fx.dispatch('invoices.setKeepOffline', { enabled: true }))
  })
  afterAll(async () => {
    await fx.cleanup()
    await aluy.close()
    await elizon.close()
  })
  // expect.poll (inside waitForSync) runs only within a test: the first test to need the sync waits for it.
  let sync: Promise<unknown> | null = null
  const synced = () => (sync ??= waitForSync(fx))

  it('no path under userData names an invoice id or number', async () => {
    await synced()
    const invoices = (unwrap(await fx.dispatch('invoices.list', undefined)) as InvoiceList).invoices
    const cached = invoices.filter((i) => i.pdf === 'cached')
    expect(cached.length).toBeGreaterThanOrEqual(5)
    const paths = (await filesUnder(fx.userDataDir)).map((p) => relative(fx.userDataDir, p))
    const pdfs = paths.filter((p) => p.includes(join('invoices', 'pdf')))
    expect(pdfs).toHaveLength(cached.length)
    for (const p of pdfs) expect(basename(p)).toMatch(/^[0-9a-f]{32}\.enc$/)
    for (const invoice of invoices) {
      for (const revealing of [invoice.id, invoice.number]) {
        expect(paths.filter((p) => p.includes(revealing)), `${revealing} in a path`).toEqual([])
      }
    }
  })

  it('every cached file was sealed with its own IV', async () => {
    await synced()
    const sealed = (await filesUnder(join(fx.userDataDir, 'cache'))).filter((p) => p.endsWith('.enc'))
    const ivs = await Promise.all(sealed.map(async (p) => ivOf(await readFile(p)).toString('hex')))
    expect(ivs.length).toBeGreaterThanOrEqual(7)
    expect(new Set(ivs).size).toBe(ivs.length)
  })
})
