// Bulk actions across accounts and providers: one job, per-item progress pushed
// as `jobs.progress`, a bounded number of items in flight (each account's own
// HTTP cap applies on top), and a summary that keeps every failure's reason.
import { randomBytes } from 'node:crypto'
import type { BulkActionName, JobItem, JobProgress } from '../../shared/contracts/fleet'
import { FlotillaError, serializeError } from '../../shared/errors'
import type { FleetService } from '../fleet/fleet-service'
import type { ServerService } from './server-service'

export interface BulkJobsDeps {
  readonly fleet: FleetService
  readonly servers: ServerService
  readonly onProgress: (progress: JobProgress) => void
  /** Items run at once across the whole job. Default 8. */
  readonly concurrency?: number
  /** Progress events at most this often while items finish (the last one always goes out). Default 100 ms. */
  readonly throttleMs?: number
  readonly now?: () => Date
}

/** Finished jobs kept for `jobs.get`. */
const KEEP_JOBS = 20

export class BulkJobs {
  private readonly jobs = new Map<string, JobProgress>()
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly deps: BulkJobsDeps) {}

  get(jobId: string): JobProgress | null {
    return this.jobs.get(jobId) ?? null
  }

  /** Starts the job and answers at once with every item queued; progress follows as events. */
  start(keys: readonly string[], action: BulkActionName): JobProgress {
    const jobId = `job_${randomBytes(8).toString('hex')}`
    const items: JobItem[] = [...new Set(keys)].map((key) => this.itemFor(key))
    const job: JobProgress = { jobId, action, total: items.length, done: 0, failed: 0, finished: false, items, startedAt: this.now(), finishedAt: null }
    this.jobs.set(jobId, job)
    this.trim()
    const queued = structuredClone(job)
    const run = this.run(job).finally(() => this.running.delete(run))
    this.running.add(run)
    return queued
  }

  /** Resolves when every job started so far has finished (at quit: actions already sent are seen through). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running])
  }

  private itemFor(key: string): JobItem {
    const server = this.deps.fleet.server(key)
    return {
      key,
      accountId: server?.accountId ?? key.split(':')[0] ?? '',
      provider: server?.provider ?? null,
      label: server?.label ?? key,
      state: 'queued'
    }
  }

  private async run(job: JobProgress): Promise<void> {
    const emit = throttle(() => this.deps.onProgress(structuredClone(job)), this.deps.throttleMs ?? 100)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < job.items.length) {
        const item = job.items[next++]
        if (item) await this.runItem(job, item, emit)
      }
    }
    const width = Math.max(1, Math.min(this.deps.concurrency ?? 8, job.items.length))
    await Promise.all(Array.from({ length: width }, worker))
    job.finished = true
    job.finishedAt = this.now()
    emit.flush()
  }

  private async runItem(job: JobProgress, item: JobItem, emit: Throttled): Promise<void> {
    item.state = 'running'
    emit()
    try {
      if (!this.deps.fleet.server(item.key)) throw new FlotillaError('not-found', 'This server is not in the fleet (any more).')
      await this.deps.servers.act({ key: item.key, action: job.action }, job.jobId)
      item.state = 'ok'
    } catch (error) {
      item.state = 'failed'
      item.error = serializeError(error)
      job.failed++
    }
    job.done++
    emit()
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finished)
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_JOBS))) this.jobs.delete(j.jobId)
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString()
  }
}

interface Throttled {
  (): void
  flush(): void
}

/** Calls `fn` at most every `ms`; a call inside the window is delivered at its end. */
function throttle(fn: () => void, ms: number): Throttled {
  let last = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const fire = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    last = Date.now()
    fn()
  }
  const call = (() => {
    const wait = last + ms - Date.now()
    if (wait <= 0) fire()
    else timer ??= setTimeout(fire, wait)
  }) as Throttled
  call.flush = fire
  return call
}
