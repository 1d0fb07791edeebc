// A tiny RFB 3.8 server for tests that need to see exactly which keys a client
// sent: security "None", a 16×16 framebuffer in one colour, the QEMU extended
// key event pseudo-encoding offered (so noVNC sends scancodes as it would to
// QEMU), and every key event recorded. Served over wss:// with the given
// certificate so it stands where a panel's websockify would.
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export interface RecordedKey {
  readonly keysym: number
  readonly down: boolean
  /** The XT scancode when the client sent a QEMU extended key event, else null. */
  readonly scancode: number | null
}

export interface RecordingRfbServer {
  readonly url: string
  readonly keys: RecordedKey[]
  readonly desktopName: string
  close(): Promise<void>
}

const WIDTH = 16
const HEIGHT = 16
const QEMU_EXTENDED_KEY_EVENT = -258

export async function startRecordingRfbServer(tls: { cert: Buffer; key: Buffer }, desktopName = 'Recorder'): Promise<RecordingRfbServer> {
  const server: Server = createServer({ cert: tls.cert, key: tls.key })
  const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false) })
  const keys: RecordedKey[] = []
  wss.on('connection', (ws) => serveRfb(ws, desktopName, keys))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `wss://127.0.0.1:${port}/`,
    keys,
    desktopName,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  }
}

type Phase = 'version' | 'security' | 'init' | 'normal'

function serveRfb(ws: WebSocket, name: string, keys: RecordedKey[]): void {
  let phase: Phase = 'version'
  let buffer = Buffer.alloc(0)
  let sentExtendedKeys = false
  ws.send(Buffer.from('RFB 003.008\n'))
  ws.on('message', (data: Buffer) => {
    buffer = Buffer.concat([buffer, data])
    for (;;) {
      const used = step()
      if (used === 0) return
      buffer = buffer.subarray(used)
    }
  })

  /** Consumes one complete client message from `buffer`; 0 when more bytes are needed. */
  function step(): number {
    if (phase === 'version') {
      if (buffer.length < 12) return 0
      phase = 'security'
      ws.send(Buffer.from([1, 1])) // one security type: None
      return 12
    }
    if (phase === 'security') {
      if (buffer.length < 1) return 0
      phase = 'init'
      ws.send(Buffer.from([0, 0, 0, 0])) // SecurityResult OK
      return 1
    }
    if (phase === 'init') {
      if (buffer.length < 1) return 0
      phase = 'normal'
      ws.send(serverInit(name))
      return 1
    }
    return clientMessage()
  }

  function clientMessage(): number {
    if (buffer.length < 1) return 0
    const type = buffer[0]!
    switch (type) {
      case 0: // SetPixelFormat
        return buffer.length >= 20 ? 20 : 0
      case 2: {
        // SetEncodings
        if (buffer.length < 4) return 0
        const length = 4 + 4 * buffer.readUInt16BE(2)
        return buffer.length >= length ? length : 0
      }
      case 3: // FramebufferUpdateRequest
        if (buffer.length < 10) return 0
        if (buffer[1] === 0 || !sentExtendedKeys) {
          ws.send(framebufferUpdate(!sentExtendedKeys))
          sentExtendedKeys = true
        }
        return 10
      case 4: // KeyEvent
        if (buffer.length < 8) return 0
        keys.push({ down: buffer[1] === 1, keysym: buffer.readUInt32BE(4), scancode: null })
        return 8
      case 5: // PointerEvent
        return buffer.length >= 6 ? 6 : 0
      case 6: {
        // ClientCutText
        if (buffer.length < 8) return 0
        const length = 8 + buffer.readUInt32BE(4)
        return buffer.length >= length ? length : 0
      }
      case 255: // QEMU client message; subtype 0 = extended key event
        if (buffer.length < 12) return 0
        keys.push({ down: buffer.readUInt16BE(2) === 1, keysym: buffer.readUInt32BE(4), scancode: buffer.readUInt32BE(8) })
        return 12
      default:
        // An unknown message cannot be skipped safely: end the session loudly.
        ws.close(1002, `unknown client message ${type}`)
        return 0
    }
  }
}

function serverInit(name: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8')
  const out = Buffer.alloc(24 + nameBytes.length)
  out.writeUInt16BE(WIDTH, 0)
  out.writeUInt16BE(HEIGHT, 2)
  // 32 bpp, depth 24, little-endian, true colour, max 255 each, shifts 16/8/0.
  Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]).copy(out, 4)
  out.writeUInt32BE(nameBytes.length, 20)
  nameBytes.copy(out, 24)
  return out
}

/** One raw rectangle of the whole screen (mid grey), preceded once by the QEMU extended-key pseudo-rectangle. */
function framebufferUpdate(withExtendedKeys: boolean): Buffer {
  const rects: Buffer[] = []
  if (withExtendedKeys) rects.push(rectHeader(0, 0, 0, 0, QEMU_EXTENDED_KEY_EVENT))
  rects.push(rectHeader(0, 0, WIDTH, HEIGHT, 0), Buffer.alloc(WIDTH * HEIGHT * 4, 0x80))
  const head = Buffer.alloc(4)
  head[0] = 0
  head.writeUInt16BE(withExtendedKeys ? 2 : 1, 2)
  return Buffer.concat([head, ...rects])
}

function rectHeader(x: number, y: number, w: number, h: number, encoding: number): Buffer {
  const out = Buffer.alloc(12)
  out.writeUInt16BE(x, 0)
  out.writeUInt16BE(y, 2)
  out.writeUInt16BE(w, 4)
  out.writeUInt16BE(h, 6)
  out.writeInt32BE(encoding, 8)
  return out
}
