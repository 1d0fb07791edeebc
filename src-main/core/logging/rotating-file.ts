// A size-capped, rotating log destination for pino (issue 10, item 7: the log
// grew ~145 MB an hour at 2,000 servers). No rotation library is installed
// (pino-roll would be a new dependency and rotates by time as well), and the
// need is small: when the file would pass `maxBytes`, flotilla.log becomes
// flotilla.log.1 (and .1 → .2 …, the oldest dropped), and a fresh file starts.
// Writes are synchronous, like the destination it replaces, so a crash loses
// no line already logged. At most (keep + 1) × maxBytes ever sit on disk.
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'

export interface RotatingFileOptions {
  /** Rotate before a write would take the file past this size (default 5 MiB). */
  readonly maxBytes?: number
  /** Old files kept: <file>.1 … <file>.<keep> (default 3). */
  readonly keep?: number
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024
export const DEFAULT_LOG_KEEP = 3

export class RotatingFile {
  private fd: number
  private size: number
  private readonly maxBytes: number
  private readonly keep: number

  constructor(
    private readonly file: string,
    options: RotatingFileOptions = {}
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES
    this.keep = Math.max(1, options.keep ?? DEFAULT_LOG_KEEP)
    this.fd = openSync(file, 'a', 0o600)
    this.size = fstatSync(this.fd).size
  }

  /** pino's destination interface: one serialised line at a time. */
  write(line: string): boolean {
    const bytes = Buffer.byteLength(line)
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate()
    writeSync(this.fd, line)
    this.size += bytes
    return true
  }

  private rotate(): void {
    closeSync(this.fd)
    rmSync(`${this.file}.${this.keep}`, { force: true })
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`)
    }
    renameSync(this.file, `${this.file}.1`)
    this.fd = openSync(this.file, 'a', 0o600)
    this.size = 0
  }
}
