// Staff-answer notifications from main: with `ticketNotifications` on, main's
// poller reads both simulators' ticket lists and announces a new staff answer
// exactly once (not on the next round, not after a restart: what was announced
// is kept in the encrypted ticket cache); the first round only learns what is
// already there; with the setting off nothing is read or announced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StaffReplied } from '../../src-main/shared/contracts/tickets'
import type { Account } from '../../src-main/shared/domain'
import type { AluyTicket } from '../simulators/aluy/model'
import type { ElizonTicket } from '../simulators/elizon/model'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { unwrap, type CoreFixture } from '../support/core-fixture'
import { startCoreWithAccounts, type CoreWithAccounts } from '../support/simulator-pair'
import { requestsSince } from './fleet-support'

let env: CoreWithAccounts
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let aluyAcc: Account
let elizonAcc: Account
let announced: StaffReplied[] = []
let stopListening: () => void = () => undefined

function listen(): void {
  stopListening()
  stopListening = fx.core.onEvent((event, payload) => {
    if (event === 'tickets.staffReplied') announced.push(payload as StaffReplied)
  })
}

beforeAll(async () => {
  env = await startCoreWithAccounts({ seed: 66, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1 })
  aluy = env.aluy
  elizon = env.elizon
  fx = env.fx
  aluyAcc = env.aluyAcc
  elizonAcc = env.elizonAcc
  listen()
})
afterAll(async () => {
  stopListening()
  await env?.close()
})

const aluyTickets = () => aluy.state.account(aluy.accounts[0]!.id).tickets
const elizonTickets = () => elizon.state.account(elizon.accounts[0]!.id).tickets
let clock = Date.parse('2030-01-01T00:00:00Z')
/** Strictly increasing times, so every staff answer changes the ticket's updatedAt. */
const later = () => new Date((clock += 60_000)).toISOString()

function aluyStaffAnswers(ticket: AluyTicket, body: string): void {
  const at = later()
  ticket.messages.push({ id: `staff-${at}`, author: 'support', body, staff: true, createdAt: at })
  ticket.status = 'AWAITING_CUSTOMER'
  ticket.updatedAt = at
}

function elizonStaffAnswers(ticket: ElizonTicket, body: string): void {
  const at = later()
  ticket.messages.push({ id: `staff-${at}`, author: 'support', body, staff: true, createdAt: at })
  ticket.status = 'ANSWERED'
  ticket.updatedAt = at
}

const setNotifications = async (on: boolean) => unwrap(await fx.dispatch('settings.set', { ticketNotifications: on }))

describe('staff-answer notifications from main', () => {
  it('off by default: a round reads nothing', async () => {
    const since = requestsSince(aluy)
    await fx.core.pollTicketsNow()
    expect(since().filter((r) => r.path.includes('tickets'))).toEqual([])
    expect(announced).toEqual([])
  })

  it('turned on: the first round learns the answers already there without announcing them', async () => {
    expect(aluyTickets().some((t) => t.status === 'AWAITING_CUSTOMER')).toBe(true)
    await setNotifications(true)
    await fx.core.pollTicketsNow()
    expect(announced).toEqual([])
  })

  it('a staff answer added to the simulator is announced once, not on the next round', async () => {
    const ticket = aluyTickets().find((t) => t.status !== 'AWAITING_CUSTOMER' && t.status !== 'CLOSED')!
    aluyStaffAnswers(ticket, 'We rebooted the host.')
    await fx.core.pollTicketsNow()
    expect(announced).toEqual([{ accountId: aluyAcc.id, ticketId: ticket.id, key: `${aluyAcc.id}:${ticket.id}`, subject: ticket.subject }])
    await fx.core.pollTicketsNow()
    expect(announced).toHaveLength(1)
  })

  it('elizon too, and a second answer on the same ticket is news again', async () => {
    announced = []
    const ticket = elizonTickets().find((t) => t.status !== 'ANSWERED' && t.status !== 'CLOSED')!
    elizonStaffAnswers(ticket, 'Looking into it.')
    await fx.core.pollTicketsNow()
    expect(announced.map((r) => [r.accountId, r.ticketId, r.subject])).toEqual([[elizonAcc.id, ticket.id, ticket.subject]])
    elizonStaffAnswers(ticket, 'Fixed.')
    await fx.core.pollTicketsNow()
    await fx.core.pollTicketsNow()
    expect(announced).toHaveLength(2)
  })

  it('an answer the user already read in the app is not announced', async () => {
    announced = []
    const ticket = aluyTickets().find((t) => t.status === 'AWAITING_STAFF' || t.status === 'OPEN')!
    aluyStaffAnswers(ticket, 'Read before the poll.')
    unwrap(await fx.dispatch('tickets.get', { key: `${aluyAcc.id}:${ticket.id}` }))
    await fx.core.pollTicketsNow()
    expect(announced).toEqual([])
  })

  it('after a restart, what was announced is remembered (encrypted cache) and not announced again', async () => {
    announced = []
    await fx.restart()
    listen()
    await fx.core.pollTicketsNow()
    expect(announced).toEqual([])
  })

  it('turned off: no round reads or announces anything', async () => {
    await setNotifications(false)
    const ticket = aluyTickets().find((t) => t.status !== 'CLOSED')!
    aluyStaffAnswers(ticket, 'Nobody is listening.')
    const since = requestsSince(aluy)
    await fx.core.pollTicketsNow()
    expect(since().filter((r) => r.path.includes('tickets'))).toEqual([])
    expect(announced).toEqual([])
  })
})
