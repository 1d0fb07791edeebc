// The normalised domain every layer above the provider adapters speaks.
// Runtime schemas (zod) and their static types live side by side so the IPC
// wrapper, the cache readers and the renderer all agree on one shape.
// No Electron or Node imports: this file is compiled for main and renderer.
import { z } from 'zod'
import { isSecureOrLoopback } from './url-policy'

export const PROVIDERS = ['aluy', 'elizon'] as const
export const ProviderId = z.enum(PROVIDERS)
export type ProviderId = z.infer<typeof ProviderId>

/** Production API base URLs; an account may override (staging, tests). */
export const DEFAULT_BASE_URL: Record<ProviderId, string> = {
  aluy: 'https://aluy.net/api/reseller/v1',
  elizon: 'https://elizon.app/api'
}

export const AccountId = z.string().regex(/^acc_[a-z0-9]{8,32}$/, 'not an account id')
export type AccountId = z.infer<typeof AccountId>

export const AccountColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb')

export const BaseUrl = z
  .string()
  .trim()
  .url('base URL must be a full URL')
  .refine(isSecureOrLoopback, 'base URL must start with https:// (http:// only for this computer: 127.0.0.1, ::1, localhost)')
  .transform((u) => u.replace(/\/+$/, ''))

/** Non-secret account metadata: what `accounts.json` holds and the renderer sees. */
export const Account = z.object({
  id: AccountId,
  label: z.string().min(1).max(80),
  provider: ProviderId,
  colour: AccountColour,
  baseUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type Account = z.infer<typeof Account>

/** Per-account state the sidebar shows; one account's trouble never hides another's. */
export const HEALTH_STATES = [
  'unknown',
  'ok',
  'refreshing',
  'needs-sign-in',
  'rate-limited',
  'offline',
  'error'
] as const
export const AccountHealth = z.object({
  accountId: AccountId,
  state: z.enum(HEALTH_STATES),
  /** An ErrorCode when state is not ok. */
  code: z.string().optional(),
  message: z.string().optional(),
  /** ISO time at which a rate limit lifts. */
  retryAt: z.string().optional(),
  /** ISO time of the last successful fetch. */
  lastUpdatedAt: z.string().optional()
})
export type AccountHealth = z.infer<typeof AccountHealth>

export const SERVER_STATUSES = ['active', 'pending', 'suspended', 'terminated', 'cancelled', 'unknown'] as const
export const POWER_STATES = ['running', 'stopped', 'starting', 'stopping', 'unknown'] as const

export const Server = z.object({
  /** Unique across accounts: `${accountId}:${id}`. */
  key: z.string(),
  id: z.string(),
  accountId: AccountId,
  provider: ProviderId,
  label: z.string(),
  /** Provider's kind, normalised to upper case (VPS, DEDICATED, GAMESERVER, …). */
  kind: z.string(),
  status: z.enum(SERVER_STATUSES),
  /** The provider's own status word, for display and search. */
  statusText: z.string(),
  power: z.enum(POWER_STATES),
  /**
   * The provider's own power word when it is not one we know (e.g. "MIGRATING"),
   * shown as it came instead of "unknown"; null or absent when `power` says it all.
   */
  powerText: z.string().nullable().optional(),
  primaryIpv4: z.string().nullable(),
  primaryIpv6: z.string().nullable(),
  location: z.string().nullable(),
  vcpu: z.number().nullable(),
  ramMb: z.number().nullable(),
  diskGb: z.number().nullable(),
  hourlyRateCents: z.number().int().nullable(),
  monthlyPriceCents: z.number().int().nullable(),
  createdAt: z.string().nullable(),
  /** aluy: provisioning failed upstream (GET /services/:id hasProvisionIssue); retry-provision is offered. */
  provisionIssue: z.boolean().optional(),
  /**
   * What the adapter could not read on this item (a field missing or of an odd
   * shape): the row is shown with what was readable, never dropped, and never
   * fails the account. Plain words, no secrets.
   */
  warnings: z.array(z.string()).optional()
})
export type Server = z.infer<typeof Server>

/** What checking a credential found, in words the UI can show as they are. */
export const VERIFY_OUTCOMES = [
  'signed-in',
  'session-expired',
  'not-reseller',
  'api-key-rejected',
  'key-lacks-permission',
  'unreachable',
  'rate-limited',
  'provider-error',
  'invalid-response'
] as const
export const VerifyOutcome = z.enum(VERIFY_OUTCOMES)
export type VerifyOutcome = z.infer<typeof VerifyOutcome>

export const VerifyResult = z.object({
  outcome: VerifyOutcome,
  ok: z.boolean(),
  /** The provider's or the client's own words, secrets removed. */
  detail: z.string().optional(),
  balanceCents: z.number().int().optional(),
  billingMode: z.string().optional(),
  serverCount: z.number().int().optional(),
  retryAfterSec: z.number().optional()
})
export type VerifyResult = z.infer<typeof VerifyResult>

export const FleetSnapshot = z.object({
  servers: z.array(Server),
  health: z.array(AccountHealth),
  /** ISO time the snapshot was assembled. */
  generatedAt: z.string()
})
export type FleetSnapshot = z.infer<typeof FleetSnapshot>

/** A warning main wants the user to see (corrupt file set aside, keychain trouble…). */
export const AppWarning = z.object({
  code: z.string(),
  message: z.string(),
  /** Where the damaged file was moved, when that is the warning. */
  path: z.string().optional()
})
export type AppWarning = z.infer<typeof AppWarning>
