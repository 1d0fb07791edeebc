// The part of the provider port the SSH-keys feature adds. The service computes
// fingerprints itself from the public key, so providers that return none (aluy)
// and providers that do (elizon) read the same.
import type { AccountContext } from '../providers/account-context'

export interface ProviderSshKey {
  readonly id: string
  readonly name: string
  readonly publicKey: string
  readonly createdAt: string | null
}

export interface SshKeyOperations {
  list(ctx: AccountContext): Promise<ProviderSshKey[]>
  /** Sent once; a failure is the API's own words. */
  add(ctx: AccountContext, name: string, publicKey: string): Promise<ProviderSshKey>
  delete(ctx: AccountContext, id: string): Promise<void>
  /** elizon: the provider generates the pair; the private key is returned once. */
  generate?(ctx: AccountContext, name: string): Promise<{ key: ProviderSshKey; privateKey: string }>
}
