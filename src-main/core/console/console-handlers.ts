// Binds the console service to its slice of the IPC contract.
import type { HandlerTable } from '../../shared/contract'
import type { consoleContract } from '../../shared/contracts/console'
import type { ConsoleService } from './console-service'

type ConsoleChannel = keyof typeof consoleContract

export function consoleHandlers(consoles: ConsoleService): Pick<HandlerTable, ConsoleChannel> {
  return {
    'console.open': async ({ serverKey }) => consoles.open(serverKey),
    'console.close': async ({ sessionId }) => ({ closed: consoles.close(sessionId) }),
    'console.command': async ({ sessionId, command }) => {
      await consoles.command(sessionId, command)
      return { sent: true }
    },
    'console.power': async ({ serverKey, action }) => {
      await consoles.power(serverKey, action)
      return { done: true }
    },
    'console.popOut': async ({ serverKey }) => consoles.popOut(serverKey),
    'console.popIn': async ({ serverKey }) => {
      consoles.popIn(serverKey)
      return { ok: true }
    }
  }
}
