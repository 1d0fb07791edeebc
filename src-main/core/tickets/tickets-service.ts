// Support tickets across accounts. Lists and threads are read live and cached
// encrypted; when a provider cannot be reached the cached copy is shown and
// says so. "Unread" is local: staff answered after the thread was last opened.
import type { CreateTicketResult, StaffReplied, TicketSummary, TicketThread, TicketsOverview } from '../../shared/contracts/tickets'
import { sortTickets } from '../../shared/contracts/tickets'
import type { Account } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import { accountOf, featureOf, perAccount, type AccountAccess } from '../orders/account-access'
import { emptyTicketFile, type TicketCache, type TicketFile } from './ticket-cache'
import type { ProviderThread, ProviderTicket, TicketOperations } from './ticket-operations'

export interface TicketsDeps extends AccountAccess {
  readonly cache: TicketCache
}

export class TicketsService {
  private readonly files = new Map<string, TicketFile>()

  constructor(private readonly deps: TicketsDeps) {}

  async list(): Promise<TicketsOverview> {
    const accounts = this.deps.accounts().filter((a) => this.deps.adapterFor(a.provider).tickets)
    const results = await perAccount(accounts, async (account) => {
      const tickets = await this.ops(account).list(await this.deps.contextFor(account.id))
      await this.update(account.id, (file) => ({ ...file, tickets, syncedAt: new Date().toISOString() }))
    })
    const overview: TicketsOverview = { tickets: [], accounts: [] }
    for (const { account, error } of results) {
      const file = await this.fileOf(account.id)
      const source = error ? (file.syncedAt ? 'cached' : 'none') : 'live'
      overview.accounts.push({ accountId: account.id, source, syncedAt: file.syncedAt, error: error ?? null })
      overview.tickets.push(...file.tickets.map((t) => summaryOf(account, t, file)))
    }
    overview.tickets = sortTickets(overview.tickets)
    return overview
  }

  /** The thread, live when possible (and then marked read), else from the cache. */
  async thread(key: string): Promise<TicketThread> {
    const { account, id } = this.resolve(key)
    try {
      const live = await this.ops(account).thread(await this.deps.contextFor(account.id), id)
      return await this.store(account, live)
    } catch (error) {
      const file = await this.fileOf(account.id)
      const cached = file.threads[id]
      const ticket = file.tickets.find((t) => t.id === id)
      if (!cached || !ticket) throw error
      return this.view(account, { ticket, messages: cached.messages, services: cached.services }, file, true, cached.cachedAt)
    }
  }

  async reply(key: string, message: string): Promise<TicketThread> {
    const { account, id } = this.resolve(key)
    await this.ops(account).reply(await this.deps.contextFor(account.id), id, message)
    return this.thread(key)
  }

  async setState(key: string, state: 'open' | 'closed'): Promise<TicketThread> {
    const { account, id } = this.resolve(key)
    const ops = this.ops(account)
    if (!ops.setState) throw new FlotillaError('unavailable', `${account.provider} tickets cannot be closed or reopened through its API.`)
    await ops.setState(await this.deps.contextFor(account.id), id, state)
    return this.thread(key)
  }

  async exportHtml(key: string): Promise<{ fileName: string; html: string }> {
    const { account, id } = this.resolve(key)
    const ops = this.ops(account)
    if (!ops.exportHtml) throw new FlotillaError('unavailable', `${account.provider} offers no ticket export.`)
    return { fileName: `ticket-${id.replace(/[^A-Za-z0-9_-]/g, '')}.html`, html: await ops.exportHtml(await this.deps.contextFor(account.id), id) }
  }

  /** One ticket per account the servers belong to (a ticket lives at one provider account). */
  async create(input: { subject: string; message: string; serverKeys: readonly string[]; accountId?: string | undefined }): Promise<CreateTicketResult> {
    const groups = new Map<string, string[]>()
    for (const key of input.serverKeys) {
      const at = key.indexOf(':')
      const list = groups.get(key.slice(0, at)) ?? []
      list.push(key.slice(at + 1))
      groups.set(key.slice(0, at), list)
    }
    if (groups.size === 0 && input.accountId) groups.set(input.accountId, [])
    const accounts = [...groups.keys()].map((id) => accountOf(this.deps, id))
    const results = await perAccount(accounts, async (account) =>
      this.ops(account).create(await this.deps.contextFor(account.id), input.subject, input.message, groups.get(account.id) ?? [])
    )
    return {
      created: results.flatMap(({ account, value }) => (value !== undefined ? [{ accountId: account.id, key: `${account.id}:${value}` }] : [])),
      failures: results.flatMap(({ account, error }) => (error ? [{ accountId: account.id, error }] : []))
    }
  }

