// The one path builder: each value is one encoded segment; empty, dot segments,
// slashes, backslashes, percent signs, control characters and lone surrogates
// are refused as `validation` in words (issue 10, items 1 and 12).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FlotillaError } from '../../shared/errors'
import { pathOf, pathOrNull, pathSegment, segmentProblem } from './paths'

function refusal(value: string | number): FlotillaError {
  try {
    pathSegment(value)
  } catch (error) {
    if (error instanceof FlotillaError) return error
    throw error
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`)
}

describe('pathOf', () => {
  it('builds a path with each value as one encoded segment', () => {
    expect(pathOf`/services/${'clx1'}/backups/${'bkp_2'}`).toBe('/services/clx1/backups/bkp_2')
    expect(pathOf`/ssh-keys/${12}`).toBe('/ssh-keys/12')
    expect(pathOf`/tickets/${'a b+c?d#e'}/export`).toBe('/tickets/a%20b%2Bc%3Fd%23e/export')
    expect(pathOf`/services/${'x'}?timeframe=day`).toBe('/services/x?timeframe=day')
    expect(pathOf`/invoices/${'ünï'}`).toBe('/invoices/%C3%BCn%C3%AF')
    expect(pathOf`/balance`).toBe('/balance')
  })

  it.each([
    ['', 'it is empty'],
    ['.', 'it is a dot segment'],
    ['..', 'it is a dot segment'],
    ['a/b', 'it contains a slash or backslash'],
    ['a\\b', 'it contains a slash or backslash'],
    ['%2e%2e', 'it contains a percent sign'],
    ['a\u0000b', 'it contains a control character'],
    ['a\nb', 'it contains a control character'],
    ['\u007f', 'it contains a control character'],
    ['\u0085', 'it contains a control character'],
    ['\uD800', 'it contains a broken Unicode character (a lone surrogate)'],
    ['x\uDC00', 'it contains a broken Unicode character (a lone surrogate)']
  ])('refuses %j as validation: %s', (value, problem) => {
    const error = refusal(value)
    expect(error.code).toBe('validation')
    expect(error.message).toBe(`This id cannot be sent to the provider: ${problem}. Nothing was sent.`)
  })

  it('refuses numbers that are not whole non-negative ids', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) expect(refusal(n).code).toBe('validation')
  })

  it('accepts a pair of surrogates (one astral character)', () => {
    expect(pathSegment('a\uD83D\uDE00')).toBe('a%F0%9F%98%80')
  })

  it('refuses an interpolation that is not a whole segment (a bug in the caller)', () => {
    expect(() => pathOf`/services/x${'y'}`).toThrow(/not a whole path segment/)
    expect(() => pathOf`/services/${'y'}x`).toThrow(/not a whole path segment/)
    expect(() => pathOf`${'/services'}/x`).toThrow(/not a whole path segment/)
  })

  it('pathOrNull answers null for a bad value', () => {
    expect(pathOrNull`/products/${'vps'}/${'..'}`).toBeNull()
    expect(pathOrNull`/products/${'vps'}/${'small'}`).toBe('/products/vps/small')
  })

  it('property: any accepted value stays exactly one segment after URL parsing', () => {
    const tricky = fc.constantFrom('.', '..', '%2e%2e', '%2E.', '.%2e', 'a/b', '\\', '\u0000', '\uD800', '', '?', '#', ';', '..;', ' ')
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' })), (id) => {
        const base = 'https://api.example/api/services/s1/backups/'
        let path: string
        try {
          path = pathOf`/api/services/${'s1'}/backups/${id}/restore`
        } catch (error) {
          expect(error).toBeInstanceOf(FlotillaError)
          expect((error as FlotillaError).code).toBe('validation')
          expect(segmentProblem(id)).not.toBeNull()
          return
        }
        const url = new URL(path, base)
        const segments = url.pathname.split('/').slice(1)
        expect(segments).toHaveLength(6)
        expect(decodeURIComponent(segments[4]!)).toBe(id)
        expect(segments[5]).toBe('restore')
        expect(url.search).toBe('')
        expect(url.hash).toBe('')
      }),
      { numRuns: 2000 }
    )
  })
})
