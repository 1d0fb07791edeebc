// SecretStore on the OS keychain through keytar (macOS Keychain, Windows
// Credential Manager, libsecret/Secret Service on Linux): service "Flotilla",
// one entry per account id.
import { createRequire } from 'node:module'
import { FlotillaError } from '../../shared/errors'
import type * as KeytarModule from 'keytar'
import type { SecretStore } from './secret-store'

type Keytar = typeof KeytarModule

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests and the harness use their own so they never touch a user's entries. */
  readonly service?: string
}

export class KeytarSecretStore implements SecretStore {
  readonly service: string
  private keytar: Keytar | null = null

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? 'Flotilla'
  }

  async get(accountId: string): Promise<string | null> {
    const kt = this.load()
    return guard(() => kt.getPassword(this.service, accountId))
  }

  async set(accountId: string, secret: string): Promise<void> {
    const kt = this.load()
    await guard(() => kt.setPassword(this.service, accountId, secret))
  }

  async delete(accountId: string): Promise<boolean> {
    const kt = this.load()
    return guard(() => kt.deletePassword(this.service, accountId))
  }

  /** Account ids that have an entry under this service (used to find orphans). */
  async list(): Promise<string[]> {
    const kt = this.load()
    const found = await guard(() => kt.findCredentials(this.service))
    return found.map((c) => c.account)
  }

  // Loaded lazily so a missing native module or libsecret becomes a clear
  // keychain error at the moment a secret is needed, not a crash at start.
  private load(): Keytar {
    if (this.keytar) return this.keytar
    try {
      const require = createRequire(import.meta.url)
      this.keytar = require('keytar') as Keytar
      return this.keytar
    } catch {
      throw new FlotillaError(
        'keychain-unavailable',
        'The OS keychain library could not be loaded, so Flotilla cannot store credentials. On Linux install libsecret and a Secret Service (GNOME Keyring or KWallet).'
      )
    }
  }
}

async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (e) {
    throw keychainError(e)
  }
}

/** Maps keytar/libsecret failures to the two cases a user can act on. Never includes the secret. */
export function keychainError(e: unknown): FlotillaError {
  const text = e instanceof Error ? e.message : String(e)
  if (/locked|dismissed|cancel|denied|not allowed|user interaction/i.test(text)) {
    return new FlotillaError(
      'keychain-locked',
      'The OS keychain is locked or refused access. Unlock it (or allow Flotilla) and try again.'
    )
  }
  return new FlotillaError(
    'keychain-unavailable',
    `No OS keychain is reachable, so Flotilla cannot store credentials (nothing was saved). On Linux, a Secret Service such as GNOME Keyring must be running. (${text.slice(0, 160)})`
  )
}
