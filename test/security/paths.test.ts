// Ids that cannot reach other paths (issue 10, items 1 and 12), through main's
// real core against both simulators over HTTP. An id of `..` once turned
// `DELETE /services/<id>/backups/..` into `DELETE /services/<id>/` (the server
// cancelled, the activity log saying "backup deleted"); a lone surrogate gave
// `internal`. Now the contract refuses such ids in words, the path builder
// refuses them again when they come from a provider answer, and every channel
// that takes an id is fuzzed: either `validation` with nothing sent, or only
// requests whose path has exactly the expected segments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { elizonBackups } from '../../src-main/core/providers/elizon/elizon-backups'
import { elizonFirewall } from '../../src-main/core/providers/elizon/elizon-firewall'
import type { Envelope } from '../../src-main/shared/contract'
import type { BackupList } from '../../src-main/shared/contracts/backups'
import type { JobProgress } from '../../src-main/shared/contracts/fleet'
import type { Server } from '../../src-main/shared/domain'
import type { Simulator } from '../simulators/index'
import { backupsOf } from '../simulators/elizon/routes/backups'
import { ctxFor, failure } from '../support/adapter-context'
import { fails, unwrap } from '../support/core-fixture'
import { startCoreWithAccounts, type CoreWithAccounts } from '../support/simulator-pair'
import { activityOf, keyOf, refreshAll, requestsSince } from '../integration/fleet-support'

/** Polls an async check (the job's state lives in main). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 5000
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

let env: CoreWithAccounts
let vps: Server
let vpsKey: string

beforeAll(async () => {
  env = await startCoreWithAccounts({ seed: 47, accounts: 1, serversPerAccount: 3 }, { seed: 47, accounts: 1, serversPerAccount: 24 })
  const listed = await refreshAll(env.fx)
  const withBackups = env.elizon.state
    .servicesOf(env.elizon.accounts[0]!.id)
    .find((s) => s.type === 'PROXMOX' && s.status === 'RUNNING' && backupsOf(env.elizon.state, s).length > 0)
  if (!withBackups) throw new Error('the seed has no running KVM server with backups')
  vpsKey = keyOf(env.elizonAcc, withBackups.id)
  vps = listed.find((s) => s.key === vpsKey)!
})
afterAll(() => env?.close())

const dispatch = (channel: string, input: unknown) => env.fx.dispatch(channel, input)
/** `METHOD /path` of each request a simulator saw. */
const lines = (records: Simulator['requests']) => records.map((r) => `${r.method} ${r.path}`)
const both = () => {
  const a = requestsSince(env.aluy)
  const e = requestsSince(env.elizon)
  return () => [...lines(a()), ...lines(e())]
}

