// The poller's scheduling rules: bounded interval, no timer while the setting is
// off, nothing read with no account, an account left alone after a 429 until
// its retryAfter has passed, one account at a time.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StaffReplied } from '../../shared/contracts/tickets'
import type { Account } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import { createLogger } from '../logging/logger'
import { TICKET_POLL_DEFAULT_MS, TICKET_POLL_MAX_MS, TICKET_POLL_MIN_MS, TicketPoller, type TicketPollerDeps } from './ticket-poller'

const account = (id: string) => ({ id, provider: 'aluy' }) as Account
const logger = createLogger({ level: 'error' })

function poller(over: Partial<TicketPollerDeps> & { now?: () => number }) {
  const read: string[] = []
  const deps: TicketPollerDeps = {
    enabled: () => true,
    accounts: () => [account('acc_a'), account('acc_b')],
    newStaffReplies: async (a) => {
      read.push(a.id)
      return []
    },
    announce: () => undefined,
    logger,
    ...over
  }
  return { poller: new TicketPoller(deps), read }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('TicketPoller', () => {
  it('defaults to 5 minutes and keeps any interval within 1 minute … 1 hour', () => {
    expect(poller({}).poller.interval).toBe(TICKET_POLL_DEFAULT_MS)
    expect(poller({ intervalMs: 10 }).poller.interval).toBe(TICKET_POLL_MIN_MS)
    expect(poller({ intervalMs: 10 * TICKET_POLL_MAX_MS }).poller.interval).toBe(TICKET_POLL_MAX_MS)
  })

  it('has no timer while the setting is off, and stops when it is turned off', async () => {
    vi.useFakeTimers()
    let on = false
    const { poller: p, read } = poller({ enabled: () => on })
    p.reconsider()
    expect(p.scheduled).toBe(false)
    on = true
    p.reconsider()
    await p.pollOnce()
    expect(read).toEqual(['acc_a', 'acc_b'])
    expect(p.scheduled).toBe(true)
    on = false
    p.reconsider()
    expect(p.scheduled).toBe(false)
    await vi.advanceTimersByTimeAsync(TICKET_POLL_DEFAULT_MS * 3)
    expect(read).toEqual(['acc_a', 'acc_b'])
  })

  it('polls again after each interval while on', async () => {
    vi.useFakeTimers()
    const { poller: p, read } = poller({})
    p.reconsider()
    await p.pollOnce()
    await vi.advanceTimersByTimeAsync(TICKET_POLL_DEFAULT_MS - 1)
    expect(read).toEqual(['acc_a', 'acc_b'])
    await vi.advanceTimersByTimeAsync(1)
    expect(read).toEqual(['acc_a', 'acc_b', 'acc_a', 'acc_b'])
    p.dispose()
    expect(p.scheduled).toBe(false)
  })

  it('reads nothing when there is no account', async () => {
    const { poller: p, read } = poller({ accounts: () => [] })
    await p.pollOnce()
    expect(read).toEqual([])
  })

  it('reads accounts one at a time', async () => {
    let inFlight = 0
    let most = 0
    const { poller: p } = poller({
      newStaffReplies: async () => {
        most = Math.max(most, ++inFlight)
        await new Promise((r) => setTimeout(r, 1))
        inFlight -= 1
        return []
      }
    })
    await p.pollOnce()
    expect(most).toBe(1)
  })

  it('leaves a rate-limited account alone until its retryAfter has passed; the others go on', async () => {
    let now = 0
    let limited = true
    const read: string[] = []
    const { poller: p } = poller({
      now: () => now,
      newStaffReplies: async (a) => {
        read.push(a.id)
        if (a.id === 'acc_a' && limited) throw new FlotillaError('rate-limited', 'slow down', { retryAfterSec: 3600 })
        return []
      }
    })
    await p.pollOnce()
    limited = false
    now += TICKET_POLL_DEFAULT_MS
    await p.pollOnce()
    expect(read).toEqual(['acc_a', 'acc_b', 'acc_b'])
    now += 3600_000
    await p.pollOnce()
    expect(read).toEqual(['acc_a', 'acc_b', 'acc_b', 'acc_a', 'acc_b'])
  })

  it('announces what an account reports, and one failing account does not stop the round', async () => {
    const reply: StaffReplied = { accountId: 'acc_b', ticketId: '7', key: 'acc_b:7', subject: 'Disk' }
    const announced: StaffReplied[] = []
    const { poller: p } = poller({
      newStaffReplies: async (a) => {
        if (a.id === 'acc_a') throw new FlotillaError('offline', 'no network')
        return [reply]
      },
      announce: (r) => announced.push(r)
    })
    await p.pollOnce()
    expect(announced).toEqual([reply])
  })
})
