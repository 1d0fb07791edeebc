// Staff-answer notifications without the Tickets page open: while the setting
// `ticketNotifications` is on, main reads every account's ticket list on an
// interval and announces each new staff answer once. Accounts are read one at a
// time (one list request each), an account that was rate-limited is left alone
// until its provider's retryAfter (at least one interval) has passed, and with
// the setting off there is no timer at all.
import type { StaffReplied } from '../../shared/contracts/tickets'
import type { Account } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import type { Logger } from '../logging/logger'

export const TICKET_POLL_DEFAULT_MS = 5 * 60_000
/** Bounds on the interval, whatever a caller asks: never hammer a provider, never go silent for hours. */
export const TICKET_POLL_MIN_MS = 60_000
export const TICKET_POLL_MAX_MS = 60 * 60_000

export interface TicketPollerDeps {
  readonly enabled: () => boolean
  /** The accounts that have tickets; none → nothing is read (paused). */
  readonly accounts: () => Account[]
  readonly newStaffReplies: (account: Account) => Promise<StaffReplied[]>
  readonly announce: (reply: StaffReplied) => void
  readonly logger: Logger
  readonly intervalMs?: number
  readonly now?: () => number
}

export class TicketPoller {
  private timer: ReturnType<typeof setTimeout> | null = null
  private round: Promise<void> | null = null
  /** Per account: not before this time (after a 429). */
  private readonly notBefore = new Map<string, number>()
  private readonly intervalMs: number
  private disposed = false

  constructor(private readonly deps: TicketPollerDeps) {
    const asked = deps.intervalMs ?? TICKET_POLL_DEFAULT_MS
    this.intervalMs = Math.min(Math.max(asked, TICKET_POLL_MIN_MS), TICKET_POLL_MAX_MS)
  }

  get interval(): number {
    return this.intervalMs
  }

  /** True while a timer is armed. */
  get scheduled(): boolean {
    return this.timer !== null
  }

  /**
   * The setting may have changed: turned on, read at once (which also learns
   * what is already there) and keep going; turned off, stop the timer.
   */
  reconsider(): void {
    if (this.disposed) return
    if (!this.deps.enabled()) {
      this.stop()
      return
    }
    if (this.timer === null && this.round === null) void this.tick()
  }

  /** One round over all accounts; concurrent callers share the running round. */
  pollOnce(): Promise<void> {
    this.round ??= this.readAll().finally(() => {
      this.round = null
    })
    return this.round
  }

  /** Stops the timer and waits for a round in progress, so nothing writes the ticket cache after it. */
  async dispose(): Promise<void> {
    this.disposed = true
    this.stop()
    await this.round?.catch(() => undefined)
  }

  private async tick(): Promise<void> {
    this.timer = null
    if (this.deps.enabled()) await this.pollOnce()
    this.schedule()
  }

  private schedule(): void {
    if (this.disposed || !this.deps.enabled() || this.timer !== null) return
    this.timer = setTimeout(() => void this.tick(), this.intervalMs)
    // The poller alone must not keep the process alive.
    this.timer.unref?.()
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private async readAll(): Promise<void> {
    const now = this.deps.now ?? Date.now
    for (const account of this.deps.accounts()) {
      if (this.disposed || !this.deps.enabled()) return
      if ((this.notBefore.get(account.id) ?? 0) > now()) continue
      try {
        for (const reply of await this.deps.newStaffReplies(account)) this.deps.announce(reply)
        this.notBefore.delete(account.id)
      } catch (error) {
        this.noteFailure(account.id, error, now())
      }
    }
  }

  private noteFailure(accountId: string, error: unknown, now: number): void {
    const code = error instanceof FlotillaError ? error.code : 'internal'
    if (code === 'rate-limited') {
      const waitMs = Math.max(((error as FlotillaError).retryAfterSec ?? 0) * 1000, this.intervalMs)
      this.notBefore.set(accountId, now + waitMs)
    }
    // The next round tries again; the fleet already tells the user about a signed-out or unreachable account.
    this.deps.logger.warn('ticket poll failed', { accountId, code })
  }
}
