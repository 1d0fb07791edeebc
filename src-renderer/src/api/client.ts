// The renderer's only way to main: `window.flotilla`. Every answer arrives as an
// envelope; this module turns `{ ok:false }` back into a thrown FlotillaError so
// stores and views can use plain async/await.
import type { Envelope, EventPayload, FlotillaBridge, InputOf, OutputOf } from '@shared/contract'
import { FlotillaError } from '@shared/errors'
import type { EventChannel, InvokeChannel } from '@shared/ipc-channels'

type AnyCall = (input?: unknown) => Promise<unknown>

export function bridge(): FlotillaBridge {
  const found = window.flotilla
  if (!found) {
    throw new FlotillaError('internal', 'The connection to Flotilla’s core is missing; restart the app.')
  }
  return found
}

/**
 * Resolves once `window.flotilla` exists. The preload defines it before any page
 * script runs; a harness may define it a moment later, so startup waits briefly
 * instead of declaring the bridge missing on the first tick.
 */
export async function waitForBridge(timeoutMs = 5000, pollMs = 25): Promise<FlotillaBridge> {
  const deadline = Date.now() + timeoutMs
  while (!window.flotilla && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
  return bridge()
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

/** Envelope → value, or the FlotillaError main serialised. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (!isEnvelope(envelope)) {
    throw new FlotillaError('invalid-response', 'Flotilla’s core sent an answer the window could not read.')
  }
  if (envelope.ok) return envelope.value
  throw FlotillaError.from(envelope.error)
}

type Args<C extends InvokeChannel> = undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>]

/** Calls one contract channel, e.g. `call('accounts.list')`. */
export async function call<C extends InvokeChannel>(channel: C, ...args: Args<C>): Promise<OutputOf<C>> {
  const [ns, method] = channel.split('.') as [string, string]
  const space = (bridge() as unknown as Record<string, Record<string, AnyCall> | undefined>)[ns]
  const fn = space?.[method]
  if (!fn) throw new FlotillaError('ipc-rejected', `Flotilla’s core does not offer "${channel}".`)
  let envelope: unknown
  try {
    envelope = await fn(args[0])
  } catch {
    // A rejected invoke means the transport itself broke (never an application error).
    throw new FlotillaError('internal', 'The connection to Flotilla’s core was interrupted.')
  }
  return unwrap(envelope as Envelope<OutputOf<C>>)
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener)
}
