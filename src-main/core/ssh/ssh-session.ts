// One terminal session: an ssh2 connection with a PTY shell, kept under one id
// across reconnects. The host key is checked (asynchronously, with the user if
// need be) before ssh2 sends any credential; output goes through the pump
// (batched, flow-controlled); a session log is written only while the user has
// one started.
import { createWriteStream, type WriteStream } from 'node:fs'
// ssh2 is CommonJS: a default import works from Node's ESM loader and the bundle alike.
import ssh2, { type Client, type ClientChannel } from 'ssh2'
import type { SshHostKeyEvent, SshStateEvent } from '../../shared/contracts/ssh'
import { createAuthHandler, type AuthContext, type PromptAnswer, type PromptRequest } from './ssh-auth'
import { keyTypeOf, sha256Fingerprint } from './host-key'
import type { HostKeyStore } from './host-key-store'
import { OutputPump } from './output-pump'

export interface SessionTarget {
  readonly serverKey: string
  readonly host: string
  readonly port: number
  readonly user: string
  readonly keyPaths: readonly string[]
}

export interface SessionDeps {
  readonly hostKeys: HostKeyStore
  readonly authBase: Omit<AuthContext, 'serverKey' | 'user' | 'keyPaths' | 'prompt' | 'onMethod' | 'cancelled' | 'passphrases'>
  readonly keepaliveSec: () => number
  readonly reinstalledAt: (serverKey: string) => Promise<string | null>
  readonly emitState: (state: Omit<SshStateEvent, 'sessionId'>) => void
  readonly emitHostKey: (event: Omit<SshHostKeyEvent, 'sessionId'>) => void
  readonly emitOutput: (chunk: Buffer) => void
  readonly prompt: (request: PromptRequest) => Promise<PromptAnswer>
  /** How long the TCP connect and key exchange may take before the user is involved. */
  readonly connectTimeoutMs?: number
}

type HostKeyDecision = { accept: boolean; replace: boolean }
type CloseCode = NonNullable<SshStateEvent['code']>

export class SshSession {
  private client: Client | null = null
  private stream: ClientChannel | null = null
  private readonly pump: OutputPump
  private readonly passphrases = new Map<string, string>()
  private hostKeyAnswer: ((d: HostKeyDecision) => void) | null = null
  private endedByUs = false
  private cancelled = false
  private failure: { code: CloseCode; message: string } | null = null
  private log: WriteStream | null = null
  private cols = 80
  private rows = 24

  constructor(
    readonly target: SessionTarget,
    private readonly deps: SessionDeps
  ) {
    this.pump = new OutputPump((chunk) => deps.emitOutput(chunk))
  }

