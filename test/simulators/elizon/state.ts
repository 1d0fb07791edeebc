// The elizon simulator's world and its lookups (by key, by service id).
import { Rng } from '../core/random'
import type { ElizonAccount, ElizonBackup, ElizonFirewallRule, ElizonService } from './model'

export class ElizonState {
  readonly accounts = new Map<string, ElizonAccount>()
  /** Ids minted at runtime (tickets, keys, messages). */
  readonly rng: Rng
  private readonly byKey = new Map<string, string>()
  private readonly serviceIndex = new Map<string, ElizonService>()
  private hostCounter = 0
  /** Backups per service id, seeded on first use (routes/backups.ts). */
  readonly backups = new Map<string, ElizonBackup[]>()
  /** How long a backup's create or restore runs; another create / restore meanwhile is a 409. */
  backupJobMs = 400
  /** Firewall rules per service id, seeded on first use (routes/firewall.ts). */
  readonly firewallRules = new Map<string, ElizonFirewallRule[]>()
  /** The next firewall rule id; ids are never reused. */
  nextFirewallRuleId = 1

  constructor(seed: number) {
    this.rng = new Rng(seed ^ 0xe112)
  }

  account(accountId: string): ElizonAccount {
    const account = this.accounts.get(accountId)
    if (!account) throw new Error(`elizon simulator has no account ${accountId}`)
    return account
  }

  accountByKey(key: string): ElizonAccount | undefined {
    const id = this.byKey.get(key)
    return id === undefined ? undefined : this.accounts.get(id)
  }

  /** The account's services, newest first (the live array). */
  servicesOf(accountId: string): ElizonService[] {
    return this.account(accountId).services
  }

  /** A service if it belongs to the account; other accounts' ids read as missing. */
  findService(accountId: string, serviceId: string): ElizonService | undefined {
    const service = this.serviceIndex.get(serviceId)
    return service && service.accountId === accountId ? service : undefined
  }

  registerAccount(account: ElizonAccount): void {
    this.accounts.set(account.sim.id, account)
    this.byKey.set(account.sim.credential, account.sim.id)
  }

  addService(account: ElizonAccount, service: ElizonService): void {
    account.services.push(service)
    this.serviceIndex.set(service.id, service)
  }

  nextAddresses(): { ip: string; ipv6: string } {
    const n = this.hostCounter++
    return {
      ip: `91.${200 + Math.floor(n / 63_500)}.${Math.floor(n / 250) % 254}.${(n % 250) + 2}`,
      ipv6: `2a0e:97c0:${(0x100 + Math.floor(n / 65_536)).toString(16)}:${(n % 65_536).toString(16)}::1`
    }
  }
}
