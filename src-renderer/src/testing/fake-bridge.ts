// A `window.flotilla` for component tests, built by the same `buildBridge` the
// preload and the harness use, over an in-memory transport. Handlers answer like
// main does: a value becomes `{ok:true}`, a thrown FlotillaError `{ok:false}`.
import { buildBridge } from '@shared/bridge'
import type { Envelope, EventPayload, FlotillaBridge } from '@shared/contract'
import { serializeError } from '@shared/errors'
import type { EventChannel } from '@shared/ipc-channels'

export type FakeHandler = (input: unknown) => unknown

export interface FakeBridge {
  bridge: FlotillaBridge
  /** Every invoke, in order, with the input the renderer sent. */
  calls: Array<{ channel: string; input: unknown }>
  handle(channel: string, handler: FakeHandler): void
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
  listenerCount(event: EventChannel): number
}

export function createFakeBridge(handlers: Record<string, FakeHandler> = {}): FakeBridge {
  const table = new Map(Object.entries(handlers))
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const calls: FakeBridge['calls'] = []

  const bridge = buildBridge({
    async invoke(channel, input): Promise<Envelope<unknown>> {
      calls.push({ channel, input })
      const handler = table.get(channel)
      if (!handler) return { ok: false, error: { code: 'ipc-rejected', message: `No fake for ${channel}` } }
      try {
        return { ok: true, value: await handler(input) }
      } catch (error) {
        return { ok: false, error: serializeError(error) }
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  })

  return {
    bridge,
    calls,
    handle: (channel, handler) => table.set(channel, handler),
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0
  }
}
