import { describe, expect, it } from 'vitest'
import { planKeystrokes, typeKeystrokes } from './paste-keys'

describe('planKeystrokes', () => {
  it('maps capitals and shifted punctuation to their US key with Shift, and newline/tab to Enter/Tab', () => {
    const { strokes, untypable } = planKeystrokes('aZ9?\r\n\t')
    expect(strokes.map((s) => [s.code, s.shift, s.keysym])).toEqual([
      ['KeyA', false, 0x61],
      ['KeyZ', true, 0x5a],
      ['Digit9', false, 0x39],
      ['Slash', true, 0x3f],
      ['Enter', false, 0xff0d],
      ['Tab', false, 0xff09]
    ])
    expect(untypable).toEqual([])
  })

  it('lists characters it cannot type, once each', () => {
    expect(planKeystrokes('ü€ü ok').untypable).toEqual(['ü', '€'])
  })
})

describe('typeKeystrokes', () => {
  it('stops when cancelled and reports how far it got', async () => {
    const sent: Array<[number, boolean]> = []
    const abort = new AbortController()
    const typed = await typeKeystrokes((keysym, _code, down) => sent.push([keysym, down]), planKeystrokes('abc').strokes, {
      delayMs: 1,
      signal: abort.signal,
      onProgress: (n) => n === 2 && abort.abort()
    })
    expect(typed).toBe(2)
    expect(sent).toEqual([
      [0x61, true],
      [0x61, false],
      [0x62, true],
      [0x62, false]
    ])
  })
})
