// The live refresh loop: every `intervalSec` (default 30 s, 0 = off) while the
// window is visible, first the live status of the rows on screen, then the full
// list and the status of everything else; on demand through `tick()`. The
// interval is kept in userData/fleet-live.json.
import { join } from 'node:path'
import { z } from 'zod'
import type { LiveState } from '../../shared/contracts/fleet'
import type { Logger } from '../logging/logger'
import type { AppWarning } from '../../shared/domain'
import { setAsideWarning } from '../storage/file-warning'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import type { FleetService } from './fleet-service'

export const DEFAULT_INTERVAL_SEC = 30
/** Rows that come into view get fresh status unless they had it this recently. */
const VISIBLE_FRESH_MS = 10_000
const VISIBLE_DEBOUNCE_MS = 150

const LiveFile = z.object({ version: z.literal(1), intervalSec: z.number().int().min(0).max(3600) })

export interface LiveSchedulerDeps {
  readonly fleet: FleetService
  readonly userDataDir: string
  readonly logger: Logger
  readonly onState?: (state: LiveState) => void
  readonly now?: () => number
}

export class LiveScheduler {
  private intervalSec = DEFAULT_INTERVAL_SEC
  private windowVisible = true
  private visible = new Set<string>()
  private readonly statusAt = new Map<string, number>()
  private running: Promise<void> | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private visibleTimer: ReturnType<typeof setTimeout> | null = null
  private lastTickAt: number | null = null
  private nextTickAt: number | null = null
  private disposed = false

  constructor(private readonly deps: LiveSchedulerDeps) {}

  /** A damaged file is set aside and the user told the interval went back to the default. */
  async load(onWarning?: (warning: AppWarning) => void): Promise<void> {
    const read = await readJsonFile(this.path(), LiveFile).catch(() => null)
    if (read?.status === 'ok') this.intervalSec = read.value.intervalSec
    const warning = read && setAsideWarning('live-interval-reset', 'fleet-live.json', read, `the live refresh interval is back to ${DEFAULT_INTERVAL_SEC} s.`)
    if (warning) onWarning?.(warning)
  }

  /** Starts the loop (the first tick comes after one interval: start-up has just refreshed). */
  start(): void {
    this.lastTickAt = this.now()
    this.schedule()
  }

  state(): LiveState {
    return {
      intervalSec: this.intervalSec,
      windowVisible: this.windowVisible,
      ticking: this.running !== null,
      lastTickAt: this.lastTickAt === null ? null : new Date(this.lastTickAt).toISOString(),
      nextTickAt: this.nextTickAt === null ? null : new Date(this.nextTickAt).toISOString()
    }
  }

  visibleKeys(): ReadonlySet<string> {
    return this.visible
  }

  async configure(input: { intervalSec?: number | undefined; windowVisible?: boolean | undefined }): Promise<LiveState> {
    if (input.intervalSec !== undefined && input.intervalSec !== this.intervalSec) {
      this.intervalSec = input.intervalSec
      await writeJsonAtomic(this.path(), { version: 1, intervalSec: this.intervalSec }).catch((error: unknown) =>
        this.deps.logger.warn('live interval not saved', { error })
      )
    }
    if (input.windowVisible !== undefined) this.windowVisible = input.windowVisible
    // Coming back after a hidden spell that outlasted the interval: refresh now, not an interval later.
    if (this.isLive() && this.lastTickAt !== null && this.now() - this.lastTickAt >= this.intervalSec * 1000) void this.tick()
    else this.schedule()
    return this.state()
  }

  /** The rows on screen; new ones get their status soon (debounced), the rest waits for the tick. */
  setVisible(keys: readonly string[]): number {
    this.visible = new Set(keys)
    if (this.visibleTimer) clearTimeout(this.visibleTimer)
    if (this.windowVisible && !this.disposed) {
      this.visibleTimer = setTimeout(() => void this.refreshStaleVisible(), VISIBLE_DEBOUNCE_MS)
      this.visibleTimer.unref?.()
    }
    return this.visible.size
  }

  /** One live pass now; a pass already running is joined, not doubled. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null
      this.lastTickAt = this.now()
      this.schedule()
    })
    return this.running
  }

  dispose(): void {
    this.disposed = true
    if (this.timer) clearTimeout(this.timer)
    if (this.visibleTimer) clearTimeout(this.visibleTimer)
    this.timer = null
    this.nextTickAt = null
  }

  private async pass(): Promise<void> {
    try {
      const visible = [...this.visible]
      if (visible.length > 0) this.markFresh(await this.deps.fleet.refreshStatus(visible))
      const startedAt = this.now()
      await this.deps.fleet.refresh(undefined, 'delta', new Set(visible))
      for (const s of this.deps.fleet.snapshot().servers) this.statusAt.set(s.key, startedAt)
    } catch (error) {
      this.deps.logger.warn('live tick failed', { error })
    }
  }

  private async refreshStaleVisible(): Promise<void> {
    if (this.running) return
    const cutoff = this.now() - VISIBLE_FRESH_MS
    const stale = [...this.visible].filter((k) => (this.statusAt.get(k) ?? 0) < cutoff)
    if (stale.length === 0) return
    this.markFresh(await this.deps.fleet.refreshStatus(stale).catch(() => []))
  }

  private markFresh(keys: readonly string[]): void {
    const at = this.now()
    for (const k of keys) this.statusAt.set(k, at)
  }

  private isLive(): boolean {
    return this.intervalSec > 0 && this.windowVisible && !this.disposed
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.nextTickAt = null
    if (!this.isLive() || this.running) {
      this.deps.onState?.(this.state())
      return
    }
    const dueAt = (this.lastTickAt ?? this.now()) + this.intervalSec * 1000
    this.nextTickAt = dueAt
    this.timer = setTimeout(() => void this.tick(), Math.max(0, dueAt - this.now()))
    // The loop must never keep a process (tests, the harness) alive on its own.
    this.timer.unref?.()
    this.deps.onState?.(this.state())
  }

  private path(): string {
    return join(this.deps.userDataDir, 'fleet-live.json')
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now()
  }
}
