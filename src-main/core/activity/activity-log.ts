// Every action taken, one JSON line each in userData/activity.jsonl. Append-only:
// a line is written whole or not at all, and a damaged line is skipped on read
// (never fatal), so one bad write cannot hide the rest of the history.
import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ActivityEntry } from '../../shared/contracts/fleet'
import type { Logger } from '../logging/logger'

export type NewActivity = Omit<ActivityEntry, 'id' | 'at'>

export interface ActivityLogOptions {
  readonly userDataDir: string
  readonly logger: Logger
  readonly onAdded?: (entry: ActivityEntry) => void
  readonly now?: () => Date
}

const DEFAULT_LIMIT = 200

export class ActivityLog {
  private readonly path: string
  /** Appends queue up so lines never interleave. */
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly opts: ActivityLogOptions) {
    this.path = join(opts.userDataDir, 'activity.jsonl')
  }

  async append(input: NewActivity): Promise<ActivityEntry> {
    const entry: ActivityEntry = { id: `act_${randomBytes(8).toString('hex')}`, at: (this.opts.now?.() ?? new Date()).toISOString(), ...input }
    const line = JSON.stringify(ActivityEntry.parse(entry)) + '\n'
    this.writing = this.writing.then(() => this.write(line))
    await this.writing
    this.opts.onAdded?.(entry)
    return entry
  }

  /** Resolves once every line appended so far is on disk. */
  async flush(): Promise<void> {
    await this.writing
  }

  /** Newest first; `before` pages back by time. */
  async list(options: { limit?: number | undefined; before?: string | undefined } = {}): Promise<ActivityEntry[]> {
    await this.writing
    const entries = await this.readAll()
    const before = options.before
    const older = before === undefined ? entries : entries.filter((e) => e.at < before)
    return older.reverse().slice(0, options.limit ?? DEFAULT_LIMIT)
  }

  private async write(line: string): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true })
      await appendFile(this.path, line, { encoding: 'utf8', mode: 0o600 })
    } catch (error) {
      // History is a convenience: losing a line must not fail the action it records.
      this.opts.logger.warn('activity not written', { error })
    }
  }

  private async readAll(): Promise<ActivityEntry[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.opts.logger.warn('activity not readable', { error })
      return []
    }
    const out: ActivityEntry[] = []
    let skipped = 0
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      const parsed = parseLine(line)
      if (parsed) out.push(parsed)
      else skipped++
    }
    if (skipped > 0) this.opts.logger.warn('activity lines skipped', { skipped })
    return out
  }
}

function parseLine(line: string): ActivityEntry | null {
  try {
    const parsed = ActivityEntry.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