  /** Resolves when the shell is open; rejects (after emitting a `failed` state) otherwise. */
  connect(cols: number, rows: number): Promise<void> {
    this.cols = cols
    this.rows = rows
    this.teardown()
    this.endedByUs = false
    this.cancelled = false
    this.failure = null
    this.pump.reset()
    const client = new ssh2.Client()
    this.client = client
    this.deps.emitState({ state: 'connecting' })
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(client, 'timeout', 'The server did not answer in time.'), this.deps.connectTimeoutMs ?? 20_000)
      const fail = (e: Error): void => reject(e)
      // Keystrokes are tiny packets: without TCP_NODELAY, Nagle holds each one back for an ACK.
      client.once('connect', () => client.setNoDelay(true))
      client.once('ready', () => this.openShell(client).then(resolve, fail))
      client.on('error', (e: Error & { level?: string }) => {
        clearTimeout(timer)
        this.recordError(e)
      })
      client.on('close', () => {
        clearTimeout(timer)
        this.onClosed(client)
        reject(new Error(this.failure?.message ?? 'closed'))
      })
      client.connect({
        host: this.target.host,
        port: this.target.port,
        username: this.target.user,
        readyTimeout: 0,
        keepaliveInterval: this.deps.keepaliveSec() * 1000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer, verified: (ok: boolean) => void) => {
          clearTimeout(timer)
          void this.verifyHostKey(key).then(verified, () => verified(false))
        },
        authHandler: createAuthHandler(this.authContext()),
        tryKeyboard: true
      })
    })
  }

  answerHostKey(decision: HostKeyDecision): boolean {
    const answer = this.hostKeyAnswer
    this.hostKeyAnswer = null
    answer?.(decision)
    return answer !== null
  }

  write(data: string): boolean {
    if (!this.stream) return false
    this.stream.write(data)
    return true
  }

  resize(cols: number, rows: number): void {
    this.cols = cols
    this.rows = rows
    this.stream?.setWindow(rows, cols, 0, 0)
  }

  ack(bytes: number): void {
    this.pump.ack(bytes)
  }

  get flow(): { unacked: number; paused: boolean } {
    return { unacked: this.pump.unackedBytes, paused: this.pump.isPaused }
  }

  startLog(path: string): void {
    this.log?.end()
    this.log = createWriteStream(path, { flags: 'a', mode: 0o600 })
  }

  stopLog(): boolean {
    const had = this.log !== null
    this.log?.end()
    this.log = null
    return had
  }

  close(): void {
    this.endedByUs = true
    this.answerHostKey({ accept: false, replace: false })
    this.teardown()
    this.stopLog()
    this.pump.dispose()
  }

  private authContext(): AuthContext {
    return {
      ...this.deps.authBase,
      serverKey: this.target.serverKey,
      user: this.target.user,
      keyPaths: this.target.keyPaths,
      passphrases: this.passphrases,
      prompt: async (request) => {
        this.deps.emitState({ state: 'authenticating', method: request.kind })
        const answer = await this.deps.prompt(request)
        if (answer === null) this.cancelled = true
        return answer
      },
      onMethod: (method) => this.deps.emitState({ state: 'authenticating', method }),
      cancelled: () => this.cancelled || this.endedByUs
    }
  }

  private async verifyHostKey(blob: Buffer): Promise<boolean> {
    const { serverKey, host, port } = this.target
    this.deps.emitState({ state: 'verifying' })
    const verdict = await this.deps.hostKeys.verdict(serverKey, host, port, blob)
    if (verdict.kind === 'trusted') return true
    const event: Omit<SshHostKeyEvent, 'sessionId'> = {
      kind: verdict.kind,
      host,
      port,
      keyType: keyTypeOf(blob),
      fingerprint: sha256Fingerprint(blob),
      pinnedFingerprint: verdict.kind === 'changed' ? verdict.pinnedFingerprint : null,
      pinnedFrom: verdict.kind === 'changed' ? verdict.from : null,
      reinstalledAt: verdict.kind === 'changed' ? await this.deps.reinstalledAt(serverKey) : null
    }
    const decision = await new Promise<HostKeyDecision>((resolve) => {
      this.hostKeyAnswer = resolve
      this.deps.emitHostKey(event)
    })
    // A changed key is replaced only by the explicit "replace" action, never by a plain accept.
    const allowed = verdict.kind === 'new' ? decision.accept : decision.accept && decision.replace
    if (!allowed) {
      this.failure = verdict.kind === 'changed'
        ? { code: 'host-key-changed', message: 'The server presented a different host key than the one pinned; the connection was blocked.' }
        : { code: 'host-key-rejected', message: 'The host key was not accepted.' }
      return false
    }
    await this.deps.hostKeys.pin(serverKey, host, port, blob)
    return true
  }

  private async openShell(client: Client): Promise<void> {
    const stream = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell({ term: 'xterm-256color', cols: this.cols, rows: this.rows }, (err, s) => (err ? reject(err) : resolve(s)))
    })
    this.stream = stream
    this.pump.attach(stream)
    const onData = (chunk: Buffer): void => {
      this.log?.write(chunk)
      this.pump.push(chunk)
    }
    stream.on('data', onData)
    stream.stderr.on('data', onData)
    stream.on('close', () => {
      this.pump.flush()
      client.end()
    })
    this.deps.emitState({ state: 'ready' })
  }

  private recordError(e: Error & { level?: string }): void {
    if (this.failure) return
    const code = (e as NodeJS.ErrnoException).code
    if (e.level === 'client-authentication') {
      this.failure = this.cancelled
        ? { code: 'auth-failed', message: 'Sign-in was cancelled.' }
        : { code: 'auth-failed', message: `The server refused every way of signing in as ${this.target.user} (agent, keys, password).` }
    } else if (e.level === 'client-timeout') this.failure = { code: 'timeout', message: 'The server did not answer in time.' }
    else if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || e.level === 'client-dns') {
      this.failure = { code: 'unreachable', message: `Cannot reach ${this.target.host}:${this.target.port} (${code ?? 'no route'}).` }
    } else if (e.level === 'client-socket' && !this.stream) this.failure = { code: 'unreachable', message: `The connection to ${this.target.host} was lost.` }
    else this.failure = { code: 'error', message: 'The SSH connection failed.' }
  }

  private fail(client: Client, code: CloseCode, message: string): void {
    this.failure ??= { code, message }
    client.destroy()
  }

  private onClosed(client: Client): void {
    if (this.client !== client) return
    this.pump.flush()
    const hadShell = this.stream !== null
    this.stream = null
    this.client = null
    this.hostKeyAnswer = null
    if (this.endedByUs) return this.deps.emitState({ state: 'closed', code: 'closed', message: 'Session closed.' })
    if (this.failure && !hadShell) return this.deps.emitState({ state: 'failed', ...this.failure })
    this.deps.emitState({ state: 'closed', code: 'closed-by-server', message: 'The server closed the connection.' })
  }

  private teardown(): void {
    const client = this.client
    this.client = null
    this.stream = null
    client?.end()
    client?.destroy()
  }
}
