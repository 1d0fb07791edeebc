// Support tickets through main's real core against both simulators over HTTP:
// one list with unread staff answers first, threads with attached servers,
// reply (closed explained for both providers), create with servers attached
// across accounts, elizon close / reopen / export, and the encrypted cache
// read offline after a restart.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateTicketResult, TicketThread, TicketsOverview } from '../../src-main/shared/contracts/tickets'
import type { Account } from '../../src-main/shared/domain'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { unwrap, type CoreFixture } from '../support/core-fixture'
import { startCoreWithAccounts, type CoreWithAccounts } from '../support/simulator-pair'
import { fails } from './commerce-support'
import { refreshAll } from './fleet-support'

let env: CoreWithAccounts
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let aluyAcc: Account
let elizonAcc: Account

beforeAll(async () => {
  env = await startCoreWithAccounts({ seed: 65, accounts: 1, serversPerAccount: 4, invoicesPerAccount: 1 })
  aluy = env.aluy
  elizon = env.elizon
  fx = env.fx
  aluyAcc = env.aluyAcc
  elizonAcc = env.elizonAcc
  await refreshAll(fx)
})
afterAll(async () => {
  await env?.close()
})

const list = async () => unwrap(await fx.dispatch('tickets.list', undefined)) as TicketsOverview
const thread = async (key: string) => unwrap(await fx.dispatch('tickets.get', { key })) as TicketThread
const aluyTickets = () => aluy.state.account(aluy.accounts[0]!.id).tickets
const elizonTickets = () => elizon.state.account(elizon.accounts[0]!.id).tickets

describe('one list', () => {
  it('all accounts’ tickets, staff answers not yet read first, statuses normalised', async () => {
    const o = await list()
    expect(o.accounts.map((a) => a.source)).toEqual(['live', 'live'])
    expect(o.tickets).toHaveLength(aluyTickets().length + elizonTickets().length)
    const unread = o.tickets.filter((t) => t.unreadStaff)
    expect(unread.map((t) => t.statusText).sort()).toEqual(['ANSWERED', 'AWAITING_CUSTOMER'])
    expect(o.tickets.slice(0, 2).every((t) => t.unreadStaff)).toBe(true)
    expect(new Set(unread.map((t) => t.state))).toEqual(new Set(['awaiting-customer']))
  })

  it('opening a thread marks it read; a new staff answer makes it unread again', async () => {
    const target = (await list()).tickets.find((t) => t.statusText === 'AWAITING_CUSTOMER')!
    const t = await thread(target.key)
    expect(t.messages.map((m) => m.staff)).toEqual([false, true])
    expect((await list()).tickets.find((x) => x.key === target.key)?.unreadStaff).toBe(false)
    const sim = aluyTickets().find((x) => x.id === target.id)!
    sim.messages.push({ id: 'clxstaff', author: 'support', body: 'One more thing.', staff: true, createdAt: new Date().toISOString() })
    sim.updatedAt = new Date().toISOString()
    expect((await list()).tickets.find((x) => x.key === target.key)?.unreadStaff).toBe(true)
  })

  it('attached services link to the fleet’s server key and label', async () => {
    const sim = aluyTickets().find((t) => t.serviceIds.length > 0)!
    const service = aluy.state.findService(aluy.accounts[0]!.id, sim.serviceIds[0]!)!
    const t = await thread(`${aluyAcc.id}:${sim.id}`)
    expect(t.services).toEqual([{ serverKey: `${aluyAcc.id}:${service.id}`, label: service.label, kind: 'VPS' }])
    const e = elizonTickets().find((x) => x.serviceId)!
    const et = await thread(`${elizonAcc.id}:${e.id}`)
    expect(et.services[0]!.serverKey).toBe(`${elizonAcc.id}:${e.serviceId}`)
    expect(et.services[0]!.label).toBe(elizon.state.findService(elizon.accounts[0]!.id, e.serviceId!)!.name)
  })
})

describe('replying', () => {
  it('a reply lands in the thread and the status moves to awaiting staff', async () => {
    const open = aluyTickets().find((t) => t.status === 'OPEN')!
    const t = unwrap(await fx.dispatch('tickets.reply', { key: `${aluyAcc.id}:${open.id}`, message: 'Any news?' })) as TicketThread
    expect(t.messages.at(-1)).toMatchObject({ body: 'Any news?', staff: false })
    expect(t.summary.state).toBe('awaiting-staff')
  })

  it('a closed ticket is explained, at aluy (409) and elizon (400)', async () => {
    const closedA = aluyTickets().find((t) => t.status === 'CLOSED')!
    const a = await fails(fx, 'tickets.reply', { key: `${aluyAcc.id}:${closedA.id}`, message: 'hello' })
    expect(a).toMatchObject({ code: 'conflict' })
    expect(a.message).toContain('This ticket is closed')
    const closedE = elizonTickets().find((t) => t.status === 'CLOSED')!
    const e = await fails(fx, 'tickets.reply', { key: `${elizonAcc.id}:${closedE.id}`, message: 'hallo' })
    expect(e).toMatchObject({ code: 'conflict' })
  })
})

