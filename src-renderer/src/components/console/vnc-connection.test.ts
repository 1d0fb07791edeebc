// The connection's words and retries: which host did not answer, whether the
// server closed the session itself (not retried) or the network went (retried),
// and that automatic reconnects stop after a bounded number. noVNC's RFB is
// replaced at its module boundary by a stand-in that fires the events noVNC
// fires; the real noVNC against QEMU runs in test/e2e/console*.e2e.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const made: FakeRfb[] = []
class FakeRfb extends EventTarget {
  scaleViewport = false
  background = ''
  constructor(
    _target: HTMLElement,
    readonly url: string
  ) {
    super()
    made.push(this)
  }
  disconnect(): void {}
  sendCredentials(): void {}
  fire(type: string, detail: object = {}): void {
    this.dispatchEvent(new CustomEvent(type, { detail }))
  }
}
vi.mock('@novnc/novnc', () => ({ default: FakeRfb }))

const { createVncConnection, RECONNECT_DELAYS_S } = await import('./vnc-connection')

let tickets = 0
function connection() {
  return createVncConnection({
    fetchTicket: async () => {
      tickets++
      return { url: 'wss://127.0.0.1:9/vnc/?token=t' + tickets, password: 'pw' }
    }
  })
}
const last = () => made[made.length - 1]!

beforeEach(() => {
  vi.useFakeTimers()
  made.length = 0
  tickets = 0
})
afterEach(() => vi.useRealTimers())

describe('VNC connection endings', () => {
  it('names the host that never answered and retries a bounded number of times, then says it stopped', async () => {
    const vnc = connection()
    await vnc.connect()
    last().fire('disconnect', { clean: false })
    expect(vnc.ending.value).toEqual({ kind: 'unreachable', host: '127.0.0.1:9' })
    expect(vnc.countdown.value).toBe(RECONNECT_DELAYS_S[0])
    for (const delay of RECONNECT_DELAYS_S) {
      await vi.advanceTimersByTimeAsync(delay * 1000)
      last().fire('disconnect', { clean: false })
    }
    expect(tickets).toBe(1 + RECONNECT_DELAYS_S.length)
    expect(vnc.gaveUp.value).toBe(true)
    expect(vnc.countdown.value).toBeNull()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(tickets).toBe(1 + RECONNECT_DELAYS_S.length)
    // The user's Reconnect starts the count over.
    await vnc.connect()
    expect(vnc.gaveUp.value).toBe(false)
    last().fire('disconnect', { clean: false })
    expect(vnc.countdown.value).toBe(RECONNECT_DELAYS_S[0])
    vnc.dispose()
  })

  it('a session the server closed is said so and not retried on its own', async () => {
    const vnc = connection()
    await vnc.connect()
    last().fire('connect')
    last().fire('disconnect', { clean: true })
    expect(vnc.ending.value).toEqual({ kind: 'closed-by-server', host: '127.0.0.1:9' })
    expect(vnc.countdown.value).toBeNull()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(tickets).toBe(1)
  })

  it('a dropped session is "network lost" and reconnects with a fresh ticket', async () => {
    const vnc = connection()
    await vnc.connect()
    last().fire('connect')
    last().fire('disconnect', { clean: false })
    expect(vnc.ending.value).toEqual({ kind: 'network-lost', host: '127.0.0.1:9' })
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAYS_S[0] * 1000)
    expect(tickets).toBe(2)
    expect(last().url).toContain('token=t2')
    vnc.dispose()
  })

  it('a ticket that cannot be had is kept as the error, with no retry loop', async () => {
    const failing = createVncConnection({
      fetchTicket: async () => {
        tickets++
        throw new Error('boom')
      }
    })
    await failing.connect()
    expect(failing.state.value).toBe('disconnected')
    expect(failing.ending.value?.kind).toBe('ticket')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(tickets).toBe(1)
  })
})
