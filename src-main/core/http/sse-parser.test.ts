// The SSE parser against what a network really does: events cut at every byte
// position (inside a multi-byte character, between the CR and LF of a CRLF),
// all three line endings, and streams that never end an event.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FlotillaError } from '../../shared/errors'
import { createSseParser, type SseEvent } from './sse-parser'

function parseChunks(chunks: ReadonlyArray<string | Uint8Array>, maxEventChars?: number): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser({ onEvent: (e) => events.push(e), ...(maxEventChars !== undefined ? { maxEventChars } : {}) })
  for (const chunk of chunks) parser.push(chunk)
  return events
}

const STREAM_LF = 'event: status\ndata: {"state":"running"}\n\nevent: console\ndata: {"line":"Grüße 🚀"}\n\ndata: two\ndata: lines\n\n'
const EXPECTED: SseEvent[] = [
  { event: 'status', data: '{"state":"running"}' },
  { event: 'console', data: '{"line":"Grüße 🚀"}' },
  { event: 'message', data: 'two\nlines' }
]
const withEndings = (eol: string): string => STREAM_LF.replace(/\n/g, eol)

describe('createSseParser', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r']
  ])('reads a stream framed with %s', (_name, eol) => {
    expect(parseChunks([withEndings(eol)])).toEqual(EXPECTED)
  })

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r']
  ])('gives the same events however the %s stream is cut in two, at every byte', (_name, eol) => {
    const bytes = new TextEncoder().encode(withEndings(eol))
    for (let cut = 0; cut <= bytes.length; cut++) {
      const events = parseChunks([bytes.subarray(0, cut), bytes.subarray(cut)])
      expect(events, `cut at byte ${cut}`).toEqual(EXPECTED)
    }
  })

  it('gives the same events when every byte arrives on its own', () => {
    const bytes = new TextEncoder().encode(withEndings('\r\n'))
    expect(parseChunks([...bytes].map((b) => Uint8Array.of(b)))).toEqual(EXPECTED)
  })

  it('a CRLF cut between CR and LF is one line end, not a blank line that ends the event', () => {
    // Were the LF read as a second line end, "data: a" would be dispatched alone.
    expect(parseChunks(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([{ event: 'message', data: 'a\nb' }])
  })

  it('gives the same events for any cutting into any number of pieces (property)', () => {
    const all = [withEndings('\n'), withEndings('\r\n'), withEndings('\r'), 'event:console\r\ndata:x\n\rdata: y\r\r']
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.array(fc.nat(), { maxLength: 12 }), (stream, cutsRaw) => {
        const bytes = new TextEncoder().encode(stream)
        const cuts = [...new Set(cutsRaw.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
        const pieces: Uint8Array[] = []
        let from = 0
        for (const cut of [...cuts, bytes.length]) {
          pieces.push(bytes.subarray(from, cut))
          from = cut
        }
        expect(parseChunks(pieces)).toEqual(parseChunks([stream]))
      })
    )
  })

  it('skips comments, ignores id/retry, strips one space after the colon and keeps a field without a colon', () => {
    expect(parseChunks([': keep-alive\nid: 7\nretry: 10\ndata:  two spaces\ndata\n\n'])).toEqual([
      { event: 'message', data: ' two spaces\n' }
    ])
  })

  it('an event with no data is not dispatched, and its name does not leak into the next event', () => {
    expect(parseChunks(['event: stats\n\ndata: plain\n\n'])).toEqual([{ event: 'message', data: 'plain' }])
  })

  it('an unfinished event at the end of the stream is not dispatched', () => {
    expect(parseChunks(['data: complete\n\ndata: half'])).toEqual([{ event: 'message', data: 'complete' }])
  })

  it('a line that never ends fails with too-large once it passes the cap', () => {
    const parser = createSseParser({ onEvent: () => undefined, maxEventChars: 1000 })
    parser.push('data: ' + 'x'.repeat(900))
    let thrown: unknown
    try {
      for (let i = 0; i < 10; i++) parser.push('x'.repeat(50))
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(FlotillaError)
    expect((thrown as FlotillaError).code).toBe('too-large')
  })

  it('an event whose data lines never end with a blank line fails with too-large', () => {
    const parser = createSseParser({ onEvent: () => undefined, maxEventChars: 1000 })
    expect(() => {
      for (let i = 0; i < 100; i++) parser.push('data: ' + 'y'.repeat(20) + '\n')
    }).toThrow(expect.objectContaining({ code: 'too-large' }))
  })

  it('the cap is per event: many events below it pass', () => {
    const events = parseChunks(Array.from({ length: 200 }, () => 'data: ' + 'z'.repeat(500) + '\n\n'), 1000)
    expect(events).toHaveLength(200)
  })
})
