// elizon's API behind the ProviderAdapter port. Its quirks stay here: the
// x-api-key header, `success` beside the payload, page/limit paging, a per-key
// rate limit that is waited out while listing, and Proxmox/Pterodactyl types.
// The API is sparsely documented (docs/assumptions-elizon.md): list items are read
// one by one (elizon-service-item.ts), and a status or power word we do not know
// is kept as the provider's own text.
import { z } from 'zod'
import type { Server, VerifyResult } from '../../../shared/domain'
import { FlotillaError } from '../../../shared/errors'
import { capText } from '../../http/http-errors'
import type { AccountContext, ListProgress, ProviderAdapter } from '../provider-adapter'
import { elizonServers } from './elizon-servers'
import { elizonOrders } from './elizon-orders'
import { elizonSshKeys } from './elizon-ssh-keys'
import { elizonTickets } from './elizon-tickets'
import { collectCountedPages, toIntOrNull } from '../shared'
import { serviceRows } from './elizon-service-item'
import { resolveVncUrl, type ConsoleAccess, type ConsoleStreamHandlers } from '../../console/console-access'
import { elizonBilling } from './elizon-billing'
import { createSseParser, type SseEvent } from '../../http/sse-parser'
import { elizonBase as base, elizonCall, elizonJson, rejectUnsuccessful } from './elizon-request'
import { pathOf } from '../paths'

const PAGE_SIZE = 100

const WHAT_TO_PASTE = 'Paste the API key from the elizon dashboard (Dashboard → API-Schlüssel).'

const OptionalNumber = z.number().nullable().optional()

const ServiceListBody = z.object({
  services: z.array(z.unknown()),
  pagination: z
    .object({
      page: OptionalNumber,
      total: OptionalNumber,
      pages: OptionalNumber
    })
    .nullable()
    .optional()
})
type ServiceListBody = z.output<typeof ServiceListBody>

export const elizonAdapter: ProviderAdapter = {
  billing: elizonBilling,
  provider: 'elizon',
  capabilities: { batchStatus: true, pagination: 'page-limit' },
  normaliseCredential: normaliseElizonKey,
  verify: verifyElizon,
  listServers: listElizonServers,
  servers: elizonServers,
  orders: elizonOrders,
  sshKeys: elizonSshKeys,
  tickets: elizonTickets,
  ...elizonConsoleMethods()
}

export function normaliseElizonKey(raw: string): string {
  const key = unquote(unquote(raw.trim()).replace(/^x-api-key\s*:\s*/i, '').trim())
  if (key === '') throw new FlotillaError('validation', `The elizon API key is empty. ${WHAT_TO_PASTE}`)
  if (/\s/.test(key)) {
    throw new FlotillaError('validation', `An elizon API key has no spaces or line breaks inside. ${WHAT_TO_PASTE}`)
  }
  return key
}