describe('the attack from issue 10: an id of ".."', () => {
  it('backups.delete with backupId ".." is refused in words, sends nothing, and the activity log does not say "backup deleted"', async () => {
    const sent = both()
    const error = await fails(env.fx, 'backups.delete', { key: vpsKey, backupId: '..' })
    expect(error.code).toBe('validation')
    expect(error.message).toBe(
      'Invalid request for backups.delete: backupId: not a backup id (letters, digits, "-", "_" and ".", starting with a letter or digit).'
    )
    expect(sent()).toEqual([])
    expect(env.elizon.state.servicesOf(env.elizon.accounts[0]!.id).find((s) => s.id === vps.id)?.status).toBe('RUNNING')
    expect((await activityOf(env.fx)).filter((a) => a.action === 'backup-delete')).toEqual([])
  })

  it.each([
    ['firewall.delete', () => ({ key: vpsKey, ruleId: '..' }), 'ruleId: not a firewall rule id'],
    ['firewall.update', () => ({ key: vpsKey, ruleId: '.', changes: { comment: 'x' } }), 'ruleId: not a firewall rule id'],
    ['backups.restore', () => ({ key: vpsKey, backupId: '%2e%2e' }), 'backupId: not a backup id'],
    ['sshKeys.delete', () => ({ accountId: env.elizonAcc.id, keyId: '..' }), 'keyId: not an SSH key id'],
    ['sshKeys.delete', () => ({ accountId: env.aluyAcc.id, keyId: '..' }), 'keyId: not an SSH key id'],
    ['orders.pay', () => ({ accountId: env.aluyAcc.id, orderId: '..' }), 'orderId: not an order id'],
    ['orders.get', () => ({ accountId: env.aluyAcc.id, orderId: 'a/../../services' }), 'orderId: not an order id'],
    ['tickets.reply', () => ({ key: `${env.elizonAcc.id}:..`, message: 'hi' }), 'key: not a ticket key'],
    ['tickets.setState', () => ({ key: `${env.aluyAcc.id}:..`, state: 'closed' }), 'key: not a ticket key'],
    ['servers.action', () => ({ key: `${env.elizonAcc.id}:..`, action: 'stop' }), 'key: not a server key'],
    ['invoices.pdf', () => ({ key: `${env.elizonAcc.id}:..` }), 'key: not an invoice key']
  ])('%s with a dot-segment id is refused in words and sends nothing', async (channel, input, words) => {
    const sent = both()
    const error = await fails(env.fx, channel, input())
    expect(error.code).toBe('validation')
    expect(error.message).toContain(words)
    expect(sent()).toEqual([])
  })

  it('a backup the provider lists as ".." shows, and deleting it is refused with a clear message', async () => {
    const listedByProvider = backupsOf(env.elizon.state, env.elizon.state.servicesOf(env.elizon.accounts[0]!.id).find((s) => s.id === vps.id)!)
    listedByProvider.push({ id: '..', name: 'hostile', createdAt: new Date().toISOString(), sizeBytes: 1, status: 'completed', locked: false, busyUntilMs: null })
    try {
      const list = unwrap(await dispatch('backups.list', { key: vpsKey })) as BackupList
      expect(list.backups.map((b) => b.id)).toContain('..')
      const sent = both()
      const error = await fails(env.fx, 'backups.delete', { key: vpsKey, backupId: '..' })
      expect(error).toMatchObject({ code: 'validation', issues: ['backupId: not a backup id (letters, digits, "-", "_" and ".", starting with a letter or digit)'] })
      expect(sent()).toEqual([])
    } finally {
      listedByProvider.pop()
    }
  })

  it('the adapter itself refuses a provider-given ".." (the path builder), before any request', async () => {
    const ctx = ctxFor(env.elizon, env.elizon.accounts[0]!)
    const sent = both()
    for (const attempt of [
      () => elizonBackups.delete(ctx, vps, '..'),
      () => elizonBackups.restore(ctx, vps, '.'),
      () => elizonFirewall.delete(ctx, vps, '..'),
      () => elizonBackups.list(ctx, { ...vps, id: '..' })
    ]) {
      const error = await failure(attempt())
      expect(error.code).toBe('validation')
      expect(error.message).toBe('This id cannot be sent to the provider: it is a dot segment. Nothing was sent.')
    }
    expect(sent()).toEqual([])
  })
})

describe('a server the provider lists as ".."', () => {
  it('shows in the fleet; an action on it is refused in words, a bulk job fails that item alone, and nothing is sent to it', async () => {
    const services = env.elizon.state.servicesOf(env.elizon.accounts[0]!.id)
    const other = services.find((s) => s.status === 'RUNNING' && s.id !== vps.id)!
    services.push({ ...structuredClone(other), id: '..', name: 'hostile' })
    try {
      const listed = await refreshAll(env.fx)
      const hostileKey = `${env.elizonAcc.id}:..`
      expect(listed.find((s) => s.key === hostileKey)?.label).toBe('hostile')
      const sent = both()
      const refused = await fails(env.fx, 'servers.action', { key: hostileKey, action: 'stop' })
      expect(refused).toMatchObject({ code: 'validation' })
      expect(refused.message).toContain('key: not a server key')
      const job = unwrap(await dispatch('servers.bulk', { keys: [hostileKey, keyOf(env.elizonAcc, other.id)], action: 'restart' })) as JobProgress
      await until(async () => ((unwrap(await dispatch('jobs.get', { jobId: job.jobId })) as JobProgress).finished), 'the bulk job')
      const done = unwrap(await dispatch('jobs.get', { jobId: job.jobId })) as JobProgress
      expect(done).toMatchObject({ total: 2, failed: 1 })
      expect(done.items.find((i) => i.key === hostileKey)?.error).toMatchObject({
        code: 'validation',
        message: 'This id cannot be sent to the provider: it is a dot segment. Nothing was sent.'
      })
      expect(sent().filter((line) => !line.endsWith(`/services/${other.id}/action`) && !line.includes('/status'))).toEqual([])
      expect(services.find((s) => s.id === vps.id)?.status).toBe('RUNNING')
    } finally {
      services.splice(services.findIndex((s) => s.id === '..'), 1)
      await refreshAll(env.fx)
    }
  })
})

