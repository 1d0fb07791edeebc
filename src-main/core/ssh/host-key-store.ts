// Host keys Flotilla has pinned, one per server key, in userData/ssh-host-keys.json
// (written atomically). Decides what a presented key means: trusted (pinned or
// in ~/.ssh/known_hosts), new (ask the user), or changed (block; only an explicit
// "replace the pinned key" replaces it — never an automatic accept).
import { join } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../logging/logger'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import { keyTypeOf, sha256Fingerprint } from './host-key'
import { readKnownHosts } from './known-hosts'

const Pin = z.object({ host: z.string(), port: z.number().int(), keyType: z.string(), key: z.string(), pinnedAt: z.string() })
type Pin = z.infer<typeof Pin>
const PinFile = z.object({ version: z.literal(1), pins: z.record(z.string(), Pin) })

export type HostKeyVerdict =
  | { readonly kind: 'trusted'; readonly from: 'flotilla' | 'known_hosts' }
  | { readonly kind: 'new' }
  | { readonly kind: 'changed'; readonly pinnedFingerprint: string; readonly from: 'flotilla' | 'known_hosts' }

export class HostKeyStore {
  private pins = new Map<string, Pin>()
  private readonly path: string
  private saving: Promise<void> = Promise.resolve()

  constructor(
    userDataDir: string,
    private readonly knownHostsPath: string | null,
    private readonly logger: Logger
  ) {
    this.path = join(userDataDir, 'ssh-host-keys.json')
  }

  async load(): Promise<void> {
    const read = await readJsonFile(this.path, PinFile).catch(() => null)
    if (read?.status === 'ok') this.pins = new Map(Object.entries(read.value.pins))
    if (read?.status === 'corrupt') this.logger.warn('ssh host key pins set aside', { movedTo: read.movedTo })
  }

  async verdict(serverKey: string, host: string, port: number, blob: Buffer): Promise<HostKeyVerdict> {
    const pin = this.pins.get(serverKey)
    if (pin && pin.host === host && pin.port === port) {
      const pinned = Buffer.from(pin.key, 'base64')
      return pinned.equals(blob) ? { kind: 'trusted', from: 'flotilla' } : { kind: 'changed', pinnedFingerprint: sha256Fingerprint(pinned), from: 'flotilla' }
    }
    return this.knownHostsVerdict(host, port, blob)
  }

  async pin(serverKey: string, host: string, port: number, blob: Buffer): Promise<void> {
    this.pins.set(serverKey, { host, port, keyType: keyTypeOf(blob), key: blob.toString('base64'), pinnedAt: new Date().toISOString() })
    this.saving = this.saving.then(() => writeJsonAtomic(this.path, { version: 1, pins: Object.fromEntries(this.pins) }))
    await this.saving
  }

  private async knownHostsVerdict(host: string, port: number, blob: Buffer): Promise<HostKeyVerdict> {
    if (!this.knownHostsPath) return { kind: 'new' }
    const known = await readKnownHosts(this.knownHostsPath, host, port)
    if (known.some((k) => k.revoked && k.key.equals(blob))) {
      return { kind: 'changed', pinnedFingerprint: '(revoked)', from: 'known_hosts' }
    }
    if (known.some((k) => !k.revoked && k.key.equals(blob))) return { kind: 'trusted', from: 'known_hosts' }
    // A different key of the same type for this host is what "changed" means to OpenSSH too.
    const sameType = known.find((k) => !k.revoked && k.keyType === keyTypeOf(blob))
    return sameType ? { kind: 'changed', pinnedFingerprint: sha256Fingerprint(sameType.key), from: 'known_hosts' } : { kind: 'new' }
  }
}
