// One VNC console's connection life: builds a noVNC RFB from a fresh ticket,
// turns its events into states shown in words, and reconnects with backoff after
// an unclean drop. An RFB is single-use, so every (re)connect builds a new one
// from a new ticket (tickets are single-use too).
//
// The RFB is built in an element the connection owns, so it can start the moment
// a ticket arrives, before any view exists; the console view attaches that
// element where the screen goes once it is mounted.
import RFB from '@novnc/novnc'
import { ref, shallowRef, type Ref } from 'vue'

/** What one connection needs from a fresh console ticket (the store fetches it). */
export interface VncTicket {
  readonly url: string
  readonly password: string | null
}

export type VncState = 'idle' | 'connecting' | 'connected' | 'wrong-password' | 'credentials-required' | 'disconnected'

/** Seconds to wait before automatic reconnect attempt n (then the last value). */
export const RECONNECT_DELAYS_S = [1, 2, 4, 8, 16, 30] as const

export interface VncConnectionOptions {
  readonly fetchTicket: () => Promise<VncTicket>
}

export interface VncConnection {
  readonly state: Ref<VncState>
  /** Why the last connection ended, in the server's or the browser's words. */
  readonly reason: Ref<string>
  readonly desktopName: Ref<string>
  /** Seconds until the next automatic reconnect; null when none is scheduled. */
  readonly countdown: Ref<number | null>
  readonly rfb: Ref<RFB | null>
  /** The server's clipboard text, last received. */
  readonly clipboard: Ref<string>
  /** Moves the screen (noVNC's canvas) into `parent`. */
  attach(parent: HTMLElement): void
  connect(): Promise<void>
  disconnect(): void
  cancelReconnect(): void
  sendPassword(password: string): void
  dispose(): void
}

export function createVncConnection(options: VncConnectionOptions): VncConnection {
  const state = ref<VncState>('idle')
  const reason = ref('')
  const desktopName = ref('')
  const countdown = ref<number | null>(null)
  const rfb = shallowRef<RFB | null>(null)
  const clipboard = ref('')
  const container = screenContainer()
  let attempt = 0
  let timer: ReturnType<typeof setInterval> | null = null
  let disposed = false

  async function connect(): Promise<void> {
    cancelReconnect()
    drop()
    state.value = 'connecting'
    reason.value = ''
    let ticket: VncTicket
    try {
      ticket = await options.fetchTicket()
    } catch (error) {
      state.value = 'disconnected'
      reason.value = error instanceof Error ? error.message : String(error)
      return
    }
    if (disposed) return
    const next = new RFB(container, ticket.url, ticket.password !== null ? { credentials: { password: ticket.password } } : {})
    // desktopname fires before connect: listeners go on right after the constructor.
    listen(next)
    next.scaleViewport = true
    next.background = 'rgb(15, 23, 42)'
    rfb.value = next
  }

  function listen(next: RFB): void {
    const mine = (): boolean => rfb.value === next
    next.addEventListener('connect', () => {
      if (!mine()) return
      state.value = 'connected'
      attempt = 0
    })
    next.addEventListener('desktopname', (e) => {
      if (mine()) desktopName.value = (e as CustomEvent<{ name: string }>).detail.name
    })
    next.addEventListener('securityfailure', (e) => {
      if (!mine()) return
      state.value = 'wrong-password'
      reason.value = cleanReason((e as CustomEvent<{ reason?: string }>).detail.reason)
    })
    next.addEventListener('credentialsrequired', () => {
      if (mine()) state.value = 'credentials-required'
    })
    next.addEventListener('clipboard', (e) => {
      if (mine()) clipboard.value = (e as CustomEvent<{ text: string }>).detail.text
    })
    next.addEventListener('disconnect', (e) => {
      if (!mine()) return
      rfb.value = null
      const clean = (e as CustomEvent<{ clean: boolean }>).detail.clean
      // A wrong password stays on screen: trying again with another ticket would not fix it.
      if (state.value === 'wrong-password') return
      state.value = 'disconnected'
      if (!clean) {
        reason.value ||= 'The connection dropped.'
        scheduleReconnect()
      }
    })
  }

  function scheduleReconnect(): void {
    if (disposed) return
    const delay = RECONNECT_DELAYS_S[Math.min(attempt, RECONNECT_DELAYS_S.length - 1)]!
    attempt++
    countdown.value = delay
    timer = setInterval(() => {
      const left = (countdown.value ?? 1) - 1
      if (left > 0) {
        countdown.value = left
        return
      }
      cancelReconnect()
      void connect()
    }, 1000)
  }

  function cancelReconnect(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
    countdown.value = null
  }

  /** Ends the current RFB without triggering reconnects (its events are ignored from here on). */
  function drop(): void {
    const current = rfb.value
    rfb.value = null
    current?.disconnect()
  }

  function disconnect(): void {
    cancelReconnect()
    attempt = 0
    drop()
    state.value = 'disconnected'
    reason.value = ''
  }

  function sendPassword(password: string): void {
    rfb.value?.sendCredentials({ password })
    state.value = 'connecting'
  }

  function attach(parent: HTMLElement): void {
    // noVNC watches its screen's size, so the scaling follows the move on its own.
    if (container.parentElement !== parent) parent.appendChild(container)
  }

  function dispose(): void {
    disposed = true
    cancelReconnect()
    drop()
    container.remove()
  }

  return { state, reason, desktopName, countdown, rfb, clipboard, attach, connect, disconnect, cancelReconnect, sendPassword, dispose }
}

function screenContainer(): HTMLElement {
  const element = document.createElement('div')
  element.style.width = '100%'
  element.style.height = '100%'
  return element
}

/** noVNC passes the server's reason C-string style ("Authentication failed\u0000"). */
function cleanReason(reason: string | undefined): string {
  return (reason ?? '').replace(/\0+$/, '').trim()
}
