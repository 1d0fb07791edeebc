// happy-dom has no canvas, so TerminalLog shows its role="log" list as the view
// (xterm.js is only loaded where it can draw; the e2e test covers that path).
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { reactive } from 'vue'
import TerminalLog from './TerminalLog.vue'

let wrapper: VueWrapper | undefined

afterEach(() => wrapper?.unmount())

function mountLog(lines: string[]): VueWrapper {
  wrapper = mount(TerminalLog, { props: { lines, label: 'Output of game-1' } })
  return wrapper
}

function logLines(w: VueWrapper): string[] {
  return w.get('[role="log"]').findAll('.line').map((l) => l.text())
}

describe('TerminalLog without a canvas', () => {
  it('shows the lines in a visible, focusable, polite log named by its label', () => {
    const w = mountLog(['[Server] starting', '[Server] ready'])
    const log = w.get('[role="log"]')
    expect(log.attributes('aria-label')).toBe('Output of game-1')
    expect(log.attributes('aria-live')).toBe('polite')
    expect(log.attributes('tabindex')).toBe('0')
    expect(log.classes()).not.toContain('visually-hidden')
    expect(logLines(w)).toEqual(['[Server] starting', '[Server] ready'])
    expect(w.find('.xterm').exists()).toBe(false)
  })

  it('shows lines appended to the array it was given', async () => {
    const lines = reactive<string[]>(['one'])
    const w = mountLog(lines)
    lines.push('two', 'three')
    await flushPromises()
    expect(logLines(w)).toEqual(['one', 'two', 'three'])
  })

  it('keeps only the last 200 lines in the log', () => {
    const w = mountLog(Array.from({ length: 250 }, (_, i) => `line ${i}`))
    const shown = logLines(w)
    expect(shown).toHaveLength(200)
    expect(shown[0]).toBe('line 50')
    expect(shown[199]).toBe('line 249')
  })
})
