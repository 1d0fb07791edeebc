// Generated private keys waiting to be saved. The renderer shows the key once
// and then asks main to save it by a one-time id, so the secret never travels
// back over IPC; main keeps it only in memory and only until it is saved, the
// user discards it, or the hold expires. Nothing here logs or writes the key.
import { randomBytes } from 'node:crypto'

/** Long enough to read the key and pick a folder; short enough that a forgotten key does not linger. */
export const PRIVATE_KEY_HOLD_MS = 10 * 60_000

interface Held {
  readonly privateKey: string
  readonly fileName: string
  readonly expiry: ReturnType<typeof setTimeout>
}

export class PendingPrivateKeys {
  private readonly held = new Map<string, Held>()

  constructor(private readonly holdMs: number = PRIVATE_KEY_HOLD_MS) {}

  /** Holds the key and returns its one-time id. */
  hold(privateKey: string, fileName: string): string {
    const id = randomBytes(18).toString('base64url')
    const expiry = setTimeout(() => this.held.delete(id), this.holdMs)
    // A pending key must not keep the process alive.
    expiry.unref?.()
    this.held.set(id, { privateKey, fileName, expiry })
    return id
  }

  get(id: string): { privateKey: string; fileName: string } | undefined {
    const entry = this.held.get(id)
    return entry ? { privateKey: entry.privateKey, fileName: entry.fileName } : undefined
  }

  /** True when something was held under the id. */
  forget(id: string): boolean {
    const entry = this.held.get(id)
    if (!entry) return false
    clearTimeout(entry.expiry)
    this.held.delete(id)
    return true
  }

  forgetAll(): void {
    for (const id of [...this.held.keys()]) this.forget(id)
  }

  get size(): number {
    return this.held.size
  }
}
