// The part of the provider port the fleet feature adds: live status for many
// servers, one server's detail, and every action the provider's API offers.
// Each adapter implements it in its own module (aluy-servers.ts, elizon-servers.ts);
// the bodies and URLs stay there, the services above speak only these shapes.
import type {
  BillingMeters,
  LiveStats,
  MetricTimeframe,
  OsTemplate,
  ParsedServerActionInput,
  ServerActionName,
  ServerFeatures,
  ServerMetrics,
  UpgradeQuote
} from '../../shared/contracts/fleet'
import type { ServerBackup } from '../../shared/contracts/backups'
import type { FirewallRule, ParsedFirewallRuleChanges, ParsedFirewallRuleFields } from '../../shared/contracts/firewall'
import type { Server } from '../../shared/domain'
import type { AccountContext } from '../providers/account-context'

/** What a live status call may change on a Server. Absent fields stay as they were. */
export type LivePatch = Partial<
  Pick<Server, 'power' | 'powerText' | 'status' | 'statusText' | 'primaryIpv4' | 'primaryIpv6' | 'vcpu' | 'ramMb' | 'diskGb' | 'provisionIssue'>
>

/** What a list leaves out and hardly ever changes, learnt once per server (aluy: location, from the detail). */
export type ServerFacts = Partial<Pick<Server, 'location'>>

/** The provider-specific part of a detail; the service adds actions, features and the time. */
export interface ProviderDetail {
  readonly server: Server
  readonly metadata: Record<string, string | number | boolean | null>
  readonly billing: BillingMeters
  readonly live: LiveStats | null
  readonly hasProvisionIssue: boolean
  readonly subscriptionCancelledAt: string | null
  readonly cancelAtPeriodEnd: boolean | null
}

export interface ActionOutcome {
  readonly message?: string
  /** retry-provision: the new service id. */
  readonly newId?: string
  /** reset-password: shown once, never stored. */
  readonly password?: string
  /** How the server looks now, as far as the answer tells (applied to the fleet at once). */
  readonly patch?: LivePatch & { label?: string }
}

export interface ServerOperations {
  readonly features: ServerFeatures
  /** How many live-status requests one call may batch (elizon 50, aluy 1). */
  readonly statusBatchSize: number
  /**
   * Live status for these servers, in the order given (the caller puts visible
   * rows first). Servers a provider keeps no live status for are skipped. A failing
   * per-server call leaves that server out of the map (its last values stay);
   * losing the session (auth) rejects the whole call.
   */
  liveStatus(ctx: AccountContext, servers: readonly Server[]): Promise<Map<string, LivePatch>>
  detail(ctx: AccountContext, server: Server): Promise<ProviderDetail>
  /** What the detail allows now, in display order. */
  actionsFor(detail: ProviderDetail): ServerActionName[]
  /** Runs one action. Throws FlotillaError with the API's own words on failure; never retried. */
  act(ctx: AccountContext, server: Server, input: ParsedServerActionInput): Promise<ActionOutcome>
  templates?(ctx: AccountContext, server: Server): Promise<OsTemplate[]>
  metrics?(ctx: AccountContext, server: Server, timeframe: MetricTimeframe): Promise<ServerMetrics>
  upgradeQuote?(ctx: AccountContext, server: Server): Promise<UpgradeQuote>
  /**
   * Facts the list leaves out (see ServerFacts) for these servers, each handed
   * to `onFound` as it arrives; one request at a time so a live refresh of the
   * same account is never starved. A server whose call fails is skipped; losing
   * the session or being stopped rejects.
   */
  facts?(ctx: AccountContext, servers: readonly Server[], onFound: (serverId: string, facts: ServerFacts) => void): Promise<void>
  /** Backups of one server; absent when the provider's API has none (the UI then hides the section). */
  readonly backups?: BackupOperations
  /** Firewall rules of one server; absent when the provider's API has none (the UI then hides the section). */
  readonly firewall?: FirewallOperations
}

/** What create / restore / delete report back: the provider's words, and the new backup where it said. */
export interface BackupChange {
  readonly message: string | null
  readonly backup: ServerBackup | null
}

/**
 * Backups of one server. Every call but `list` changes something at the provider
 * and is sent exactly once (restore overwrites the disk; never retried).
 * Failures throw FlotillaError with the API's own words.
 */
export interface BackupOperations {
  list(ctx: AccountContext, server: Server): Promise<ServerBackup[]>
  create(ctx: AccountContext, server: Server, name: string | undefined): Promise<BackupChange>
  restore(ctx: AccountContext, server: Server, backupId: string): Promise<BackupChange>
  delete(ctx: AccountContext, server: Server, backupId: string): Promise<BackupChange>
}

/** What create / update / delete report back: the provider's words, and the rule where it said. */
export interface FirewallChange {
  readonly message: string | null
  readonly rule: FirewallRule | null
}

/**
 * Firewall rules of one server. Every call but `list` changes something at the
 * provider and is sent exactly once. Failures throw FlotillaError with the API's own words.
 */
export interface FirewallOperations {
  list(ctx: AccountContext, server: Server): Promise<FirewallRule[]>
  create(ctx: AccountContext, server: Server, rule: ParsedFirewallRuleFields): Promise<FirewallChange>
  update(ctx: AccountContext, server: Server, ruleId: string, changes: ParsedFirewallRuleChanges): Promise<FirewallChange>
  delete(ctx: AccountContext, server: Server, ruleId: string): Promise<FirewallChange>
}
