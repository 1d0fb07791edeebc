// The one place a request from a renderer is checked against the contract and
// handed to main's handler table. The Electron wrapper (sender check) and the web
// harness (token check) both end here, so validation cannot differ between them.
import { contract, type Envelope, type HandlerTable } from '../../shared/contract'
import { FlotillaError, serializeError } from '../../shared/errors'
import { isInvokeChannel } from '../../shared/ipc-channels'

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>

export interface DispatchHooks {
  /** Called with every failure, for the log (the error is already free of secrets). */
  onError?: (channel: string, error: unknown) => void
}

export function createDispatcher(handlers: HandlerTable, hooks: DispatchHooks = {}): Dispatch {
  return async (channel, input) => {
    if (!isInvokeChannel(channel)) {
      return fail(new FlotillaError('ipc-rejected', `Unknown IPC channel "${String(channel).slice(0, 64)}".`))
    }
    const parsed = contract[channel].input.safeParse(input)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
      return fail(new FlotillaError('validation', `Invalid request for ${channel}.`, { issues }))
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      hooks.onError?.(channel, error)
      return fail(error)
    }
  }
}

function fail(error: unknown): Envelope<never> {
  return { ok: false, error: serializeError(error) }
}
