// The one place Electron IPC reaches main's handlers (after VS Code's
// ValidatedIpcMain): a handler per contract channel and nothing else, every call
// checked to come from Flotilla's own top-level frame before its payload is
// validated and dispatched. Events go back on one channel.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'
import type { Dispatch } from '../core/ipc/dispatch'
import type { Logger } from '../core/logging/logger'
import type { Envelope } from '../shared/contract'
import { FlotillaError, serializeError } from '../shared/errors'
import { EVENT_IPC_CHANNEL, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from '../shared/ipc-channels'
import { originOf } from './origins'

export interface BindIpcOptions {
  isTrustedSender(frame: WebFrameMain | null): boolean
  readonly logger?: Pick<Logger, 'warn'>
}

type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>

/** Registers a handler for every invoke channel; the returned function removes them all. */
export function bindIpc(ipcMain: IpcRegistry, dispatch: Dispatch, options: BindIpcOptions): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => handleInvoke(channel, event, args, dispatch, options))
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}

async function handleInvoke(
  channel: InvokeChannel,
  event: IpcMainInvokeEvent,
  args: unknown[],
  dispatch: Dispatch,
  options: BindIpcOptions
): Promise<Envelope<unknown>> {
  if (!senderIsTrusted(event, options)) {
    options.logger?.warn('ipc call rejected: untrusted sender', { channel, origin: frameOrigin(event.senderFrame) })
    return reject(`Flotilla refused an IPC call to ${channel} from a page that is not its own.`)
  }
  // The bridge sends exactly one argument; more means someone else built this call.
  if (args.length > 1) {
    options.logger?.warn('ipc call rejected: extra arguments', { channel, count: args.length })
    return reject(`IPC call to ${channel} carried unexpected extra arguments.`)
  }
  return dispatch(channel, args[0])
}

function senderIsTrusted(event: IpcMainInvokeEvent, options: BindIpcOptions): boolean {
  try {
    return options.isTrustedSender(event.senderFrame)
  } catch {
    // A frame that navigated or was destroyed mid-call throws on access.
    return false
  }
}

function reject(message: string): Envelope<never> {
  return { ok: false, error: serializeError(new FlotillaError('ipc-rejected', message)) }
}

function frameOrigin(frame: WebFrameMain | null): string {
  try {
    return frame ? (originOf(frame.url) ?? '(unparseable)') : '(no frame)'
  } catch {
    return '(disposed frame)'
  }
}

export interface TrustedSenderPolicy {
  /** Origins of Flotilla's own pages (app:// and, in development, the dev server). */
  readonly origins: readonly string[]
  /** The top frames of Flotilla's windows right now. */
  topFrames(): readonly WebFrameMain[]
}

/**
 * A sender is trusted when it is the top frame of one of our windows (not an
 * iframe, not another webContents) and shows a page of a trusted origin.
 */
export function createTrustedSenderCheck(policy: TrustedSenderPolicy): (frame: WebFrameMain | null) => boolean {
  return (frame) => {
    if (!frame || frame.detached || frame.parent !== null) return false
    const origin = originOf(frame.url)
    if (origin === null || !policy.origins.includes(origin)) return false
    return policy.topFrames().some((top) => top.processId === frame.processId && top.routingId === frame.routingId)
  }
}

/** Pushes a core event to one renderer; a closed window is skipped silently. */
export function sendEvent(contents: Pick<WebContents, 'send' | 'isDestroyed'>, event: EventChannel, payload: unknown): void {
  if (contents.isDestroyed()) return
  contents.send(EVENT_IPC_CHANNEL, { event, payload })
}
