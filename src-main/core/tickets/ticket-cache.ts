// The encrypted ticket cache of one account: userData/cache/<accountId>/tickets/tickets.enc
// holds the list, the threads read so far and what the user has read, sealed
// with the billing feature's AES-256-GCM scheme under the keychain's cache key
// (support threads carry addresses, hostnames, sometimes passwords). Written
// atomically; a file that does not open is set aside, never deleted.
import { randomBytes } from 'node:crypto'
import { mkdir, open as openFile, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { TicketMessage, TicketState } from '../../shared/contracts/tickets'
import { FlotillaError } from '../../shared/errors'
import { open, seal, type CacheKeyStore } from '../billing/cache-crypto'

const CachedTicket = z.object({
  id: z.string(),
  subject: z.string(),
  state: TicketState,
  statusText: z.string(),
  priority: z.string().nullable(),
  messageCount: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
})
const CachedThread = z.object({
  messages: z.array(TicketMessage),
  services: z.array(z.object({ id: z.string(), label: z.string(), kind: z.string().nullable() })),
  cachedAt: z.string()
})
const TicketFile = z.object({
  version: z.literal(1),
  syncedAt: z.string().nullable(),
  tickets: z.array(CachedTicket),
  threads: z.record(z.string(), CachedThread),
  /** Per ticket: the updatedAt the user last saw (a newer staff answer is unread). */
  readAt: z.record(z.string(), z.string()),
  /**
   * Per ticket: the updatedAt of the last staff answer the poller has announced
   * (or found already there on its first look). Absent until the first poll.
   */
  staffSeen: z.record(z.string(), z.string()).optional()
})
export type TicketFile = z.infer<typeof TicketFile>

export function emptyTicketFile(): TicketFile {
  return { version: 1, syncedAt: null, tickets: [], threads: {}, readAt: {} }
}

export class TicketCache {
  constructor(
    private readonly cacheDir: string,
    private readonly keys: CacheKeyStore
  ) {}

  path(accountId: string): string {
    return join(this.cacheDir, accountId, 'tickets', 'tickets.enc')
  }

  /** null when nothing is cached, the key is gone, or the file was damaged (then set aside). */
  async read(accountId: string): Promise<TicketFile | null> {
    const path = this.path(accountId)
    const sealed = await readFile(path).catch(() => null)
    if (sealed === null) return null
    const key = await this.keys.find()
    if (key === null) return null
    try {
      const parsed = TicketFile.safeParse(JSON.parse(open(key, sealed, context(accountId)).toString('utf8')))
      if (parsed.success) return parsed.data
    } catch {
      // Falls through: damaged, or sealed under a key no longer in the keychain.
    }
    await rename(path, `${path}.corrupt-${Date.now()}`).catch(() => undefined)
    return null
  }

  async write(accountId: string, file: TicketFile): Promise<void> {
    const key = await this.keys.getOrCreate()
    const path = this.path(accountId)
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await mkdir(dirname(path), { recursive: true })
      const handle = await openFile(tmp, 'w', 0o600)
      try {
        await handle.writeFile(seal(key, Buffer.from(JSON.stringify(file), 'utf8'), context(accountId)))
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(tmp, path)
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined)
      throw new FlotillaError('storage', `Could not write the ticket cache: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`)
    }
  }

}

function context(accountId: string): string {
  return `tickets:${accountId}`
}
