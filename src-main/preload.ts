// Runs in the sandboxed renderer before the page. It may only require
// 'electron', so it imports nothing but the schema-free channel list and the
// bridge builder. The page gets `window.flotilla` and nothing else: never
// ipcRenderer itself, never an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildBridge, type BridgeTransport } from './shared/bridge'
import { EVENT_IPC_CHANNEL, type EventChannel } from './shared/ipc-channels'

interface EventMessage {
  readonly event: unknown
  readonly payload: unknown
}

type PayloadListener = (payload: unknown) => void

function isEventMessage(value: unknown): value is EventMessage {
  return typeof value === 'object' && value !== null && 'event' in value && 'payload' in value
}

// One ipcRenderer listener fans out to the page's subscribers. The app holds
// more than ten subscriptions at once, and one ipcRenderer listener each would
// trip EventEmitter's leak warning and run every listener's filter per message.
const subscribers = new Map<EventChannel, Set<PayloadListener>>()

function onEventMessage(_ipcEvent: IpcRendererEvent, message: unknown): void {
  if (!isEventMessage(message)) return
  const listeners = subscribers.get(message.event as EventChannel)
  // A copy: a listener may unsubscribe (itself or another) while being called.
  for (const listener of [...(listeners ?? [])]) listener(message.payload)
}

function subscriberCount(): number {
  let count = 0
  for (const set of subscribers.values()) count += set.size
  return count
}

export const ipcTransport: BridgeTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(event: EventChannel, listener: PayloadListener) {
    if (subscriberCount() === 0) ipcRenderer.on(EVENT_IPC_CHANNEL, onEventMessage)
    // Wrapped, so subscribing the same function twice gives two independent subscriptions.
    const entry: PayloadListener = (payload) => listener(payload)
    const set = subscribers.get(event) ?? new Set<PayloadListener>()
    subscribers.set(event, set.add(entry))
    return () => {
      if (!set.delete(entry)) return
      if (set.size === 0) subscribers.delete(event)
      if (subscriberCount() === 0) ipcRenderer.removeListener(EVENT_IPC_CHANNEL, onEventMessage)
    }
  }
}

contextBridge.exposeInMainWorld('flotilla', buildBridge(ipcTransport))
