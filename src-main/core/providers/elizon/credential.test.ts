import { describe, expect, it } from 'vitest'
import { FlotillaError } from '../../../shared/errors'
import { normaliseElizonKey } from './elizon-adapter'

describe('normaliseElizonKey', () => {
  it.each([
    ['a bare key', 'ek_live_8f3a9c2d1b', 'ek_live_8f3a9c2d1b'],
    ['surrounding whitespace and newline', '  ek_live_8f3a9c2d1b\n', 'ek_live_8f3a9c2d1b'],
    ['an x-api-key: header', 'x-api-key: ek_live_8f3a9c2d1b', 'ek_live_8f3a9c2d1b'],
    ['a header in other case without space', 'X-API-KEY:ek_live_8f3a9c2d1b', 'ek_live_8f3a9c2d1b'],
    ['a quoted header from a curl command', '"x-api-key: ek_live_8f3a9c2d1b"', 'ek_live_8f3a9c2d1b'],
    ['a quoted key', "'ek_live_8f3a9c2d1b'", 'ek_live_8f3a9c2d1b']
  ])('%s', (_name, raw, key) => {
    expect(normaliseElizonKey(raw)).toBe(key)
  })

  it.each([
    ['empty', ''],
    ['only the header name', 'x-api-key:'],
    ['whitespace inside', 'ek_live 8f3a9c2d1b'],
    ['a line break inside', 'ek_live\n8f3a9c2d1b']
  ])('rejects %s with a validation error that does not repeat the input', (_name, raw) => {
    let caught: unknown
    try {
      normaliseElizonKey(raw)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(FlotillaError)
    const e = caught as FlotillaError
    expect(e.code).toBe('validation')
    expect(e.message).toMatch(/API key/)
    if (raw.trim() !== '') expect(e.message).not.toContain('8f3a9c2d1b')
  })
})
