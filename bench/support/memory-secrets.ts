// A SecretStore in memory for benchmarks, which must run without a keychain
// (tests use the real one through scripts/with-keyring.sh).
import type { SecretStore } from '../../src-main/core/secrets/secret-store'

export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>()
  async get(id: string): Promise<string | null> {
    return this.map.get(id) ?? null
  }
  async set(id: string, secret: string): Promise<void> {
    this.map.set(id, secret)
  }
  async delete(id: string): Promise<boolean> {
    return this.map.delete(id)
  }
}
