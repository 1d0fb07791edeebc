// Open consoles, as tabs. Main fetches console access (the renderer never holds
// an account's credential); a VNC ticket from main is used for exactly one
// connection and then dropped — reconnecting asks main for a fresh one.
// A VNC console starts connecting as soon as its ticket arrives (the tab's view
// attaches the screen when it mounts), so the first frame does not wait for Vue.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ConsoleOpened, ConsolePowerAction } from '@shared/contracts/console'
import { call, onEvent } from '../api/client'
import { createVncConnection, type VncConnection, type VncTicket } from '../components/console/vnc-connection'

export type { VncTicket }

export interface ConsoleTab {
  readonly serverKey: string
  readonly label: string
  readonly provider: 'aluy' | 'elizon'
  readonly kind: ConsoleOpened['kind']
  sessionId: string
  /** embed: whether main could show the provider's page in its isolated window. */
  embedOpened: boolean
  /** text consoles: the lines so far (capped), the stream state, the last power state reported. */
  lines: string[]
  stream: 'open' | 'closed'
  streamMessage: string
  power: string
}

const MAX_LINES = 2000

export const useConsolesStore = defineStore('consoles', () => {
  const tabs = ref<ConsoleTab[]>([])
  const activeKey = ref<string | null>(null)
  /** Single-use tickets waiting for their tab's first connection; never reactive, never persisted. */
  const pendingTickets = new Map<string, VncTicket>()
  /** Each VNC tab's connection, owned here so it outlives (and precedes) the tab's view. */
  const connections = new Map<string, VncConnection>()
  const opening = shallowRef<ReadonlySet<string>>(new Set())

  const active = computed(() => tabs.value.find((t) => t.serverKey === activeKey.value) ?? null)

  function tabOf(serverKey: string): ConsoleTab | undefined {
    return tabs.value.find((t) => t.serverKey === serverKey)
  }

  /** Opens (or shows) the console of a server. */
  async function open(serverKey: string): Promise<void> {
    if (tabOf(serverKey)) {
      activeKey.value = serverKey
      return
    }
    opening.value = new Set([...opening.value, serverKey])
    try {
      const opened = await call('console.open', { serverKey })
      if (opened.kind === 'vnc') {
        pendingTickets.set(serverKey, { url: opened.url, password: opened.password })
        void vncOf(serverKey)
      }
      tabs.value.push({
        serverKey,
        label: opened.label,
        provider: opened.provider,
        kind: opened.kind,
        sessionId: opened.sessionId,
        embedOpened: opened.kind === 'embed' ? opened.opened : false,
        lines: [],
        stream: 'open',
        streamMessage: '',
        power: ''
      })
      activeKey.value = serverKey
    } finally {
      const next = new Set(opening.value)
      next.delete(serverKey)
      opening.value = next
    }
  }

  /** The ticket for the next VNC connection: the one `open` fetched, once, else a fresh one from main. */
  async function ticket(serverKey: string): Promise<VncTicket> {
    const pending = pendingTickets.get(serverKey)
    if (pending) {
      pendingTickets.delete(serverKey)
      return pending
    }
    const opened = await call('console.open', { serverKey })
    if (opened.kind !== 'vnc') throw new Error('The server no longer offers a VNC console.')
    return { url: opened.url, password: opened.password }
  }

  /** A VNC tab's connection; the first call builds it and starts connecting (with the ticket `open` fetched). */
  function vncOf(serverKey: string): VncConnection {
    let connection = connections.get(serverKey)
    if (!connection) {
      connection = createVncConnection({ fetchTicket: () => ticket(serverKey) })
      connections.set(serverKey, connection)
      void connection.connect()
    }
    return connection
  }

  async function close(serverKey: string): Promise<void> {
    const tab = tabOf(serverKey)
    if (!tab) return
    pendingTickets.delete(serverKey)
    connections.get(serverKey)?.dispose()
    connections.delete(serverKey)
    tabs.value = tabs.value.filter((t) => t !== tab)
    if (activeKey.value === serverKey) activeKey.value = tabs.value.at(-1)?.serverKey ?? null
    if (tab.kind === 'text') await call('console.close', { sessionId: tab.sessionId }).catch(() => undefined)
  }

  async function sendCommand(serverKey: string, command: string): Promise<void> {
    const tab = tabOf(serverKey)
    if (tab) await call('console.command', { sessionId: tab.sessionId, command })
  }

  async function power(serverKey: string, action: ConsolePowerAction): Promise<void> {
    await call('console.power', { serverKey, action })
  }

  /** Moves a console into its own window; the tab here closes only if the window opened. */
  async function popOut(serverKey: string): Promise<{ opened: boolean; message?: string }> {
    const result = await call('console.popOut', { serverKey })
    if (result.opened) await close(serverKey)
    return result
  }

  async function popIn(serverKey: string): Promise<void> {
    await call('console.popIn', { serverKey })
  }

  function appendLine(sessionId: string, line: string): void {
    const tab = tabs.value.find((t) => t.sessionId === sessionId)
    if (!tab) return
    tab.lines.push(line)
    if (tab.lines.length > MAX_LINES) tab.lines.splice(0, tab.lines.length - MAX_LINES)
  }

  let unsubscribe: (() => void) | null = null

  /**
   * Listens to main's console events for the life of the window (idempotent), so
   * text lines keep arriving while another page is shown. A popped-out window
   * passes `acceptPopIns: false`: consoles handed back belong to the main window.
   */
  function subscribe(options: { acceptPopIns: boolean } = { acceptPopIns: true }): () => void {
    if (unsubscribe) return unsubscribe
    const stops = [
      onEvent('console.line', ({ sessionId, line }) => appendLine(sessionId, line)),
      onEvent('console.state', ({ sessionId, state, power: reported, message }) => {
        const tab = tabs.value.find((t) => t.sessionId === sessionId)
        if (!tab) return
        if (state === 'status' && reported) tab.power = reported
        if (state === 'open') tab.stream = 'open'
        if (state === 'closed') {
          tab.stream = 'closed'
          tab.streamMessage = message ?? ''
        }
      }),
      onEvent('console.poppedIn', ({ serverKey }) => {
        if (options.acceptPopIns) void open(serverKey).catch(() => undefined)
      })
    ]
    unsubscribe = () => {
      stops.forEach((stop) => stop())
      unsubscribe = null
    }
    return unsubscribe
  }

  return { tabs, activeKey, active, opening, open, ticket, vncOf, close, sendCommand, power, popOut, popIn, subscribe, tabOf }
})
