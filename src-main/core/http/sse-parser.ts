// An incremental parser for server-sent events (the WHATWG "text/event-stream"
// format). Text arrives in arbitrary network pieces, so nothing here assumes a
// chunk holds whole lines or whole events: a line ends at CR, LF or CRLF (a
// CRLF split between two chunks counts once), a blank line ends an event.
// What it holds is bounded: one event's data plus the unfinished line may not
// exceed `maxEventChars`, so a stream without separators fails with
// `too-large` instead of growing main's memory.
import { FlotillaError } from '../../shared/errors'

export interface SseEvent {
  /** The `event:` field, `message` when the event named none. */
  readonly event: string
  /** The `data:` lines joined with LF. */
  readonly data: string
}

export interface SseParserOptions {
  readonly onEvent: (event: SseEvent) => void
  /** Most characters one event (its data and the line being read) may hold. Default 1 MiB. */
  readonly maxEventChars?: number
  /** For the error message. */
  readonly accountId?: string
}

export interface SseParser {
  /**
   * Feeds the next piece: text, or bytes decoded as UTF-8 (a character split
   * across pieces is kept until its last byte arrives). Throws
   * FlotillaError('too-large') past the cap.
   */
  push(chunk: string | Uint8Array): void
}

export const DEFAULT_MAX_SSE_EVENT_CHARS = 1024 * 1024

const LF = 10
const CR = 13

export function createSseParser(options: SseParserOptions): SseParser {
  const max = options.maxEventChars ?? DEFAULT_MAX_SSE_EVENT_CHARS
  let partial = ''
  let skipLeadingLf = false
  let eventName = ''
  let data: string[] = []
  let dataChars = 0
  // One per parser: a handler may feed another parser while this one is mid-chunk.
  const lineEnd = /[\r\n]/g

  const tooLarge = (): FlotillaError =>
    new FlotillaError('too-large', `The console stream sent an event larger than ${Math.round(max / 1024)} KiB; it was closed.`, {
      ...(options.accountId !== undefined ? { accountId: options.accountId } : {})
    })

  function dispatch(): void {
    if (data.length > 0) options.onEvent({ event: eventName || 'message', data: data.join('\n') })
    eventName = ''
    data = []
    dataChars = 0
  }

  function line(text: string): void {
    if (text === '') return dispatch()
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') eventName = value
    else if (field === 'data') {
      data.push(value)
      dataChars += value.length + 1
      if (dataChars > max) throw tooLarge()
    }
    // `id` and `retry` are not used: Flotilla reconnects by opening a fresh console.
  }

  const decoder = new TextDecoder()

  return {
    push(chunk: string | Uint8Array): void {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      let start = 0
      if (skipLeadingLf && text.length > 0) {
        if (text.charCodeAt(0) === LF) start = 1
        skipLeadingLf = false
      }
      lineEnd.lastIndex = start
      for (let m = lineEnd.exec(text); m !== null; m = lineEnd.exec(text)) {
        const end = m.index
        const whole = partial + text.slice(start, end)
        partial = ''
        start = end + 1
        if (text.charCodeAt(end) === CR) {
          if (start < text.length) {
            if (text.charCodeAt(start) === LF) start++
          } else {
            // The LF of a CRLF may come in the next chunk.
            skipLeadingLf = true
          }
        }
        lineEnd.lastIndex = start
        line(whole)
      }
      partial += text.slice(start)
      if (partial.length + dataChars > max) throw tooLarge()
    }
  }
}
