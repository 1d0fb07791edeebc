// The fleet feature's IPC contract beyond `fleet.get` / `fleet.refresh`: live
// status scheduling, server detail and every action the provider APIs offer,
// bulk jobs with progress, local per-server metadata and the activity log.
// Compiled for main and renderer: zod and the shared domain only.
import { z } from 'zod'
import { SshOverride } from './ssh'
import { AccountId, ProviderId, Server, SERVER_STATUSES, POWER_STATES } from '../domain'
import { SerializedError } from '../errors'
import { LocalServerKey, ServerKey as StrictServerKey, TemplateId } from './ids'

/** `${accountId}:${serviceId}` — the Server.key, with an id that can be sent back to the provider (see ids.ts). */
export const ServerKey = StrictServerKey
export type ServerKey = z.infer<typeof ServerKey>

// ---------------------------------------------------------------- actions

/**
 * Every single-server action. Which ones a server offers depends on its provider
 * and state: see `actionsFor` (table level) and `ServerDetail.actions` (authoritative).
 *  - start / shutdown (graceful, ACPI) / stop (force) / restart; `reset` = hard reset (elizon)
 *  - rename; cancel / resume (aluy: renewal); subscription-cancel / subscription-reactivate (elizon, at period end)
 *  - suspend / unsuspend; reinstall; reset-password (aluy); upgrade (aluy); retry-provision (aluy)
 */
export const SERVER_ACTIONS = [
  'start',
  'shutdown',
  'stop',
  'restart',
  'reset',
  'rename',
  'cancel',
  'resume',
  'subscription-cancel',
  'subscription-reactivate',
  'suspend',
  'unsuspend',
  'reinstall',
  'reset-password',
  'upgrade',
  'retry-provision',
  // Backups (contracts/backups.ts) run through their own channels; named here so the activity log records them.
  'backup-create',
  'backup-restore',
  'backup-delete',
  // Firewall rules (contracts/firewall.ts) likewise.
  'firewall-create',
  'firewall-update',
  'firewall-delete'
] as const
export const ServerActionName = z.enum(SERVER_ACTIONS)
export type ServerActionName = z.infer<typeof ServerActionName>

/** Actions that destroy data or identity: the UI asks for a typed confirmation. */
export const DESTRUCTIVE_ACTIONS: readonly ServerActionName[] = ['reinstall', 'retry-provision']

/** Actions that take no parameters. */
export const SIMPLE_ACTIONS = [
  'start',
  'shutdown',
  'stop',
  'restart',
  'reset',
  'cancel',
  'resume',
  'subscription-cancel',
  'subscription-reactivate',
  'suspend',
  'unsuspend',
  'reset-password',
  'retry-provision'
] as const satisfies readonly ServerActionName[]

/** What may run on many servers at once (bulk): power and suspension. */
export const BULK_ACTIONS = ['start', 'shutdown', 'stop', 'restart', 'suspend', 'unsuspend'] as const satisfies readonly ServerActionName[]
export const BulkActionName = z.enum(BULK_ACTIONS)
export type BulkActionName = z.infer<typeof BulkActionName>

const PositiveInt = z.number().int().positive().max(100_000)

export const RenameParams = z.object({ label: z.string().trim().min(1, 'name is empty').max(200, 'name is too long') })
export const ReinstallParams = z.object({
  /** An id from `servers.templates`. */
  templateId: TemplateId,
  hostname: z
    .string()
    .trim()
    .max(253)
    .regex(/^$|^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/, 'not a valid hostname')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** The server's current label, typed by the user; main checks it matches. */
  confirmName: z.string().max(200)
})
export const UpgradeParams = z
  .object({
    ramGb: PositiveInt.optional(),
    cpuCores: PositiveInt.optional(),
    ssdGb: PositiveInt.optional(),
    extraIpv4: PositiveInt.optional()
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'choose at least one thing to upgrade' })
export type UpgradeParams = z.infer<typeof UpgradeParams>

export const ServerActionInput = z.discriminatedUnion('action', [
  z.object({ key: ServerKey, action: z.enum(SIMPLE_ACTIONS) }),
  z.object({ key: ServerKey, action: z.literal('rename'), params: RenameParams }),
  z.object({ key: ServerKey, action: z.literal('reinstall'), params: ReinstallParams }),
  z.object({ key: ServerKey, action: z.literal('upgrade'), params: UpgradeParams })
])
export type ServerActionInput = z.input<typeof ServerActionInput>
export type ParsedServerActionInput = z.output<typeof ServerActionInput>