  /** The accounts whose provider has tickets (the poller's round). */
  ticketAccounts(): Account[] {
    return this.deps.accounts().filter((a) => this.deps.adapterFor(a.provider).tickets)
  }

  /**
   * One account's list, read for the poller: the tickets where staff answered
   * after both what the user last read and what was announced before. The first
   * look at an account only learns what is there, so turning notifications on
   * does not replay old answers. What was announced is kept in the encrypted cache.
   */
  async newStaffReplies(account: Account): Promise<StaffReplied[]> {
    const tickets = await this.ops(account).list(await this.deps.contextFor(account.id))
    let fresh: ProviderTicket[] = []
    await this.update(account.id, (file) => {
      fresh = file.staffSeen === undefined ? [] : tickets.filter((t) => isUnannouncedStaffAnswer(t, file))
      return { ...file, tickets, syncedAt: new Date().toISOString(), staffSeen: staffAnswersOf(tickets) }
    })
    return fresh.map((t) => ({ accountId: account.id, ticketId: t.id, key: `${account.id}:${t.id}`, subject: t.subject }))
  }

  /** Removing an account deletes its cache folder; forget what is held in memory too. */
  forget(accountId: string): void {
    this.files.delete(accountId)
  }

  private async store(account: Account, live: ProviderThread): Promise<TicketThread> {
    const cachedAt = new Date().toISOString()
    const file = await this.update(account.id, (f) => ({
      ...f,
      tickets: upsert(f.tickets, live.ticket),
      threads: { ...f.threads, [live.ticket.id]: { messages: live.messages, services: live.services, cachedAt } },
      readAt: { ...f.readAt, [live.ticket.id]: live.ticket.updatedAt }
    }))
    return this.view(account, live, file, false, cachedAt)
  }

  private view(account: Account, t: ProviderThread, file: TicketFile, fromCache: boolean, cachedAt: string | null): TicketThread {
    const ops = this.ops(account)
    const fleet = this.deps.servers()
    return {
      summary: summaryOf(account, t.ticket, file),
      messages: t.messages,
      services: t.services.map((s) => {
        const serverKey = `${account.id}:${s.id}`
        const server = fleet.find((x) => x.key === serverKey)
        return { serverKey, label: server?.label ?? s.label, kind: s.kind ?? server?.kind ?? null }
      }),
      fromCache,
      cachedAt,
      canClose: ops.setState !== undefined,
      canExport: ops.exportHtml !== undefined
    }
  }

  private resolve(key: string): { account: Account; id: string } {
    const at = key.indexOf(':')
    return { account: accountOf(this.deps, key.slice(0, at)), id: key.slice(at + 1) }
  }

  private ops(account: Account): TicketOperations {
    return featureOf(this.deps, account, 'tickets', 'support tickets')
  }

  private async fileOf(accountId: string): Promise<TicketFile> {
    const held = this.files.get(accountId)
    if (held) return held
    const read = (await this.deps.cache.read(accountId)) ?? emptyTicketFile()
    this.files.set(accountId, read)
    return read
  }

  private async update(accountId: string, change: (file: TicketFile) => TicketFile): Promise<TicketFile> {
    const next = change(await this.fileOf(accountId))
    this.files.set(accountId, next)
    try {
      await this.deps.cache.write(accountId, next)
    } catch (error) {
      // Still shown from memory; the cache only matters offline.
      this.deps.logger.warn('ticket cache not written', { accountId, code: error instanceof FlotillaError ? error.code : 'internal' })
    }
    return next
  }
}

function summaryOf(account: Account, t: ProviderTicket, file: TicketFile): TicketSummary {
  return {
    key: `${account.id}:${t.id}`,
    accountId: account.id,
    provider: account.provider,
    ...t,
    unreadStaff: t.state === 'awaiting-customer' && file.readAt[t.id] !== t.updatedAt
  }
}

/** Staff spoke last, at a moment neither read by the user nor announced yet. */
function isUnannouncedStaffAnswer(t: ProviderTicket, file: TicketFile): boolean {
  return t.state === 'awaiting-customer' && file.readAt[t.id] !== t.updatedAt && file.staffSeen?.[t.id] !== t.updatedAt
}

/** Rebuilt from the list each time, so it holds only tickets that still exist. */
function staffAnswersOf(tickets: readonly ProviderTicket[]): Record<string, string> {
  return Object.fromEntries(tickets.filter((t) => t.state === 'awaiting-customer').map((t) => [t.id, t.updatedAt]))
}

function upsert(list: readonly ProviderTicket[], ticket: ProviderTicket): ProviderTicket[] {
  const index = list.findIndex((t) => t.id === ticket.id)
  return index < 0 ? [ticket, ...list] : list.map((t, i) => (i === index ? ticket : t))
}
