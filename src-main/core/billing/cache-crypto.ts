// Encryption at rest for cached invoices (names, addresses, amounts): AES-256-GCM
// under one random key kept in the OS keychain as its own entry ("cache-key"
// beside the account credentials). Without that key the cache cannot be read,
// and the app says so instead of pretending the cache is empty.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { FlotillaError } from '../../shared/errors'
import type { SecretStore } from '../secrets/secret-store'

/** The keychain entry's account name, under the app's keychain service. */
export const CACHE_KEY_ENTRY = 'cache-key'
const MAGIC = Buffer.from('FLC1')
const IV_BYTES = 12
const TAG_BYTES = 16

export class CacheKeyStore {
  private key: Buffer | null = null
  private creating: Promise<Buffer> | null = null

  constructor(private readonly secrets: SecretStore) {}

  /** The key if one exists; null when the keychain has none (the cache is then unreadable). */
  async find(): Promise<Buffer | null> {
    if (this.key) return this.key
    const stored = await this.secrets.get(CACHE_KEY_ENTRY)
    if (stored === null) return null
    const key = Buffer.from(stored, 'base64')
    if (key.length !== 32) return null
    this.key = key
    return key
  }

  /** The key, created on first use: nothing is cached before something needs caching. */
  async getOrCreate(): Promise<Buffer> {
    // One creation at a time: two concurrent first writes must not each make (and seal under) their own key.
    this.creating ??= this.createOnce().finally(() => {
      this.creating = null
    })
    return this.creating
  }

  private async createOnce(): Promise<Buffer> {
    const found = await this.find()
    if (found) return found
    const key = randomBytes(32)
    await this.secrets.set(CACHE_KEY_ENTRY, key.toString('base64'))
    this.key = key
    return key
  }
}

/** `FLC1 | iv | tag | ciphertext`; `context` (the file's role) is authenticated, so files cannot be swapped. */
export function seal(key: Buffer, plain: Uint8Array, context: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body])
}

/** Throws `storage` when the bytes are damaged or sealed under another key. */
export function open(key: Buffer, sealed: Uint8Array, context: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  if (data.length < MAGIC.length + IV_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new FlotillaError('storage', 'A cached invoice file is damaged.')
  }
  const iv = data.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
  const tag = data.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(data.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()])
  } catch {
    throw new FlotillaError('storage', 'A cached invoice file is damaged or was written with another key.')
  }
}

/** A file name that reveals nothing about the invoice (not its id, not its number). */
export function opaqueName(key: Buffer, id: string): string {
  return createHmac('sha256', key).update(`invoice-file:${id}`).digest('hex').slice(0, 32)
}