/** A failed action is an error envelope (FlotillaError with the API's own words); this is success. */
export const ServerActionResult = z.object({
  ok: z.literal(true),
  /** The provider's confirmation, when it gave one. */
  message: z.string().optional(),
  /** retry-provision: the service id changed; the server's new key (the fleet already follows it). */
  newKey: ServerKey.optional(),
  /** reset-password: the new password, returned exactly once. Never stored or logged by main. */
  password: z.string().optional(),
  /** The server as it is after the action, when main knows it. */
  server: Server.optional()
})
export type ServerActionResult = z.infer<typeof ServerActionResult>

// ---------------------------------------------------------------- detail

const Nullable = <T extends z.ZodType>(t: T) => t.nullable()

export const BillingMeters = z.object({
  hourlyRateCents: Nullable(z.number()),
  monthlyPriceCents: Nullable(z.number()),
  billedRunningSeconds: Nullable(z.number()),
  billedHourlyCents: Nullable(z.number()),
  pendingInvoiceCents: Nullable(z.number()),
  pendingInvoiceSeconds: Nullable(z.number()),
  lastBilledAt: Nullable(z.string()),
  /** Monthly subscriptions: the next renewal (aluy nextDueAt, elizon expiresAt). */
  nextDueAt: Nullable(z.string()),
  billingPeriod: Nullable(z.string())
})
export type BillingMeters = z.infer<typeof BillingMeters>

/** Live numbers from the hypervisor where the provider returns them. */
export const LiveStats = z.object({
  cpuPercent: Nullable(z.number()),
  ramUsedMb: Nullable(z.number()),
  ramTotalMb: Nullable(z.number()),
  diskUsedGb: Nullable(z.number()),
  netInBytes: Nullable(z.number()),
  netOutBytes: Nullable(z.number()),
  uptimeSec: Nullable(z.number()),
  trafficGb: Nullable(z.number()),
  hostname: Nullable(z.string())
})
export type LiveStats = z.infer<typeof LiveStats>

export const ServerFeatures = z.object({
  /** elizon: `servers.metrics` returns charts. */
  metrics: z.boolean(),
  /** `servers.templates` lists reinstall images. */
  templates: z.boolean(),
  /** aluy: `servers.upgradeQuote` prices an upgrade. */
  upgradeQuote: z.boolean()
})
export type ServerFeatures = z.infer<typeof ServerFeatures>

export const ServerDetail = z.object({
  server: Server,
  /** Provider metadata, flattened to scalars (aluy: vmType, vmLocation, ramGb, …; elizon: product, type, …). */
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  billing: BillingMeters,
  live: LiveStats.nullable(),
  /** aluy: provisioning failed upstream; retry-provision is offered. */
  hasProvisionIssue: z.boolean(),
  /** aluy: renewal cancelled at this time (resume is offered). */
  subscriptionCancelledAt: Nullable(z.string()),
  /** elizon: the subscription ends at period end (reactivate is offered). */
  cancelAtPeriodEnd: Nullable(z.boolean()),
  /** The actions this server supports now, in display order. */
  actions: z.array(ServerActionName),
  features: ServerFeatures,
  fetchedAt: z.string()
})
export type ServerDetail = z.infer<typeof ServerDetail>

export const METRIC_TIMEFRAMES = ['hour', 'day', 'week', 'month'] as const
export const MetricTimeframe = z.enum(METRIC_TIMEFRAMES)
export type MetricTimeframe = z.infer<typeof MetricTimeframe>

export const MetricSeries = z.object({
  id: z.enum(['cpu', 'ram', 'net-in', 'net-out', 'disk-read', 'disk-write']),
  unit: z.enum(['percent', 'mb', 'bytes-per-sec']),
  /** [epoch ms, value] pairs, oldest first. */
  points: z.array(z.tuple([z.number(), z.number()]))
})
export type MetricSeries = z.infer<typeof MetricSeries>

export const ServerMetrics = z.object({
  timeframe: MetricTimeframe,
  series: z.array(MetricSeries),
  /** Traffic in the current billing period, where the provider reports it. */
  bandwidth: z
    .object({
      inBytes: z.number(),
      outBytes: z.number(),
      limitBytes: z.number().nullable(),
      periodStart: z.string().nullable(),
      periodEnd: z.string().nullable()
    })
    .nullable()
})
export type ServerMetrics = z.infer<typeof ServerMetrics>

export const OsTemplate = z.object({ id: z.string(), label: z.string() })
export type OsTemplate = z.infer<typeof OsTemplate>

