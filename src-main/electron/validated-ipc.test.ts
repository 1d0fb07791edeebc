import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../core/ipc/dispatch'
import type { HandlerTable } from '../shared/contract'
import { EVENT_IPC_CHANNEL, INVOKE_CHANNELS } from '../shared/ipc-channels'
import { APP_ENTRY_URL, APP_ORIGIN } from './origins'
import { bindIpc, createTrustedSenderCheck, sendEvent } from './validated-ipc'

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

/** Electron's ipcMain at its edge: a registry of handlers we can call like Electron would. */
class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>()
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(channel: string, senderFrame: WebFrameMain | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`))
    return listener({ senderFrame } as IpcMainInvokeEvent, ...args)
  }
}

interface FakeFrame {
  url: string
  parent: FakeFrame | null
  detached: boolean
  processId: number
  routingId: number
}

function frame(overrides: Partial<FakeFrame> = {}): WebFrameMain {
  const f: FakeFrame = { url: APP_ENTRY_URL, parent: null, detached: false, processId: 4, routingId: 1, ...overrides }
  return f as unknown as WebFrameMain
}

function handlerTable() {
  const calls: Array<[string, unknown]> = []
  const table = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      vi.fn(async (input: unknown) => {
        calls.push([channel, input])
        return { echoed: input }
      })
    ])
  ) as unknown as HandlerTable
  return { table, calls }
}

function setup(isTrustedSender: (frame: WebFrameMain | null) => boolean = () => true) {
  const ipc = new FakeIpcMain()
  const { table, calls } = handlerTable()
  const logger = { warn: vi.fn() }
  const unbind = bindIpc(ipc as unknown as IpcMain, createDispatcher(table), { isTrustedSender, logger })
  return { ipc, calls, logger, unbind }
}

describe('bindIpc', () => {
  it('registers a handler for exactly the contract channels', () => {
    const { ipc } = setup()
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  it('never registers an unknown channel, so Electron itself refuses it', async () => {
    const { ipc } = setup()
    await expect(ipc.invoke('shell.exec', frame(), 'rm -rf /')).rejects.toThrow(/No handler registered/)
  })

  it('rejects a call from an untrusted sender without running the handler, and logs it', async () => {
    const { ipc, calls, logger } = setup(() => false)
    const result = await ipc.invoke('settings.set', frame({ url: 'https://evil.example/' }), { theme: 'dark' })
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } })
    expect(calls).toEqual([])
    expect(logger.warn).toHaveBeenCalledWith(
      'ipc call rejected: untrusted sender',
      expect.objectContaining({ channel: 'settings.set', origin: 'https://evil.example' })
    )
  })

  it('treats a sender check that throws (disposed frame) as untrusted', async () => {
    const { ipc, calls } = setup(() => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed')
    })
    const result = await ipc.invoke('app.info', frame())
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } })
    expect(calls).toEqual([])
  })

  it('answers an invalid payload with a validation error and does not run the handler', async () => {
    const { ipc, calls } = setup()
    const result = await ipc.invoke('settings.set', frame(), { theme: 'neon' })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect((result as { error: { issues: string[] } }).error.issues.join()).toMatch(/theme/)
    expect(calls).toEqual([])
  })

  it('rejects calls carrying more than the one input argument', async () => {
    const { ipc, calls } = setup()
    const result = await ipc.invoke('settings.set', frame(), { theme: 'dark' }, 'smuggled')
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } })
    expect(calls).toEqual([])
  })

  it('passes the parsed (trimmed, defaulted) input to the handler and wraps its answer', async () => {
    const { ipc, calls } = setup()
    const result = await ipc.invoke('accounts.verify', frame(), { provider: 'elizon', baseUrl: '', credential: '  key-123  ' })
    expect(calls).toEqual([['accounts.verify', { provider: 'elizon', baseUrl: undefined, credential: 'key-123' }]])
    expect(result).toEqual({ ok: true, value: { echoed: { provider: 'elizon', baseUrl: undefined, credential: 'key-123' } } })
  })

  it('hands the real sender frame to the trust check', async () => {
    const check = vi.fn(() => true)
    const { ipc } = setup(check)
    const sender = frame()
    await ipc.invoke('app.info', sender)
    expect(check).toHaveBeenCalledWith(sender)
  })

  it('unbind removes every handler', () => {
    const { ipc, unbind } = setup()
    unbind()
    expect(ipc.handlers.size).toBe(0)
  })
})

describe('createTrustedSenderCheck', () => {
  const ourTop = frame()
  const check = createTrustedSenderCheck({ origins: [APP_ORIGIN], topFrames: () => [ourTop] })

  it("trusts our window's top frame showing app://flotilla", () => {
    expect(check(frame())).toBe(true)
  })

  it('refuses no frame, iframes, detached frames and frames of other webContents', () => {
    expect(check(null)).toBe(false)
    expect(check(frame({ parent: ourTop as unknown as FakeFrame }))).toBe(false)
    expect(check(frame({ detached: true }))).toBe(false)
    expect(check(frame({ routingId: 99 }))).toBe(false)
    expect(check(frame({ processId: 99 }))).toBe(false)
  })

  it('refuses our top frame once it shows another origin', () => {
    expect(check(frame({ url: 'https://evil.example/index.html' }))).toBe(false)
    expect(check(frame({ url: 'app://other/index.html' }))).toBe(false)
    expect(check(frame({ url: 'file:///etc/passwd' }))).toBe(false)
    expect(check(frame({ url: 'not a url' }))).toBe(false)
  })

  it('trusts the dev server origin only when it is listed', () => {
    const devCheck = createTrustedSenderCheck({ origins: [APP_ORIGIN, 'http://localhost:5173'], topFrames: () => [ourTop] })
    expect(devCheck(frame({ url: 'http://localhost:5173/#/fleet' }))).toBe(true)
    expect(check(frame({ url: 'http://localhost:5173/#/fleet' }))).toBe(false)
  })
})

describe('sendEvent', () => {
  it('sends { event, payload } on the one event channel', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false }
    sendEvent(contents, 'fleet.changed', { servers: [] })
    expect(contents.send).toHaveBeenCalledWith(EVENT_IPC_CHANNEL, { event: 'fleet.changed', payload: { servers: [] } })
  })

  it('skips a destroyed webContents', () => {
    const contents = { send: vi.fn(), isDestroyed: () => true }
    sendEvent(contents, 'app.warning', {})
    expect(contents.send).not.toHaveBeenCalled()
  })
})
