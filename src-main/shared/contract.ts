// The typed IPC contract: for every channel, the runtime schema of its request
// and the schema (and so the type) of its answer. Main validates every request
// against it in one wrapper; the preload and the web harness expose the same
// channel names; the renderer imports only its types.
import { z } from 'zod'
import {
  Account,
  AccountColour,
  AccountHealth,
  AccountId,
  AppWarning,
  FleetSnapshot,
  ProviderId,
  VerifyResult
} from './domain'
import { consoleContract, consoleEvents } from './contracts/console'
import { fleetContract, fleetEvents } from './contracts/fleet'
import { type SerializedError } from './errors'
import { billingContract, billingEvents } from './contracts/billing'
import { ordersContract } from './contracts/orders'
import { sshKeysContract } from './contracts/ssh-keys'
import { ticketsContract, ticketsEvents } from './contracts/tickets'
import { backupsContract } from './contracts/backups'
import { firewallContract } from './contracts/firewall'
import { sshContract, sshEvents } from './contracts/ssh'
import type { EventChannel, InvokeChannel, Method, Namespace } from './ipc-channels'

const NoInput = z.undefined()

/** A credential as typed by the user: aluy cookie/token, elizon API key. Travels once, renderer → main. */
export const CredentialInput = z
  .string()
  .trim()
  .min(1, 'credential is empty')
  .max(8192, 'credential is too long')
  // A lone surrogate cannot be sent in a header; say so instead of "the request failed" (issue 10, item 12).
  .refine((v) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v), 'credential contains a broken Unicode character (a lone surrogate)')

/** Optional override of the provider's production base URL ("Advanced"). */
const OptionalBaseUrl = z
  .string()
  .trim()
  .max(2048)
  .optional()
  .transform((v) => (v === '' ? undefined : v))

export const AccountDraft = z.object({
  provider: ProviderId,
  baseUrl: OptionalBaseUrl,
  credential: CredentialInput
})
export type AccountDraft = z.input<typeof AccountDraft>

export const NewAccountInput = AccountDraft.extend({
  label: z.string().trim().min(1, 'label is empty').max(80, 'label is too long'),
  colour: AccountColour,
  /** Save even though the check failed (e.g. adding while offline). */
  saveUnverified: z.boolean().optional()
})
export type NewAccountInput = z.input<typeof NewAccountInput>

export const AccountUpdateInput = z.object({
  id: AccountId,
  label: z.string().trim().min(1).max(80).optional(),
  colour: AccountColour.optional(),
  baseUrl: OptionalBaseUrl,
  credential: CredentialInput.optional(),
  saveUnverified: z.boolean().optional()
})
export type AccountUpdateInput = z.input<typeof AccountUpdateInput>

export const AccountSaveResult = z.object({
  /** null when the check failed and nothing was saved. */
  account: Account.nullable(),
  verify: VerifyResult.nullable()
})
export type AccountSaveResult = z.infer<typeof AccountSaveResult>

/** The fleet table's view (issue 3), remembered between runs; column ids are checked by the renderer. */
export const FleetViewPrefs = z.object({
  query: z.string().max(2000),
  sort: z.object({ column: z.string().max(40), direction: z.enum(['asc', 'desc']) }),
  groupBy: z.string().max(40).nullable(),
  columns: z.array(z.string().max(40)).max(40)
})
export type FleetViewPrefs = z.infer<typeof FleetViewPrefs>

export const Settings = z.object({
  locale: z.enum(['system', 'en', 'de']),
  theme: z.enum(['system', 'light', 'dark']),
  fleetView: FleetViewPrefs.optional(),
  /** Desktop notifications for server changes (issue 3); off unless the user turns them on. */
  desktopNotifications: z.boolean().optional(),
  /** A desktop notification when staff answer a support ticket (issue 6); off unless turned on. */
  ticketNotifications: z.boolean().optional(),
  /** The log file's level: `info` (errors and summaries) or `debug` (every request too). */
  logLevel: z.enum(['info', 'debug']).optional()
})
export type Settings = z.infer<typeof Settings>

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** The OS locale, for "follow the system". */
  systemLocale: z.string(),
  /** True in the web harness (tests and demo), false in Electron. */
  harness: z.boolean(),
  warnings: z.array(AppWarning),
  /** Where Flotilla keeps its files (accounts, settings, caches, the log), for the Settings page. */
  dataDir: z.string(),
  /** A "reset local data" waits for the next start. */
  resetPending: z.boolean()
})
export type AppInfo = z.infer<typeof AppInfo>

export const contract = {
  'app.info': { input: NoInput, output: AppInfo },
  'app.openExternal': { input: z.object({ url: z.string().max(4096) }), output: z.object({ opened: z.boolean() }) },
  'settings.get': { input: NoInput, output: Settings },
  'settings.set': { input: Settings.partial(), output: Settings },
  /** Ask for (or withdraw) a reset of cached provider data and the activity log at the next start. */
  'settings.requestReset': { input: z.object({ requested: z.boolean() }), output: z.object({ pending: z.boolean() }) },
  'accounts.list': { input: NoInput, output: z.array(Account) },
  'accounts.verify': { input: AccountDraft, output: VerifyResult },
  'accounts.add': { input: NewAccountInput, output: AccountSaveResult },
  'accounts.update': { input: AccountUpdateInput, output: AccountSaveResult },
  'accounts.remove': { input: z.object({ id: AccountId }), output: z.object({ removed: z.boolean() }) },
  'accounts.health': { input: NoInput, output: z.array(AccountHealth) },
  'fleet.get': { input: NoInput, output: FleetSnapshot },
  'fleet.refresh': {
    input: z.object({ accountIds: z.array(AccountId).max(500).optional() }).optional(),
    output: FleetSnapshot
  },
  // Feature channels: spread from each feature's contract module (e.g. ...consoleContract), above this marker.
  ...consoleContract,
  ...fleetContract,
  ...billingContract,
  ...ordersContract,
  ...sshKeysContract,
  ...ticketsContract,
  ...backupsContract,
  ...firewallContract,
  ...sshContract,
  // @invoke-contract
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'accounts.changed': z.array(Account),
  'accounts.health': z.array(AccountHealth),
  'fleet.changed': FleetSnapshot,
  'app.warning': AppWarning,
  ...consoleEvents,
  ...fleetEvents,
  ...billingEvents,
  ...ticketsEvents,
  ...sshEvents,
  // @event-contract
} as const satisfies Record<EventChannel, z.ZodType>

export type Contract = typeof contract
export type InputOf<C extends InvokeChannel> = z.input<Contract[C]['input']>
export type ParsedInputOf<C extends InvokeChannel> = z.output<Contract[C]['input']>
export type OutputOf<C extends InvokeChannel> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>

/** What every invoke resolves to: errors travel as data, never as rejected promises. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError }

type Call<C extends InvokeChannel> = undefined extends InputOf<C>
  ? (input?: InputOf<C>) => Promise<Envelope<OutputOf<C>>>
  : (input: InputOf<C>) => Promise<Envelope<OutputOf<C>>>

/** `window.flotilla`: one namespace per contract prefix, one method per channel, plus `on`. */
export type FlotillaBridge = {
  [N in Namespace<InvokeChannel>]: { [M in Method<InvokeChannel, N>]: Call<Extract<`${N}.${M}`, InvokeChannel>> }
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Handlers main binds to the contract: parsed input in, plain output (or a thrown FlotillaError) out. */
export type HandlerTable = {
  [C in InvokeChannel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>>
}