function unquote(text: string): string {
  const m = /^(["'])(.*)\1$/s.exec(text)
  return m?.[2] !== undefined ? m[2].trim() : text
}

async function verifyElizon(ctx: AccountContext): Promise<VerifyResult> {
  try {
    const body = await getPage(ctx, 1, 1, false)
    return { outcome: 'signed-in', ok: true, serverCount: Math.round(body.pagination?.total ?? body.services.length) }
  } catch (error) {
    return verifyFailure(error)
  }
}

function verifyFailure(error: unknown): VerifyResult {
  if (!(error instanceof FlotillaError) || error.code === 'cancelled') throw error
  const detail = error.message
  switch (error.code) {
    case 'auth-rejected':
      return { outcome: 'api-key-rejected', ok: false, detail }
    case 'forbidden':
      return { outcome: 'key-lacks-permission', ok: false, detail }
    case 'rate-limited':
      return {
        outcome: 'rate-limited',
        ok: false,
        detail,
        ...(error.retryAfterSec !== undefined ? { retryAfterSec: error.retryAfterSec } : {})
      }
    case 'offline':
    case 'timeout':
      return { outcome: 'unreachable', ok: false, detail }
    case 'invalid-response':
      return { outcome: 'invalid-response', ok: false, detail }
    default:
      return { outcome: 'provider-error', ok: false, detail }
  }
}

async function listElizonServers(ctx: AccountContext, onProgress?: (p: ListProgress) => void): Promise<Server[]> {
  return collectCountedPages(
    async (index) => {
      const body = await getPage(ctx, index + 1, PAGE_SIZE, true)
      // One odd item is a row with a warning (or, without an id, left out), never a failed account.
      return { items: serviceRows(ctx, body.services).rows, total: toIntOrNull(body.pagination?.total), pageCount: pageCountOf(body) }
    },
    { pageSize: PAGE_SIZE, guard: { url: base(ctx), accountId: ctx.accountId }, ...(onProgress ? { onProgress } : {}) }
  )
}

/** `pages`, or the count `total` implies at this page's size (a provider may cap `limit`); null when the answer says neither. */
function pageCountOf(body: ServiceListBody): number | null {
  const p = body.pagination
  if (typeof p?.pages === 'number' && Number.isFinite(p.pages)) return Math.max(1, Math.ceil(p.pages))
  if (typeof p?.total === 'number' && Number.isFinite(p.total) && body.services.length > 0) return Math.max(1, Math.ceil(p.total / body.services.length))
  return null
}

function getPage(ctx: AccountContext, page: number, limit: number, waitOnRateLimit: boolean): Promise<ServiceListBody> {
  return elizonJson(ctx, { method: 'GET', path: `/services?page=${page}&limit=${limit}`, waitOnRateLimit }, ServiceListBody)
}

// ── Consoles ────────────────────────────────────────────────────────────────
// GET /services/[id]/console is documented in one sentence ("VNC token/URL for
// Proxmox, SSE stream for Pterodactyl; raw wss:// URL never leaves server"), so
// its answer is read tolerantly: a websocket URL → vnc; a stream → text; an
// embed page, or a VNC answer without a usable URL → their /console/embed page.
// Anything else is refused naming the fields received, never their values.

// Power from a console goes through the fleet's action (elizon-servers.ts), like any other power action.
function elizonConsoleMethods(): Pick<ProviderAdapter, 'openConsole' | 'streamConsole' | 'sendConsoleCommand'> {
  return {
    openConsole: openElizonConsole,
    streamConsole: streamElizonConsole,
    sendConsoleCommand: sendElizonConsoleCommand
  }
}

async function openElizonConsole(ctx: AccountContext, serverId: string): Promise<ConsoleAccess> {
  const res = await elizonCall(ctx, { method: 'GET', path: `${servicePath(serverId)}/console` })
  rejectUnsuccessful(res.data, res.status, ctx.accountId)
  return parseElizonConsole(res.data, ctx, serverId)
}

const TEXT_TYPES = new Set(['sse', 'text', 'stream', 'pterodactyl', 'terminal'])
const EMBED_TYPES = new Set(['embed', 'iframe', 'html'])
const VNC_TYPES = new Set(['vnc', 'novnc', 'proxmox', 'websocket'])

export function parseElizonConsole(body: unknown, ctx: AccountContext, serverId: string): ConsoleAccess {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  const inner = typeof record.console === 'object' && record.console !== null ? (record.console as Record<string, unknown>) : record
  const type = firstString(inner, ['type', 'kind', 'mode'])?.toLowerCase() ?? ''
  const stream = firstString(inner, ['streamUrl', 'stream', 'sseUrl'])
  const embed = firstString(inner, ['embedUrl', 'embed'])
  const socket = firstString(inner, ['url', 'wssUrl', 'websocketUrl', 'wsUrl'])
  const apiOrigin = new URL(base(ctx)).origin
  const embedAccess = (given: string | undefined): ConsoleAccess => ({
    kind: 'embed',
    url: given ? new URL(given, apiOrigin).href : `${serviceUrl(ctx, serverId)}/console/embed`,
    headers: { 'x-api-key': ctx.credential }
  })

  if (TEXT_TYPES.has(type) || (type === '' && stream)) {
    return { kind: 'text', streamUrl: new URL(stream ?? `${serviceUrl(ctx, serverId)}/console/stream`, apiOrigin).href }
  }
  if (EMBED_TYPES.has(type) || (type === '' && embed)) return embedAccess(embed)
  if (VNC_TYPES.has(type) || (type === '' && socket)) {
    const resolved = socket ? resolveVncUrl(socket, base(ctx)) : null
    // "The raw wss:// URL never leaves the server": without one, their embed page is the console.
    if (resolved === null) return embedAccess(embed)
    return { kind: 'vnc', url: resolved, password: firstString(inner, ['password', 'vncPassword']) ?? null }
  }
  const fields = Object.keys(inner).filter((k) => k !== 'success').slice(0, 8).join(', ') || 'none'
  const said = type ? `type "${capText(type).slice(0, 32)}"` : 'no type'
  throw new FlotillaError('invalid-response', `elizon answered the console request with a shape Flotilla does not know (${said}; fields: ${fields}).`, {
    accountId: ctx.accountId
  })
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return undefined
}

/**
 * Reads the Pterodactyl console's server-sent events through the account's
 * HTTP client (its origin only, no redirects, the header deadline) until the
 * stream ends or `signal` aborts. `console` events carry `{line}`, `status`
 * events `{state}`; a data field that is not JSON is shown as a line. The SSE
 * parser (`http/sse-parser.ts`) caps what one event may hold.
 */
async function streamElizonConsole(ctx: AccountContext, streamUrl: string, handlers: ConsoleStreamHandlers, signal: AbortSignal): Promise<void> {
  const parser = createSseParser({ onEvent: (e) => handleConsoleEvent(e, handlers), accountId: ctx.accountId })
  try {
    await ctx.http.stream(
      { accountId: ctx.accountId, method: 'GET', url: streamUrl, headers: { 'x-api-key': ctx.credential, accept: 'text/event-stream' }, signal },
      (chunk) => parser.push(chunk)
    )
  } catch (error) {
    if (signal.aborted) return
    throw error
  }
}

export function handleConsoleEvent(e: SseEvent, handlers: ConsoleStreamHandlers): void {
  const text = e.data
  let parsed: unknown = undefined
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON: shown as it came.
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null
  if (e.event === 'status') {
    const state = record && typeof record.state === 'string' ? record.state : text
    handlers.onStatus(state)
    return
  }
  if (e.event === 'stats') return
  const line = record && typeof record.line === 'string' ? record.line : typeof parsed === 'string' ? parsed : text
  for (const part of line.split(/\r\n|\r|\n/)) handlers.onLine(part)
}

async function sendElizonConsoleCommand(ctx: AccountContext, serverId: string, command: string): Promise<void> {
  const res = await elizonCall(ctx, { method: 'POST', path: `${servicePath(serverId)}/console/command`, body: { command } })
  rejectUnsuccessful(res.data, res.status, ctx.accountId)
}

function servicePath(serverId: string): string {
  return pathOf`/services/${serverId}`
}

function serviceUrl(ctx: AccountContext, serverId: string): string {
  return `${base(ctx)}${servicePath(serverId)}`
}
