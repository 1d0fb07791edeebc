// The port for credentials at rest. The only implementation is the OS keychain:
// there is deliberately no plaintext fallback, so a machine without a keychain
// gets a clear error instead of a file full of cookies.
export interface SecretStore {
  /** The stored secret, or null when the account has none. */
  get(accountId: string): Promise<string | null>
  set(accountId: string, secret: string): Promise<void>
  /** True when an entry was deleted. */
  delete(accountId: string): Promise<boolean>
}
