// The console feature's slice of the IPC contract. Main fetches console access
// from the provider (the API key / session cookie never leave main); the
// renderer gets only what it must hold to draw a console: a single-use VNC
// ticket (wss URL + password), or a session id whose text lines main pushes.
import { z } from 'zod'
/** A server as the fleet names it: `${accountId}:${id}`, strict (ids.ts). */
import { ServerKey } from './ids'

const SessionId = z.string().regex(/^con_[a-z0-9]{8,32}$/, 'not a console session id')

export const CONSOLE_POWER_ACTIONS = ['start', 'shutdown', 'stop', 'restart'] as const
export const ConsolePowerAction = z.enum(CONSOLE_POWER_ACTIONS)
export type ConsolePowerAction = z.infer<typeof ConsolePowerAction>

const Common = {
  sessionId: SessionId,
  serverKey: ServerKey,
  label: z.string(),
  provider: z.enum(['aluy', 'elizon'])
}

/**
 * What `console.open` answers. `vnc` carries a fresh single-use ticket: the
 * renderer must not store it beyond the one RFB it builds from it, and must
 * ask again (a new `console.open`) to reconnect.
 */
export const ConsoleOpened = z.discriminatedUnion('kind', [
  z.object({ ...Common, kind: z.literal('vnc'), url: z.string().regex(/^wss?:\/\//), password: z.string().nullable() }),
  z.object({ ...Common, kind: z.literal('text') }),
  /** The provider's own console page, shown by main in an isolated window (`opened` false where that cannot be done, e.g. the web harness). */
  z.object({ ...Common, kind: z.literal('embed'), opened: z.boolean(), origin: z.string() })
])
export type ConsoleOpened = z.infer<typeof ConsoleOpened>

export const ConsoleLine = z.object({ sessionId: SessionId, line: z.string() })
export type ConsoleLine = z.infer<typeof ConsoleLine>

export const ConsoleStreamState = z.object({
  sessionId: SessionId,
  /** `open`: streaming; `status`: the server reported a power state; `closed`: the stream ended (message says why). */
  state: z.enum(['open', 'status', 'closed']),
  power: z.string().optional(),
  message: z.string().optional()
})
export type ConsoleStreamState = z.infer<typeof ConsoleStreamState>

export const consoleContract = {
  'console.open': { input: z.object({ serverKey: ServerKey }), output: ConsoleOpened },
  'console.close': { input: z.object({ sessionId: SessionId }), output: z.object({ closed: z.boolean() }) },
  'console.command': {
    input: z.object({ sessionId: SessionId, command: z.string().trim().min(1).max(4096) }),
    output: z.object({ sent: z.boolean() })
  },
  'console.power': {
    input: z.object({ serverKey: ServerKey, action: ConsolePowerAction }),
    output: z.object({ done: z.boolean() })
  },
  /** Opens the console of `serverKey` in its own window (Electron); `opened` false with a message where there are no windows (harness). */
  'console.popOut': {
    input: z.object({ serverKey: ServerKey }),
    output: z.object({ opened: z.boolean(), message: z.string().optional() })
  },
  /** A popped-out window hands its console back to the main window (pushes `console.poppedIn`). */
  'console.popIn': { input: z.object({ serverKey: ServerKey }), output: z.object({ ok: z.boolean() }) }
} as const

export const consoleEvents = {
  'console.line': ConsoleLine,
  'console.state': ConsoleStreamState,
  'console.poppedIn': z.object({ serverKey: ServerKey })
} as const
