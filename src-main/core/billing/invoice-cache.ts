// The encrypted invoice cache of one account: userData/cache/<accountId>/invoices/
//   index.enc          every invoice's data + what is known about its PDF (digest, length)
//   pdf/<opaque>.enc   one PDF each, named by an HMAC of the id so names reveal nothing
// Writes are atomic (temp file, fsync, rename), so a failed download never
// replaces a good file; reads check the GCM tag, the `%PDF-` header, the length
// and the SHA-256 kept in the index, and set a damaged file aside (never delete it).
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open as openFile, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { FlotillaError } from '../../shared/errors'
import type { InvoiceRecord } from '../providers/billing-port'
import { open, opaqueName, seal, type CacheKeyStore } from './cache-crypto'

const PdfMeta = z.object({ file: z.string(), sha256: z.string(), length: z.number().int(), cachedAt: z.string() })
export type PdfMeta = z.infer<typeof PdfMeta>

const Record = z.object({
  id: z.string(),
  number: z.string(),
  issuedAt: z.string(),
  currency: z.string(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  totalCents: z.number().int(),
  status: z.string().nullable(),
  dueAt: z.string().nullable(),
  lines: z.array(z.object({ label: z.string(), quantity: z.number().nullable(), totalCents: z.number().int() })),
  vatLines: z.array(z.object({ rateBps: z.number().int(), baseCents: z.number().int(), vatCents: z.number().int() })),
  billTo: z.array(z.string()),
  orderId: z.string().nullable(),
  legacy: z.boolean(),
  detailed: z.boolean()
})

const CachedInvoice = z.object({
  record: Record,
  pdf: PdfMeta.nullable(),
  /** The PDF was found damaged and set aside; refetch when online. */
  pdfDamaged: z.boolean().default(false)
})
export type CachedInvoice = z.infer<typeof CachedInvoice>

const IndexFile = z.object({ version: z.literal(1), syncedAt: z.string().nullable(), invoices: z.array(CachedInvoice) })
export type InvoiceIndex = z.infer<typeof IndexFile>

export type IndexRead =
  | { status: 'ok'; index: InvoiceIndex }
  | { status: 'missing' }
  | { status: 'key-missing' }
  | { status: 'corrupt'; movedTo: string }

/** Bigger than any invoice; a "PDF" past this is not one. */
const MAX_PDF_BYTES = 50 * 1024 * 1024

export class InvoiceCache {
  constructor(
    private readonly cacheDir: string,
    private readonly keys: CacheKeyStore
  ) {}

  dir(accountId: string): string {
    return join(this.cacheDir, accountId, 'invoices')
  }

  async readIndex(accountId: string): Promise<IndexRead> {
    const path = this.indexPath(accountId)
    const sealed = await readIfExists(path)
    if (sealed === null) return { status: 'missing' }
    const key = await this.keys.find()
    if (key === null) return { status: 'key-missing' }
    try {
      const parsed = IndexFile.safeParse(JSON.parse(open(key, sealed, indexContext(accountId)).toString('utf8')))
      if (parsed.success) return { status: 'ok', index: parsed.data }
    } catch {
      // Falls through: damaged, or sealed under a key that is no longer in the keychain.
    }
    return { status: 'corrupt', movedTo: await setAside(path) }
  }

  async writeIndex(accountId: string, index: InvoiceIndex): Promise<void> {
    const key = await this.keys.getOrCreate()
    const plain = Buffer.from(JSON.stringify(index), 'utf8')
    await writeAtomic(this.indexPath(accountId), seal(key, plain, indexContext(accountId)))
  }

  /** Checks the bytes, then replaces the cached PDF atomically. Throws (leaving any old file alone) when the bytes are not a whole PDF. */
  async writePdf(accountId: string, invoiceId: string, bytes: Uint8Array, declaredLength: number | null, now: Date): Promise<PdfMeta> {
    checkPdfBytes(bytes, declaredLength)
    const key = await this.keys.getOrCreate()
    const file = opaqueName(key, invoiceId)
    await writeAtomic(join(this.dir(accountId), 'pdf', `${file}.enc`), seal(key, bytes, pdfContext(accountId, invoiceId)))
    return { file, sha256: sha256(bytes), length: bytes.byteLength, cachedAt: now.toISOString() }
  }

  /**
   * The cached PDF, verified against its index entry. A damaged file is moved
   * aside and `storage` is thrown, so the caller can mark it for a refetch.
   */
  async readPdf(accountId: string, invoiceId: string, meta: PdfMeta): Promise<Buffer> {
    const key = await this.keys.find()
    if (key === null) throw keyMissingError()
    const path = join(this.dir(accountId), 'pdf', `${meta.file}.enc`)
    const sealed = await readIfExists(path)
    if (sealed === null) throw new FlotillaError('storage', 'The cached PDF is missing.', { accountId })
    let bytes: Buffer | null = null
    try {
      bytes = open(key, sealed, pdfContext(accountId, invoiceId))
    } catch {
      bytes = null
    }
    if (bytes === null || bytes.byteLength !== meta.length || sha256(bytes) !== meta.sha256 || !hasPdfHeader(bytes)) {
      await setAside(path)
      throw new FlotillaError('storage', 'The cached PDF was damaged; it was set aside and will be downloaded again when online.', { accountId })
    }
    return bytes
  }

  async hasKey(): Promise<boolean> {
    return (await this.keys.find()) !== null
  }

  async removeAccount(accountId: string): Promise<void> {
    await rm(this.dir(accountId), { recursive: true, force: true })
  }

  private indexPath(accountId: string): string {
    return join(this.dir(accountId), 'index.enc')
  }
}

export function keyMissingError(): FlotillaError {
  return new FlotillaError(
    'keychain-unavailable',
    'The invoice cache is encrypted and its key is not in the OS keychain, so cached invoices cannot be read. Sync again while online to rebuild the cache.'
  )
}

/** A whole PDF: the `%PDF-` header, the length the server announced, and an end-of-file marker. */
export function checkPdfBytes(bytes: Uint8Array, declaredLength: number | null): void {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_PDF_BYTES || !hasPdfHeader(bytes)) {
    throw new FlotillaError('invalid-response', 'The provider sent something that is not a PDF; the cached copy (if any) was kept.')
  }
  if (declaredLength !== null && declaredLength !== bytes.byteLength) {
    throw new FlotillaError('invalid-response', 'The PDF download was incomplete; the cached copy (if any) was kept.')
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1')
  if (!tail.includes('%%EOF')) {
    throw new FlotillaError('invalid-response', 'The PDF download was cut off; the cached copy (if any) was kept.')
  }
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function indexContext(accountId: string): string {
  return `flotilla-invoice-index:${accountId}`
}

function pdfContext(accountId: string, invoiceId: string): string {
  return `flotilla-invoice-pdf:${accountId}:${invoiceId}`
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new FlotillaError('storage', `Could not read the invoice cache: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`)
  }
}

async function writeAtomic(path: string, data: Buffer): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dirname(path), { recursive: true })
    const handle = await openFile(tmp, 'w', 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw new FlotillaError('storage', `Could not write the invoice cache: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`)
  }
}

/** Keeps a damaged file for inspection; the next sync writes a fresh one. */
async function setAside(path: string): Promise<string> {
  const movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(path, movedTo).catch(() => undefined)
  return movedTo
}

export type { InvoiceRecord }