/** aluy upgrade pricing from /vm-config; the UI offers only values above `current`, up to `limits`. */
export const UpgradeQuote = z.object({
  available: z.boolean(),
  current: z.object({ ramGb: z.number().nullable(), cpuCores: z.number().nullable(), ssdGb: z.number().nullable() }),
  limits: z.object({ maxRamGb: z.number(), maxCpuCores: z.number(), maxSsdGb: z.number(), maxExtraIpv4: z.number() }),
  pricing: z.object({
    ramPer1GbCents: z.number(),
    cpuPerCoreCents: z.number(),
    ssdPer10GbCents: z.number(),
    extraIpv4MonthlyCents: z.number()
  }),
  currentMonthlyCents: z.number().nullable()
})
export type UpgradeQuote = z.infer<typeof UpgradeQuote>

/** Extra monthly cents an upgrade choice costs (what aluy charges per added resource). */
export function upgradeDeltaCents(quote: UpgradeQuote, choice: UpgradeParams): number {
  const grow = (next: number | undefined, current: number | null): number =>
    next === undefined ? 0 : Math.max(0, next - (current ?? 0))
  const p = quote.pricing
  return (
    grow(choice.ramGb, quote.current.ramGb) * p.ramPer1GbCents +
    grow(choice.cpuCores, quote.current.cpuCores) * p.cpuPerCoreCents +
    Math.ceil(grow(choice.ssdGb, quote.current.ssdGb) / 10) * p.ssdPer10GbCents +
    (choice.extraIpv4 ?? 0) * p.extraIpv4MonthlyCents
  )
}

/**
 * Table-level guess of what a server offers, from the list row alone (the
 * palette, bulk checks, row menus). The detail's `actions` is authoritative:
 * it also knows cancellation and provisioning state.
 */
export function actionsFor(server: Server): ServerActionName[] {
  return server.provider === 'aluy' ? aluyActions(server) : elizonActions(server)
}

function powerActions(server: Server): ServerActionName[] {
  if (server.power === 'running') return ['shutdown', 'stop', 'restart']
  if (server.power === 'stopped') return ['start']
  return ['start', 'shutdown', 'stop', 'restart']
}

function aluyActions(s: Server): ServerActionName[] {
  const vps = s.kind === 'VPS'
  const out: ServerActionName[] = []
  if (vps && s.status === 'active') out.push(...powerActions(s))
  out.push('rename')
  if (s.status !== 'terminated') out.push('cancel')
  if (vps && s.status === 'active') out.push('suspend', 'reinstall', 'reset-password', 'upgrade')
  if (vps && s.status === 'suspended') out.push('unsuspend')
  return out
}

function elizonActions(s: Server): ServerActionName[] {
  const out: ServerActionName[] = []
  if (s.status === 'active') out.push(...powerActions(s).filter((a) => a !== 'shutdown'), 'reset')
  out.push('rename')
  if (s.status === 'active') out.push('subscription-cancel', 'suspend', 'reinstall')
  if (s.status === 'suspended') out.push('unsuspend')
  return out
}

// ---------------------------------------------------------------- live

export const LiveSettingsInput = z.object({
  /** Seconds between live refreshes; 0 = off. Default 30. */
  intervalSec: z.union([z.literal(0), z.number().int().min(5).max(3600)]).optional(),
  /** The window is shown (not minimised / hidden): live refresh pauses while false. */
  windowVisible: z.boolean().optional()
})
export const LiveState = z.object({
  intervalSec: z.number().int(),
  windowVisible: z.boolean(),
  /** A live tick is running now. */
  ticking: z.boolean(),
  lastTickAt: z.string().nullable(),
  nextTickAt: z.string().nullable()
})
export type LiveState = z.infer<typeof LiveState>

export const TRANSITION_KINDS = [
  'provisioned',
  'provision-failed',
  'stopped',
  'started',
  'suspended',
  'unsuspended',
  'removed'
] as const
/** A change a user may want a desktop notification for. */
export const ServerTransition = z.object({
  key: z.string(),
  accountId: AccountId,
  label: z.string(),
  kind: z.enum(TRANSITION_KINDS),
  from: z.object({ status: z.enum(SERVER_STATUSES), power: z.enum(POWER_STATES) }).nullable(),
  to: z.object({ status: z.enum(SERVER_STATUSES), power: z.enum(POWER_STATES) }).nullable()
})
export type ServerTransition = z.infer<typeof ServerTransition>

/** Only what changed since the last push: new or changed servers, removed keys. */
export const FleetDelta = z.object({
  upserts: z.array(Server),
  removedKeys: z.array(z.string()),
  /** retry-provision: old key → new key, so selection and open views follow. */
  renamedKeys: z.array(z.object({ from: z.string(), to: z.string() })),
  transitions: z.array(ServerTransition),
  generatedAt: z.string()
})
export type FleetDelta = z.infer<typeof FleetDelta>

// ---------------------------------------------------------------- bulk jobs

