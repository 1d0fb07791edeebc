import { afterEach, describe, expect, it, vi } from 'vitest'
import { BATCH_BYTES, BATCH_MS, HIGH_WATER, LOW_WATER, OutputPump } from './output-pump'

afterEach(() => vi.useRealTimers())

function source() {
  return { paused: 0, resumed: 0, pause() { this.paused++ }, resume() { this.resumed++ } }
}

describe('OutputPump', () => {
  it('batches small chunks for BATCH_MS and big ones at BATCH_BYTES, in order, nothing lost', () => {
    vi.useFakeTimers()
    const sent: Buffer[] = []
    const pump = new OutputPump((c) => sent.push(c))
    pump.push(Buffer.from('ab'))
    pump.push(Buffer.from('cd'))
    expect(sent).toHaveLength(0)
    vi.advanceTimersByTime(BATCH_MS)
    expect(sent.map(String)).toEqual(['abcd'])
    pump.push(Buffer.alloc(BATCH_BYTES, 1))
    expect(sent).toHaveLength(2)
  })

  it('pauses the stream above the high-water mark of unacked bytes and resumes below the low one', () => {
    const src = source()
    let total = 0
    const pump = new OutputPump((c) => (total += c.length))
    pump.attach(src)
    while (pump.unackedBytes <= HIGH_WATER) pump.push(Buffer.alloc(BATCH_BYTES))
    expect(src.paused).toBe(1)
    expect(pump.isPaused).toBe(true)
    pump.ack(pump.unackedBytes - LOW_WATER)
    expect(src.resumed).toBe(0)
    pump.ack(1)
    expect(src.resumed).toBe(1)
    expect(total).toBeGreaterThan(HIGH_WATER)
  })
})
