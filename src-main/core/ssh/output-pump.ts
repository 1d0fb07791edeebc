// Terminal output from an ssh2 stream to the renderer: batched (every BATCH_MS
// or BATCH_BYTES, whichever comes first) and flow-controlled like Tabby's and
// VS Code's terminals: the renderer acks bytes after xterm's write callback;
// above HIGH_WATER unacked bytes the source stream is paused, below LOW_WATER
// it resumes. Nothing is ever dropped — a slow renderer slows the server instead.
export const BATCH_MS = 16
export const BATCH_BYTES = 64 * 1024
export const HIGH_WATER = 512 * 1024
export const LOW_WATER = 128 * 1024

export interface PausableSource {
  pause(): void
  resume(): void
}

export class OutputPump {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private unacked = 0
  private paused = false
  private source: PausableSource | null = null

  constructor(private readonly send: (chunk: Buffer) => void) {}

  attach(source: PausableSource): void {
    this.source = source
    this.paused = false
    if (this.unacked > HIGH_WATER) this.pauseSource()
  }

  push(chunk: Buffer): void {
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes >= BATCH_BYTES) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS)
  }

  /** Sends what is pending now (also on close, so the last bytes arrive). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pendingBytes === 0) return
    const chunk = Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    this.unacked += chunk.length
    this.send(chunk)
    if (this.unacked > HIGH_WATER) this.pauseSource()
  }

  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes)
    if (this.paused && this.unacked < LOW_WATER) {
      this.paused = false
      this.source?.resume()
    }
  }

  get unackedBytes(): number {
    return this.unacked
  }

  get isPaused(): boolean {
    return this.paused
  }

  /** A fresh connection starts with nothing in flight. */
  reset(): void {
    this.flush()
    this.unacked = 0
    this.paused = false
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.source = null
  }

  private pauseSource(): void {
    if (this.paused || !this.source) return
    this.paused = true
    this.source.pause()
  }
}
