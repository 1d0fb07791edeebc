// The one place a request from a renderer is checked against the contract and
// handed to main's handler table. The Electron wrapper (sender check) and the web
// harness (token check) both end here, so validation cannot differ between them.
import { contract, type Envelope, type HandlerTable } from '../../shared/contract'
import { FlotillaError, serializeError } from '../../shared/errors'
import { isInvokeChannel, type InvokeChannel } from '../../shared/ipc-channels'

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
    const parsed = parseInput(channel, input)
    if (!parsed.ok) return fail(parsed.error)
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      hooks.onError?.(channel, error)
      return fail(error)
    }
  }
}

const MAX_ISSUES = 20

type Parsed = { ok: true; data: unknown } | { ok: false; error: FlotillaError }

/**
 * The request against its schema. The message names the first problem in words
 * (the UI shows it as the detail), so a refused id says why; at most 20 issues
 * travel back. A schema that throws (it should not) is still `validation`.
 */
function parseInput(channel: InvokeChannel, input: unknown): Parsed {
  let result: ReturnType<(typeof contract)[InvokeChannel]['input']['safeParse']>
  try {
    result = contract[channel].input.safeParse(input)
  } catch {
    return { ok: false, error: new FlotillaError('validation', `Invalid request for ${channel}: it could not be read.`) }
  }
  if (result.success) return { ok: true, data: result.data }
  const issues = result.error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`)
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : ''
  return { ok: false, error: new FlotillaError('validation', `Invalid request for ${channel}: ${issues[0] ?? 'not valid'}${more}.`, { issues }) }
}

function fail(error: unknown): Envelope<never> {
  return { ok: false, error: serializeError(error) }
}