export const JOB_ITEM_STATES = ['queued', 'running', 'ok', 'failed'] as const
export const JobItem = z.object({
  key: z.string(),
  accountId: z.string(),
  provider: ProviderId.nullable(),
  label: z.string(),
  state: z.enum(JOB_ITEM_STATES),
  error: SerializedError.optional()
})
export type JobItem = z.infer<typeof JobItem>

export const JobProgress = z.object({
  jobId: z.string(),
  action: BulkActionName,
  total: z.number().int(),
  /** Items finished (ok + failed). */
  done: z.number().int(),
  failed: z.number().int(),
  finished: z.boolean(),
  items: z.array(JobItem),
  startedAt: z.string(),
  finishedAt: z.string().nullable()
})
export type JobProgress = z.infer<typeof JobProgress>

/** Local keys: a selection may hold a server whose id cannot be sent; that item fails alone (main's path builder refuses it). */
export const BulkInput = z.object({ keys: z.array(LocalServerKey).min(1).max(5000), action: BulkActionName })

// ---------------------------------------------------------------- local meta

export const Tag = z.string().trim().min(1).max(40).regex(/^[^\s,]+$/, 'a tag has no spaces or commas')
/** Kept on this machine only (userData/server-meta.json); never sent to a provider. */
export const ServerMeta = z.object({
  tags: z.array(Tag).max(50),
  note: z.string().max(5000),
  favourite: z.boolean(),
  /** SSH overrides (user, port, address, key file) for this server (issue 15). */
  ssh: SshOverride.optional()
})
export type ServerMeta = z.infer<typeof ServerMeta>
export const ServerMetaMap = z.record(z.string(), ServerMeta)
export type ServerMetaMap = z.infer<typeof ServerMetaMap>

export const SetMetaInput = z.object({
  keys: z.array(LocalServerKey).min(1).max(5000),
  /** Replace the tags; or add/remove some (bulk tagging). */
  tags: z.array(Tag).max(50).optional(),
  addTags: z.array(Tag).max(50).optional(),
  removeTags: z.array(Tag).max(50).optional(),
  note: z.string().max(5000).optional(),
  favourite: z.boolean().optional(),
  /** Replaces the server's SSH overrides (an empty object clears them). */
  ssh: SshOverride.optional()
})
export type SetMetaInput = z.input<typeof SetMetaInput>

// ---------------------------------------------------------------- activity

export const ActivityEntry = z.object({
  id: z.string(),
  at: z.string(),
  accountId: z.string(),
  provider: ProviderId.nullable(),
  serverKey: z.string(),
  serverLabel: z.string(),
  action: ServerActionName,
  /** Set when the action ran as part of a bulk job. */
  jobId: z.string().optional(),
  result: z.enum(['ok', 'failed']),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** retry-provision: the key the server has now. */
  newKey: z.string().optional()
})
export type ActivityEntry = z.infer<typeof ActivityEntry>

export const ActivityListInput = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    /** Entries strictly older than this ISO time (paging back). */
    before: z.string().optional()
  })
  .optional()

// ---------------------------------------------------------------- channels

const KeyOnly = z.object({ key: ServerKey })

export const fleetContract = {
  'fleet.getLive': { input: z.undefined(), output: LiveState },
  'fleet.setLive': { input: LiveSettingsInput, output: LiveState },
  'fleet.setVisible': { input: z.object({ keys: z.array(z.string().max(300)).max(5000) }), output: z.object({ accepted: z.number().int() }) },
  'fleet.tick': { input: z.undefined(), output: LiveState },
  'servers.detail': { input: KeyOnly, output: ServerDetail },
  'servers.metrics': { input: z.object({ key: ServerKey, timeframe: MetricTimeframe }), output: ServerMetrics },
  'servers.templates': { input: KeyOnly, output: z.array(OsTemplate) },
  'servers.upgradeQuote': { input: KeyOnly, output: UpgradeQuote },
  'servers.action': { input: ServerActionInput, output: ServerActionResult },
  'servers.bulk': { input: BulkInput, output: JobProgress },
  'servers.meta': { input: z.object({ keys: z.array(LocalServerKey).max(5000).optional() }).optional(), output: ServerMetaMap },
  'servers.setMeta': { input: SetMetaInput, output: ServerMetaMap },
  'jobs.get': { input: z.object({ jobId: z.string().max(100) }), output: JobProgress.nullable() },
  'activity.list': { input: ActivityListInput, output: z.array(ActivityEntry) }
} as const

export const fleetEvents = {
  'fleet.delta': FleetDelta,
  'jobs.progress': JobProgress,
  'activity.added': ActivityEntry,
  'servers.metaChanged': ServerMetaMap
} as const