describe('item 12: a lone surrogate in an id', () => {
  it.each([
    ['backups.delete', () => ({ key: vpsKey, backupId: 'bkp_\uD800' }), 'backupId: not a backup id'],
    ['tickets.get', () => ({ key: `${env.elizonAcc.id}:\uDC00` }), 'key: not a ticket key'],
    ['servers.detail', () => ({ key: `${env.aluyAcc.id}:x\uD800` }), 'key: not a server key']
  ])('%s answers validation in words, not internal', async (channel, input, words) => {
    const error = await fails(env.fx, channel, input())
    expect(error.code).toBe('validation')
    expect(error.message).toContain(words)
  })

  it('a credential with a lone surrogate is refused in words before any request (not "failed before an answer arrived")', async () => {
    const sent = both()
    const error = await fails(env.fx, 'accounts.verify', { provider: 'elizon', baseUrl: env.elizon.url, credential: 'key\uD800' })
    expect(error).toMatchObject({ code: 'validation', message: 'Invalid request for accounts.verify: credential: credential contains a broken Unicode character (a lone surrogate).' })
    expect(sent()).toEqual([])
  })

  it('the path builder says so in words when the id comes from a provider', async () => {
    const error = await failure(elizonFirewall.delete(ctxFor(env.elizon, env.elizon.accounts[0]!), vps, 'r\uD800'))
    expect(error).toMatchObject({ code: 'validation', message: 'This id cannot be sent to the provider: it contains a broken Unicode character (a lone surrogate). Nothing was sent.' })
  })
})

// ---------------------------------------------------------------- property

/** Strings an attacker would try, and arbitrary ones, including well-shaped ids that pass. */
const anyId = fc.oneof(
  fc.constantFrom('.', '..', '%2e%2e', '%2E.', '.%2e', 'a/b', '../..', '..\\..', '\\', 'a\u0000', '\u007f', '\uD800', 'x\uDFFF', '', ' ', '?x', '#x', '..;', '%00'),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/)
)

interface IdChannel {
  readonly channel: string
  readonly payload: (id: string) => unknown
  /** The only requests (`METHOD /path` under the API base) the channel may send for this id. */
  readonly allowed: (id: string) => string[]
}

/** The id as one encoded segment; an id that cannot be encoded can match no request. */
const enc = (id: string) => {
  try {
    return encodeURIComponent(id)
  } catch {
    return '\u0000unencodable'
  }
}
const aluyApi = () => new URL(env.aluy.url).pathname.replace(/\/+$/, '')
const elizonApi = () => new URL(env.elizon.url).pathname.replace(/\/+$/, '')
const vpsPath = () => `${elizonApi()}/services/${enc(vps.id)}`

