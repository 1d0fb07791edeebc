// Runs in the browser page served by the web harness, before the app's own
// scripts: defines `window.flotilla` over a WebSocket to the harness, built by the
// same `buildBridge` the Electron preload uses, so the renderer cannot tell the two apart.
import { buildBridge, type BridgeTransport } from '../../src-main/shared/bridge'
import type { EventChannel } from '../../src-main/shared/ipc-channels'

type ServerMessage = { id: number; result: unknown } | { event: EventChannel; payload: unknown }

function harnessToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token')
  if (fromUrl) sessionStorage.setItem('flotilla-harness-token', fromUrl)
  return fromUrl ?? sessionStorage.getItem('flotilla-harness-token') ?? ''
}

function connect(): BridgeTransport {
  const socket = new WebSocket(`ws://${location.host}/__harness/ws?token=${encodeURIComponent(harnessToken())}`)
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true })
    socket.addEventListener('error', () => reject(new Error('harness bridge unreachable')), { once: true })
  })
  const pending = new Map<number, (result: unknown) => void>()
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  let nextId = 1

  socket.addEventListener('message', (msg) => {
    const data = JSON.parse(String(msg.data)) as ServerMessage
    if ('id' in data) {
      pending.get(data.id)?.(data.result)
      pending.delete(data.id)
    } else {
      listeners.get(data.event)?.forEach((l) => l(data.payload))
    }
  })
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'offline', message: 'The harness connection closed.' } })
    }
    pending.clear()
  })

  return {
    async invoke(channel, input) {
      await opened
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.send(JSON.stringify({ id, channel, input }))
      })
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
}

;(window as unknown as { flotilla: unknown }).flotilla = buildBridge(connect())
