// Opens server consoles: asks the server's provider for access (a fresh ticket
// every time, since tickets are single-use), registers every secret in it with
// the log redactor before anything else, and keeps the text-console streams
// main reads on the renderer's behalf. Electron-only work (isolated embed
// windows, pop-out windows) goes through the optional `ConsoleEdge`.
import { randomBytes } from 'node:crypto'
import type { ConsoleOpened, ConsolePowerAction } from '../../shared/contracts/console'
import type { ProviderId, Server } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import type { EventChannel } from '../../shared/ipc-channels'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { foreignHostError, isOwnOrigin, scopeFor } from '../http/credential-scope'
import { consoleSecrets, type ConsoleAccess } from './console-access'

/** What main's Electron edge offers the console feature; absent in the web harness. */
export interface ConsoleEdge {
  /** Shows a provider's console page in an isolated window; resolves whether it opened. */
  openEmbed?(request: EmbedRequest): Promise<boolean>
  /** Opens the console of `serverKey` in a window of its own; resolves whether it opened. */
  openConsoleWindow?(serverKey: string, title: string): Promise<boolean>
}

export interface EmbedRequest {
  readonly url: string
  /** Sent with the first request only (the provider needs its key to set its own console cookie). */
  readonly headers: Readonly<Record<string, string>>
  /** The account's API origin: the only origin the headers may be sent to (the edge checks again). */
  readonly credentialOrigin: string
  readonly title: string
}

export interface ConsoleServiceDeps {
  readonly logger: Logger
  readonly serverByKey: (key: string) => Server | undefined
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly emit: (event: EventChannel, payload: unknown) => void
  readonly edge?: ConsoleEdge | undefined
  /** The fleet's power action (checked, sent once, shown in the fleet and the activity log). */
  readonly powerAction: (serverKey: string, action: ConsolePowerAction) => Promise<unknown>
}

interface Session {
  readonly server: Server
  readonly abort: AbortController
}

export class ConsoleService {
  private readonly sessions = new Map<string, Session>()

  constructor(private readonly deps: ConsoleServiceDeps) {}

  async open(serverKey: string): Promise<ConsoleOpened> {
    const server = this.server(serverKey)
    const adapter = this.deps.adapterFor(server.provider)
    if (!adapter.openConsole) throw new FlotillaError('unavailable', `Consoles are not available for ${server.provider} servers.`)
    const ctx = await this.deps.contextFor(server.accountId)
    const access = await adapter.openConsole(ctx, server.id)
    for (const secret of consoleSecrets(access)) this.deps.logger.registerSecret(secret)
    refuseForeignCredentialUse(access, ctx)
    const sessionId = `con_${randomBytes(8).toString('hex')}`
    const common = { sessionId, serverKey, label: server.label, provider: server.provider }
    this.deps.logger.info('console opened', { serverKey, kind: access.kind })
    switch (access.kind) {
      case 'vnc':
        return { ...common, kind: 'vnc', url: access.url, password: access.password }
      case 'text':
        this.startStream(sessionId, server, adapter, ctx, access.streamUrl)
        return { ...common, kind: 'text' }
      case 'embed':
        return { ...common, kind: 'embed', opened: await this.openEmbed(access, server, { origin: scopeFor(ctx.baseUrl, ctx.credential).origin }), origin: new URL(access.url).origin }
    }
  }

  close(sessionId: string): boolean {
    const session = this.sessions.get(sessionId)
    if (!session) return false
    this.sessions.delete(sessionId)
    session.abort.abort()
    return true
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id)
  }

  async command(sessionId: string, command: string): Promise<void> {
    const session = this.sessions.get(sessionId)
    if (!session) throw new FlotillaError('not-found', 'This console is closed; open it again.')
    const adapter = this.deps.adapterFor(session.server.provider)
    if (!adapter.sendConsoleCommand) throw new FlotillaError('unavailable', 'This console does not take commands.')
    await adapter.sendConsoleCommand(await this.deps.contextFor(session.server.accountId), session.server.id, command)
  }

  async power(serverKey: string, action: ConsolePowerAction): Promise<void> {
    this.server(serverKey)
    await this.deps.powerAction(serverKey, action)
    this.deps.logger.info('console power action', { serverKey, action })
  }

  async popOut(serverKey: string): Promise<{ opened: boolean; message?: string }> {
    const server = this.server(serverKey)
    const open = this.deps.edge?.openConsoleWindow
    if (!open) return { opened: false, message: 'Consoles open in their own window only in the desktop app.' }
    return { opened: await open(serverKey, server.label) }
  }

  popIn(serverKey: string): void {
    this.server(serverKey)
    this.deps.emit('console.poppedIn', { serverKey })
  }

  private server(serverKey: string): Server {
    const server = this.deps.serverByKey(serverKey)
    if (!server) throw new FlotillaError('not-found', 'That server is not in the fleet any more; refresh the fleet and try again.')
    return server
  }

  private async openEmbed(access: Extract<ConsoleAccess, { kind: 'embed' }>, server: Server, ctx: { origin: string }): Promise<boolean> {
    const open = this.deps.edge?.openEmbed
    if (!open) return false
    return open({ url: access.url, headers: access.headers, credentialOrigin: ctx.origin, title: `Console — ${server.label}` })
  }

  private startStream(sessionId: string, server: Server, adapter: ProviderAdapter, ctx: AccountContext, streamUrl: string): void {
    const abort = new AbortController()
    this.sessions.set(sessionId, { server, abort })
    const emitState = (state: 'open' | 'status' | 'closed', extra: { power?: string; message?: string } = {}): void =>
      this.deps.emit('console.state', { sessionId, state, ...extra })
    if (!adapter.streamConsole) {
      emitState('closed', { message: 'This provider offers no console stream.' })
      return
    }
    emitState('open')
    adapter
      .streamConsole(ctx, streamUrl, {
        onLine: (line) => this.deps.emit('console.line', { sessionId, line }),
        onStatus: (power) => emitState('status', { power })
      }, abort.signal)
      .then(
        () => emitState('closed', { message: abort.signal.aborted ? 'Closed.' : 'The server ended the console stream.' }),
        (error: unknown) => {
          const message = error instanceof FlotillaError ? error.message : 'The console stream failed.'
          this.deps.logger.warn('console stream failed', { serverKey: server.key, message })
          emitState('closed', { message })
        }
      )
      .finally(() => this.sessions.get(sessionId)?.abort === abort && this.sessions.delete(sessionId))
  }
}

/**
 * A text stream and an embed page are opened with the account's credential, so
 * they must be on the account's own origin; a provider answer naming another
 * host is refused (the message names hosts only: the URL may hold a token).
 * A VNC URL carries its own single-use ticket and no credential of ours.
 */
function refuseForeignCredentialUse(access: ConsoleAccess, ctx: AccountContext): void {
  if (access.kind === 'vnc') return
  const scope = scopeFor(ctx.baseUrl, ctx.credential)
  const url = access.kind === 'text' ? access.streamUrl : access.url
  if (!isOwnOrigin(url, scope)) throw foreignHostError(url, scope, ctx.accountId)
}
