// The SSH terminal feature in main (issue 15): resolves where a server is
// reached (provider address, per-server overrides, the account's default
// user), opens sessions, relays prompts to the renderer and their answers back,
// and keeps the pins. Credentials never leave main: the renderer only ever
// answers prompts main raised.
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { SshOpened, SshOverride, SshTarget } from '../../shared/contracts/ssh'
import type { Account, Server } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import type { EventChannel } from '../../shared/ipc-channels'
import type { Logger } from '../logging/logger'
import type { SecretStore } from '../secrets/secret-store'
import { defaultKeyPaths, type PromptAnswer, type PromptRequest } from './ssh-auth'
import { HostKeyStore } from './host-key-store'
import { SshPrefsStore } from './ssh-prefs-store'
import { SshSession } from './ssh-session'

export interface SshServiceDeps {
  readonly userDataDir: string
  /** The user's home (~/.ssh/known_hosts, default key files); tests pass a temp dir. */
  readonly homeDir: string
  /** SSH_AUTH_SOCK and friends; tests pass their own agent. */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly platform: string
  readonly secrets: SecretStore
  readonly logger: Logger
  readonly emit: (event: EventChannel, payload: unknown) => void
  readonly serverByKey: (key: string) => Server | undefined
  readonly accountById: (id: string) => Account | undefined
  readonly overrideOf: (key: string) => Promise<SshOverride>
  readonly saveOverride: (key: string, override: SshOverride) => Promise<void>
  /** ISO time of the last successful reinstall Flotilla ran on the server. */
  readonly reinstalledAt: (key: string) => Promise<string | null>
  /** Private keys Flotilla generated and still holds. */
  readonly heldKeys?: () => readonly string[]
  /** Electron: a window of its own for a server's terminal. */
  readonly openWindow?: (serverKey: string, title: string) => Promise<boolean>
  readonly connectTimeoutMs?: number
}

const WINDOWS_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent'

export class SshService {
  private readonly sessions = new Map<string, SshSession>()
  private readonly prompts = new Map<string, { sessionId: string; resolve: (a: PromptAnswer) => void }>()
  readonly hostKeys: HostKeyStore
  readonly prefs: SshPrefsStore

  constructor(private readonly deps: SshServiceDeps) {
    this.hostKeys = new HostKeyStore(deps.userDataDir, join(deps.homeDir, '.ssh', 'known_hosts'), deps.logger)
    this.prefs = new SshPrefsStore(deps.userDataDir, deps.logger)
  }

  async load(): Promise<void> {
    await Promise.all([this.hostKeys.load(), this.prefs.load()])
  }

  async target(serverKey: string): Promise<SshTarget> {
    const server = this.server(serverKey)
    const override = await this.deps.overrideOf(serverKey)
    const providerAddresses = [server.primaryIpv4, server.primaryIpv6].filter((a): a is string => !!a)
    return {
      serverKey,
      label: server.label,
      accountId: server.accountId,
      accountDefaultUser: this.prefs.get().defaultUsers[server.accountId] ?? null,
      accountLabel: this.deps.accountById(server.accountId)?.label ?? server.accountId,
      providerAddresses,
      address: override.address || providerAddresses[0] || null,
      port: override.port ?? 22,
      user: override.user || this.prefs.get().defaultUsers[server.accountId] || 'root',
      keyPath: override.keyPath ? override.keyPath.replace(/^~(?=[/\\])/, this.deps.homeDir) : null,
      override
    }
  }

  async setOverride(serverKey: string, override: SshOverride): Promise<SshTarget> {
    this.server(serverKey)
    await this.deps.saveOverride(serverKey, override)
    return this.target(serverKey)
  }

  async open(serverKey: string, cols: number, rows: number): Promise<SshOpened> {
    const target = await this.target(serverKey)
    if (!target.address) throw new FlotillaError('validation', `${target.label} has no address to connect to; set one in its SSH settings.`)
    const sessionId = `ssh_${randomBytes(8).toString('hex')}`
    const session = this.createSession(sessionId, target)
    this.sessions.set(sessionId, session)
    this.deps.logger.info('ssh session opened', { serverKey, sessionId })
    void session.connect(cols, rows).catch(() => undefined)
    return this.opened(sessionId, target)
  }

  async reconnect(sessionId: string, cols: number, rows: number): Promise<SshOpened> {
    const old = this.session(sessionId)
    old.close()
    const target = await this.target(old.target.serverKey)
    if (!target.address) throw new FlotillaError('validation', `${target.label} has no address to connect to.`)
    const session = this.createSession(sessionId, target)
    this.sessions.set(sessionId, session)
    void session.connect(cols, rows).catch(() => undefined)
    return this.opened(sessionId, target)
  }

