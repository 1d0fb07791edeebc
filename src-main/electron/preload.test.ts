// The preload (src-main/preload.ts) against a fake contextBridge and ipcRenderer:
// it must expose exactly the contract's surface and nothing of Electron.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { EVENT_CHANNELS, EVENT_IPC_CHANNEL, INVOKE_CHANNELS } from '../shared/ipc-channels'

const electron = await vi.hoisted(async () => {
  // A real emitter, so listeners are added and removed the way ipcRenderer does it.
  const { EventEmitter } = await import('node:events')
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }))
  })
  return {
    ipcRenderer,
    contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() }
  }
})
vi.mock('electron', () => electron)

type Api = Record<string, unknown> & {
  on(event: string, listener: (payload: unknown) => void): () => void
}
let api: Api

beforeAll(async () => {
  await import('../preload')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!
  expect(key).toBe('flotilla')
  api = exposed as Api
})

function namespaces(): string[] {
  return [...new Set(INVOKE_CHANNELS.map((c) => c.split('.')[0]!))]
}

describe('preload', () => {
  it('exposes one key per contract namespace plus `on`, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...namespaces(), 'on'].sort())
  })

  it('exposes exactly the contract methods in each namespace, all functions', () => {
    for (const ns of namespaces()) {
      const expected = INVOKE_CHANNELS.filter((c) => c.startsWith(`${ns}.`)).map((c) => c.slice(ns.length + 1))
      const space = api[ns] as Record<string, unknown>
      expect(Object.keys(space).sort(), ns).toEqual(expected.sort())
      for (const m of expected) expect(typeof space[m], `${ns}.${m}`).toBe('function')
    }
  })

  it('never exposes ipcRenderer or any of its methods', () => {
    const seen = new Set<unknown>()
    const visit = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return
      seen.add(value)
      expect(value).not.toBe(electron.ipcRenderer)
      expect(value).not.toBe(electron.ipcRenderer.invoke)
      expect(value).not.toBe(electron.ipcRenderer.on)
      if (typeof value === 'object') for (const v of Object.values(value)) visit(v)
    }
    visit(api)
  })

  it('invokes the matching IPC channel with the one input argument', async () => {
    const settings = api.settings as { set(input: unknown): Promise<unknown> }
    const result = await settings.set({ theme: 'dark' })
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('settings.set', { theme: 'dark' })
    expect(result).toEqual({ ok: true, value: { channel: 'settings.set', input: { theme: 'dark' } } })
  })

  it('delivers only the payload of the subscribed event, never the IPC event object', () => {
    const listener = vi.fn()
    const off = api.on('fleet.changed', listener)
    const ipcEvent = { sender: 'secret ipc internals' }
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, { event: 'accounts.changed', payload: ['a'] })
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, 'malformed')
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, { event: 'fleet.changed', payload: { servers: 1 } })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledWith({ servers: 1 })
    off()
  })

  it('unsubscribing removes the IPC listener', () => {
    const before = electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)
    const listener = vi.fn()
    const off = api.on(EVENT_CHANNELS[0], listener)
    expect(electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(before + 1)
    off()
    expect(electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(before)
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, {}, { event: EVENT_CHANNELS[0], payload: 1 })
    expect(listener).not.toHaveBeenCalled()
  })

  it('holds one IPC listener however many subscriptions the page makes (no leak warning past ten), and drops it with the last', () => {
    const received: Array<[string, unknown]> = []
    const offs = Array.from({ length: 3 * EVENT_CHANNELS.length }, (_, i) => {
      const event = EVENT_CHANNELS[i % EVENT_CHANNELS.length]!
      return api.on(event, (payload) => received.push([event, payload]))
    })
    expect(electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(1)
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, {}, { event: 'fleet.delta', payload: 7 })
    expect(received).toEqual([
      ['fleet.delta', 7],
      ['fleet.delta', 7],
      ['fleet.delta', 7]
    ])
    offs.forEach((off) => off())
    expect(electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(0)
  })

  it('lets a listener unsubscribe while an event is being delivered, and the same function subscribe twice', () => {
    const calls: string[] = []
    const same = () => calls.push('same')
    const offSame1 = api.on('jobs.progress', same)
    const offSame2 = api.on('jobs.progress', same)
    const offSelf: () => void = api.on('jobs.progress', () => {
      calls.push('once')
      offSelf()
    })
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, {}, { event: 'jobs.progress', payload: null })
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, {}, { event: 'jobs.progress', payload: null })
    expect(calls).toEqual(['same', 'same', 'once', 'same', 'same'])
    offSame1()
    offSame1()
    electron.ipcRenderer.emit(EVENT_IPC_CHANNEL, {}, { event: 'jobs.progress', payload: null })
    expect(calls.filter((c) => c === 'same')).toHaveLength(5)
    offSame2()
    expect(electron.ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(0)
  })

  it('refuses unknown events', () => {
    expect(() => api.on('system.exec', () => undefined)).toThrow(TypeError)
  })

  it('imports nothing but electron and the schema-free shared modules (sandbox-safe)', () => {
    const source = readFileSync(fileURLToPath(new URL('../preload.ts', import.meta.url)), 'utf8')
    const imports = [...source.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1])
    expect(imports.sort()).toEqual(['./shared/bridge', './shared/ipc-channels', 'electron'])
  })
})
