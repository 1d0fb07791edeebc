// One VNC console's connection life: builds a noVNC RFB from a fresh ticket,
// turns its events into states shown in words (which host, and whether it never
// answered, closed the session itself, or the network went), and reconnects with
// backoff after an unclean drop, a bounded number of times. An RFB is single-use, so every (re)connect builds a new one
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

/** Seconds to wait before automatic reconnect attempt n; after the last one it stops and says so. */
export const RECONNECT_DELAYS_S = [1, 2, 4, 8, 16] as const

/** Why a connection is not (or no longer) up, for the view to say in the user's language. */
export type VncEnding =
  /** The WebSocket never opened: refused, timed out, TLS or token refused. */
  | { readonly kind: 'unreachable'; readonly host: string }
  /** It was up and dropped without a close: the network (or the peer) went away. */
  | { readonly kind: 'network-lost'; readonly host: string }
  /** It was up and the server closed it cleanly: not retried on its own. */
  | { readonly kind: 'closed-by-server'; readonly host: string }
  /** No ticket: main's error, shown in words by the view. */
  | { readonly kind: 'ticket'; readonly error: unknown }

export interface VncConnectionOptions {
  readonly fetchTicket: () => Promise<VncTicket>
}

export interface VncConnection {
  readonly state: Ref<VncState>
  /** The server's own words when it refused the password. */
  readonly reason: Ref<string>
  /** Why the last connection ended; null while connecting, connected, or after the user's own disconnect. */
  readonly ending: Ref<VncEnding | null>
  /** True once the automatic reconnects are used up; the user's Reconnect starts over. */
  readonly gaveUp: Ref<boolean>
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
  const ending = shallowRef<VncEnding | null>(null)
  const gaveUp = ref(false)
  const desktopName = ref('')
  const countdown = ref<number | null>(null)
  const rfb = shallowRef<RFB | null>(null)
  const clipboard = ref('')
  const container = screenContainer()
  let attempt = 0
  let timer: ReturnType<typeof setInterval> | null = null
  let disposed = false

  /** The user's (re)connect: the automatic attempts start over. */
  async function connect(): Promise<void> {
    attempt = 0
    await open()
  }

  async function open(): Promise<void> {
    cancelReconnect()
    drop()
    state.value = 'connecting'
    reason.value = ''
    ending.value = null
    gaveUp.value = false
    let ticket: VncTicket
    try {
      ticket = await options.fetchTicket()
    } catch (error) {
      state.value = 'disconnected'
      ending.value = { kind: 'ticket', error }
      return
    }
    if (disposed) return
    const next = new RFB(container, ticket.url, ticket.password !== null ? { credentials: { password: ticket.password } } : {})
    // desktopname fires before connect: listeners go on right after the constructor.
    listen(next, hostOf(ticket.url))
    next.scaleViewport = true
    next.background = 'rgb(15, 23, 42)'
    rfb.value = next
  }

  function listen(next: RFB, host: string): void {
    const mine = (): boolean => rfb.value === next
    let opened = false
    next.addEventListener('connect', () => {
      if (!mine()) return
      opened = true
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
      ending.value = endingOf(opened, clean, host)
      if (ending.value.kind !== 'closed-by-server') scheduleReconnect()
    })
  }

  function scheduleReconnect(): void {
    if (disposed) return
    if (attempt >= RECONNECT_DELAYS_S.length) {
      gaveUp.value = true
      return
    }
    const delay = RECONNECT_DELAYS_S[attempt]!
    attempt++
    countdown.value = delay
    timer = setInterval(() => {
      const left = (countdown.value ?? 1) - 1
      if (left > 0) {
        countdown.value = left
        return
      }
      cancelReconnect()
      void open()
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
    ending.value = null
    gaveUp.value = false
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

  return { state, reason, ending, gaveUp, desktopName, countdown, rfb, clipboard, attach, connect, disconnect, cancelReconnect, sendPassword, dispose }
}

function screenContainer(): HTMLElement {
  const element = document.createElement('div')
  element.style.width = '100%'
  element.style.height = '100%'
  return element
}

/** Never opened, closed by the server, or lost: what the user is told and whether it is retried. */
export function endingOf(opened: boolean, clean: boolean, host: string): VncEnding {
  if (!opened) return { kind: 'unreachable', host }
  return clean ? { kind: 'closed-by-server', host } : { kind: 'network-lost', host }
}

/** host:port of a wss URL, for "could not connect to …"; the URL itself carries a token and is never shown. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return '?'
  }
}

/** noVNC passes the server's reason C-string style ("Authentication failed\u0000"). */
function cleanReason(reason: string | undefined): string {
  return (reason ?? '').replace(/\0+$/, '').trim()
}