  input(sessionId: string, data: string): boolean {
    return this.session(sessionId).write(data)
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.session(sessionId).resize(cols, rows)
  }

  ack(sessionId: string, bytes: number): void {
    this.sessions.get(sessionId)?.ack(bytes)
  }

  answerHostKey(sessionId: string, accept: boolean, replace: boolean): boolean {
    return this.session(sessionId).answerHostKey({ accept, replace })
  }

  answerPrompt(sessionId: string, promptId: string, answers: readonly string[] | null, remember: boolean): boolean {
    const pending = this.prompts.get(promptId)
    if (!pending || pending.sessionId !== sessionId) return false
    this.prompts.delete(promptId)
    pending.resolve(answers ? { answers, remember } : null)
    return true
  }

  close(sessionId: string): boolean {
    const session = this.sessions.get(sessionId)
    if (!session) return false
    this.sessions.delete(sessionId)
    this.cancelPrompts(sessionId)
    session.close()
    this.deps.logger.info('ssh session closed', { sessionId })
    return true
  }

  async startLog(sessionId: string): Promise<string> {
    const session = this.session(sessionId)
    const dir = join(this.deps.userDataDir, 'ssh-logs')
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const safe = session.target.serverKey.replace(/[^A-Za-z0-9_-]+/g, '_')
    const path = join(dir, `${safe}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`)
    session.startLog(path)
    return path
  }

  stopLog(sessionId: string): boolean {
    return this.session(sessionId).stopLog()
  }

  async popOut(serverKey: string): Promise<boolean> {
    const server = this.server(serverKey)
    if (!this.deps.openWindow) return false
    return this.deps.openWindow(serverKey, `SSH — ${server.label}`)
  }

  /** Flow state of a session (tests and benchmarks). */
  flow(sessionId: string): { unacked: number; paused: boolean } {
    return this.session(sessionId).flow
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id)
  }

  private createSession(sessionId: string, target: SshTarget): SshSession {
    const agent = this.agent()
    return new SshSession(
      { serverKey: target.serverKey, host: target.address!, port: target.port, user: target.user, keyPaths: target.keyPath ? [target.keyPath] : defaultKeyPaths(this.deps.homeDir) },
      {
        hostKeys: this.hostKeys,
        authBase: { agent, heldKeys: this.deps.heldKeys?.() ?? [], secrets: this.deps.secrets, logger: this.deps.logger },
        keepaliveSec: () => this.prefs.get().keepaliveSec,
        reinstalledAt: this.deps.reinstalledAt,
        emitState: (state) => this.deps.emit('ssh.state', { sessionId, ...state }),
        emitHostKey: (event) => this.deps.emit('ssh.hostKey', { sessionId, ...event }),
        emitOutput: (chunk) => this.deps.emit('ssh.output', { sessionId, data: chunk.toString('base64'), bytes: chunk.length }),
        prompt: (request) => this.ask(sessionId, request),
        ...(this.deps.connectTimeoutMs ? { connectTimeoutMs: this.deps.connectTimeoutMs } : {})
      }
    )
  }

  private ask(sessionId: string, request: PromptRequest): Promise<PromptAnswer> {
    const promptId = randomBytes(9).toString('base64url')
    return new Promise((resolve) => {
      this.prompts.set(promptId, { sessionId, resolve })
      this.deps.emit('ssh.prompt', { sessionId, promptId, ...request })
    })
  }

  private cancelPrompts(sessionId: string): void {
    for (const [id, p] of this.prompts) {
      if (p.sessionId !== sessionId) continue
      this.prompts.delete(id)
      p.resolve(null)
    }
  }

  /** The OS agent: SSH_AUTH_SOCK; on Windows the OpenSSH pipe (ssh2 1.17 also still has Pageant). */
  private agent(): string | null {
    const sock = this.deps.env.SSH_AUTH_SOCK
    if (sock) return sock
    return this.deps.platform === 'win32' ? WINDOWS_AGENT_PIPE : null
  }

  private opened(sessionId: string, target: SshTarget): SshOpened {
    return {
      sessionId,
      serverKey: target.serverKey,
      title: `${target.label} · ${target.accountLabel}`,
      host: target.address!,
      port: target.port,
      user: target.user
    }
  }

  private server(key: string): Server {
    const server = this.deps.serverByKey(key)
    if (!server) throw new FlotillaError('not-found', 'That server is no longer in the fleet.')
    return server
  }

  private session(id: string): SshSession {
    const session = this.sessions.get(id)
    if (!session) throw new FlotillaError('not-found', 'That SSH session has ended.')
    return session
  }
}
