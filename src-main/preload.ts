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

function isEventMessage(value: unknown): value is EventMessage {
  return typeof value === 'object' && value !== null && 'event' in value && 'payload' in value
}

export const ipcTransport: BridgeTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(event: EventChannel, listener: (payload: unknown) => void) {
    const onMessage = (_ipcEvent: IpcRendererEvent, message: unknown) => {
      if (isEventMessage(message) && message.event === event) listener(message.payload)
    }
    ipcRenderer.on(EVENT_IPC_CHANNEL, onMessage)
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_CHANNEL, onMessage)
    }
  }
}

contextBridge.exposeInMainWorld('flotilla', buildBridge(ipcTransport))