const ID_CHANNELS: IdChannel[] = [
  { channel: 'backups.restore', payload: (id) => ({ key: vpsKey, backupId: id }), allowed: (id) => [`POST ${vpsPath()}/backups/${enc(id)}`] },
  { channel: 'backups.delete', payload: (id) => ({ key: vpsKey, backupId: id }), allowed: (id) => [`DELETE ${vpsPath()}/backups/${enc(id)}`] },
  {
    channel: 'firewall.update',
    payload: (id) => ({ key: vpsKey, ruleId: id, changes: { comment: 'fuzz' } }),
    allowed: (id) => [`PATCH ${vpsPath()}/firewall/${enc(id)}`]
  },
  { channel: 'firewall.delete', payload: (id) => ({ key: vpsKey, ruleId: id }), allowed: (id) => [`DELETE ${vpsPath()}/firewall/${enc(id)}`] },
  {
    channel: 'sshKeys.delete',
    payload: (id) => ({ accountId: env.elizonAcc.id, keyId: id }),
    allowed: (id) => [`DELETE ${elizonApi()}/ssh-keys/${enc(id)}`]
  },
  {
    channel: 'sshKeys.delete',
    payload: (id) => ({ accountId: env.aluyAcc.id, keyId: id }),
    allowed: (id) => [`DELETE ${aluyApi()}/ssh-keys/${enc(id)}`]
  },
  { channel: 'orders.get', payload: (id) => ({ accountId: env.aluyAcc.id, orderId: id }), allowed: (id) => [`GET ${aluyApi()}/orders/${enc(id)}`] },
  { channel: 'orders.pay', payload: (id) => ({ accountId: env.aluyAcc.id, orderId: id }), allowed: (id) => [`POST ${aluyApi()}/orders/${enc(id)}/pay`] },
  ...(['aluy', 'elizon'] as const).flatMap((provider): IdChannel[] => {
    const acc = () => (provider === 'aluy' ? env.aluyAcc : env.elizonAcc)
    const api = () => (provider === 'aluy' ? aluyApi() : elizonApi())
    const ticket = (id: string) => `${api()}/tickets/${enc(id)}`
    return [
      { channel: 'tickets.get', payload: (id) => ({ key: `${acc().id}:${id}` }), allowed: (id) => [`GET ${ticket(id)}`] },
      {
        channel: 'tickets.reply',
        payload: (id) => ({ key: `${acc().id}:${id}`, message: 'fuzz' }),
        allowed: (id) => [`POST ${ticket(id)}`, `POST ${ticket(id)}/reply`, `GET ${ticket(id)}`]
      },
      {
        channel: 'tickets.setState',
        payload: (id) => ({ key: `${acc().id}:${id}`, state: 'closed' }),
        allowed: (id) => [`PATCH ${ticket(id)}`, `GET ${ticket(id)}`]
      },
      { channel: 'tickets.export', payload: (id) => ({ key: `${acc().id}:${id}` }), allowed: (id) => [`GET ${ticket(id)}/export`, `GET ${ticket(id)}`] },
      // Servers, invoices and consoles are looked up among what main already knows: an unknown id sends nothing.
      { channel: 'servers.detail', payload: (id) => ({ key: `${acc().id}:${id}` }), allowed: () => [] },
      { channel: 'servers.templates', payload: (id) => ({ key: `${acc().id}:${id}` }), allowed: () => [] },
      { channel: 'servers.action', payload: (id) => ({ key: `${acc().id}:${id}`, action: 'stop' }), allowed: () => [] },
      { channel: 'console.open', payload: (id) => ({ serverKey: `${acc().id}:${id}` }), allowed: () => [] },
      { channel: 'invoices.get', payload: (id) => ({ key: `${acc().id}:${id}` }), allowed: () => [] }
    ]
  })
]

describe('property: every channel that takes an id', () => {
  it.each(ID_CHANNELS.map((c, i) => [`${c.channel} #${i}`, c] as const))(
    '%s: validation with nothing sent, or only requests with exactly the expected segments',
    async (_name, spec) => {
      await fc.assert(
        fc.asyncProperty(anyId, async (id) => {
          const sent = both()
          const res: Envelope<unknown> = await dispatch(spec.channel, spec.payload(id))
          const requests = sent()
          if (!res.ok) expect(res.error.code, res.error.message).not.toBe('internal')
          if (!res.ok && res.error.code === 'validation') expect(requests).toEqual([])
          const allowed = spec.allowed(id)
          for (const request of requests) expect(allowed, `${spec.channel} with ${JSON.stringify(id)}`).toContain(request)
        }),
        { numRuns: 30 }
      )
    }
  )
})