describe('creating', () => {
  it('servers from two accounts: one ticket per account, each with its servers attached', async () => {
    const aluyIds = aluy.state.servicesOf(aluy.accounts[0]!.id).slice(0, 2).map((s) => s.id)
    const elizonId = elizon.state.servicesOf(elizon.accounts[0]!.id)[0]!.id
    const serverKeys = [...aluyIds.map((id) => `${aluyAcc.id}:${id}`), `${elizonAcc.id}:${elizonId}`]
    const result = unwrap(await fx.dispatch('tickets.create', { subject: 'Network blip', message: 'These servers lost packets at 10:00.', serverKeys })) as CreateTicketResult
    expect(result.failures).toEqual([])
    expect(result.created.map((c) => c.accountId).sort()).toEqual([aluyAcc.id, elizonAcc.id].sort())
    expect(aluyTickets()[0]).toMatchObject({ subject: 'Network blip', serviceIds: aluyIds })
    expect(elizonTickets()[0]).toMatchObject({ subject: 'Network blip', serviceId: elizonId })
    const t = await thread(result.created.find((c) => c.accountId === aluyAcc.id)!.key)
    expect(t.services.map((s) => s.serverKey)).toEqual(serverKeys.slice(0, 2))
  })

  it('without servers an account is required', async () => {
    expect(await fails(fx, 'tickets.create', { subject: 's', message: 'm' })).toMatchObject({ code: 'validation' })
    const ok = unwrap(await fx.dispatch('tickets.create', { subject: 'Question', message: 'How?', accountId: elizonAcc.id })) as CreateTicketResult
    expect(ok.created).toHaveLength(1)
  })
})

describe('elizon close, reopen, export', () => {
  it('closes and reopens; exports the chat as HTML; aluy offers neither', async () => {
    const open = elizonTickets().find((t) => t.status === 'OPEN')!
    const key = `${elizonAcc.id}:${open.id}`
    const closed = unwrap(await fx.dispatch('tickets.setState', { key, state: 'closed' })) as TicketThread
    expect(closed.summary.state).toBe('closed')
    expect(closed.canClose).toBe(true)
    const reopened = unwrap(await fx.dispatch('tickets.setState', { key, state: 'open' })) as TicketThread
    expect(reopened.summary.state).toBe('open')
    const exported = unwrap(await fx.dispatch('tickets.export', { key })) as { fileName: string; html: string }
    expect(exported.fileName).toBe(`ticket-${open.id}.html`)
    expect(exported.html).toContain(`<h1>${open.subject}</h1>`)
    const aluyKey = `${aluyAcc.id}:${aluyTickets()[0]!.id}`
    expect(await fails(fx, 'tickets.setState', { key: aluyKey, state: 'closed' })).toMatchObject({ code: 'unavailable' })
    expect(await fails(fx, 'tickets.export', { key: aluyKey })).toMatchObject({ code: 'unavailable' })
  })
})

describe('offline', () => {
  it('after a restart with the providers unreachable, list and read threads come from the encrypted cache', async () => {
    const read = aluyTickets().find((t) => t.status === 'AWAITING_CUSTOMER')!
    await thread(`${aluyAcc.id}:${read.id}`)
    const file = join(fx.userDataDir, 'cache', aluyAcc.id, 'tickets', 'tickets.enc')
    const bytes = await readFile(file)
    expect(bytes.subarray(0, 4).toString()).toBe('FLC1')
    expect(bytes.includes(Buffer.from(read.subject))).toBe(false)

    await fx.restart()
    aluy.inject({ kind: 'reset', times: Infinity })
    elizon.inject({ kind: 'reset', times: Infinity })
    try {
      const o = await list()
      expect(o.accounts.map((a) => a.source)).toEqual(['cached', 'cached'])
      expect(o.accounts[0]!.error?.code).toBeDefined()
      expect(o.tickets.some((t) => t.id === read.id)).toBe(true)
      const t = await thread(`${aluyAcc.id}:${read.id}`)
      expect(t.fromCache).toBe(true)
      expect(t.messages.map((m) => m.body)).toContain('Done - rDNS updated.')
    } finally {
      aluy.clearFaults()
      elizon.clearFaults()
    }
  })
})
