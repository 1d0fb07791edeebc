// Builds the `window.flotilla` object from the channel list. Used by the preload
// (over ipcRenderer) and by the web harness (over a WebSocket), so both expose
// exactly the same surface.
import type { FlotillaBridge } from './contract'
import { INVOKE_CHANNELS, isEventChannel, type EventChannel } from './ipc-channels'

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void
}

export function buildBridge(transport: BridgeTransport): FlotillaBridge {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>> | unknown> = {}
  for (const channel of INVOKE_CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string]
    const space = (api[ns] ??= {}) as Record<string, (input?: unknown) => Promise<unknown>>
    space[method] = (input?: unknown) => transport.invoke(channel, input)
  }
  api.on = (event: unknown, listener: unknown) => {
    if (!isEventChannel(event) || typeof listener !== 'function') throw new TypeError('unknown event')
    return transport.subscribe(event, listener as (payload: unknown) => void)
  }
  return api as unknown as FlotillaBridge
}
