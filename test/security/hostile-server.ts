// A provider that attacks its client: raw HTTP/1.1 on a TCP socket, so it can
// send what a well-behaved server library would refuse to — endless bodies and
// headers, a gzip bomb, a body dripped a byte at a time, redirects to another
// host, echoed credentials, invalid UTF-8. Every request is recorded (path and
// headers), so a test can prove a second host never received the key.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'

export interface SeenRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
}

export type Behaviour = (socket: Socket, req: SeenRequest) => void

export interface HostileServer {
  readonly url: string
  readonly seen: SeenRequest[]
  /** Chooses the behaviour for a request; falls back to a JSON 404. */
  route(match: (req: SeenRequest) => boolean, behaviour: Behaviour): void
  close(): Promise<void>
}

export async function startHostileServer(): Promise<HostileServer> {
  const seen: SeenRequest[] = []
  const routes: Array<{ match: (req: SeenRequest) => boolean; behaviour: Behaviour }> = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let head = ''
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      const req = parseHead(head.slice(0, end))
      seen.push(req)
      const route = routes.find((r) => r.match(req))
      if (route) route.behaviour(socket, req)
      else respond(socket, 404, { error: 'not found' })
    }
    socket.on('data', onData)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    route: (match, behaviour) => routes.unshift({ match, behaviour }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

function parseHead(text: string): SeenRequest {
  const [first = '', ...lines] = text.split('\r\n')
  const [method = '', path = ''] = first.split(' ')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { method, path, headers }
}

export function respond(socket: Socket, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
  const lines = [`HTTP/1.1 ${status} X`, 'content-type: application/json', `content-length: ${bytes.length}`, 'connection: close']
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`)
  socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  socket.end(bytes)
}

/** Writes `piece` for as long as the client reads, respecting backpressure so the server itself stays small. */
function pump(socket: Socket, piece: Buffer): void {
  const write = (): void => {
    while (!socket.destroyed && socket.write(piece)) {
      /* keep writing until the socket asks to wait */
    }
    if (!socket.destroyed) socket.once('drain', write)
  }
  write()
}

/** A 200 whose JSON body never ends (no length, no chunk end). */
export const endlessBody: Behaviour = (socket) => {
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"services":["')
  pump(socket, Buffer.alloc(64 * 1024, 'x'))
}

/** A 200 announcing and sending `bytes` bytes of JSON. */
export function hugeBody(bytes: number): Behaviour {
  return (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${bytes}\r\nconnection: close\r\n\r\n`)
    let left = bytes
    const piece = Buffer.alloc(64 * 1024, ' ')
    const write = (): void => {
      while (left > 0 && !socket.destroyed) {
        const n = Math.min(left, piece.length)
        left -= n
        if (!socket.write(piece.subarray(0, n))) return void socket.once('drain', write)
      }
      socket.end()
    }
    write()
  }
}

let bomb: Promise<Buffer> | undefined
/** 1 GiB of zeros gzipped (about 1 MiB), made once per test run. */
export function gzipBomb(): Promise<Buffer> {
  bomb ??= new Promise<Buffer>((resolve, reject) => {
    const gzip = createGzip({ level: 1 })
    const parts: Buffer[] = []
    gzip.on('data', (c: Buffer) => parts.push(c))
    gzip.on('end', () => resolve(Buffer.concat(parts)))
    gzip.on('error', reject)
    const zeros = Buffer.alloc(1024 * 1024)
    let i = 0
    const write = (): void => {
      while (i < 1024) {
        i++
        if (!gzip.write(zeros)) return void gzip.once('drain', write)
      }
      gzip.end()
    }
    write()
  })
  return bomb
}

export function gzipBody(compressed: Buffer): Behaviour {
  return (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: ${compressed.length}\r\nconnection: close\r\n\r\n`)
    socket.end(compressed)
  }
}

/** Headers at once, then one body byte every `everyMs` (a slow drip that never trips an idle timer). */
export function drip(everyMs: number): Behaviour {
  return (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\nconnection: close\r\n\r\n')
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(' ')), everyMs)
    socket.on('close', () => clearInterval(timer))
  }
}

/** A status line, then header lines for ever. */
export const endlessHeaders: Behaviour = (socket) => {
  socket.write('HTTP/1.1 200 OK\r\n')
  pump(socket, Buffer.from(`x-filler: ${'a'.repeat(1000)}\r\n`))
}

/** A status line, then one header byte every `everyMs`. */
export function drippedHeaders(everyMs: number): Behaviour {
  return (socket) => {
    socket.write('HTTP/1.1 200 OK\r\nx-slow: ')
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('a')), everyMs)
    socket.on('close', () => clearInterval(timer))
  }
}

export function redirectTo(location: string, status = 302): Behaviour {
  return (socket) => respond(socket, status, { moved: true }, { location })
}

/** An SSE answer: `text` as is, then the connection stays open. */
export function sse(text: string | Buffer): Behaviour {
  return (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n')
    socket.write(text)
  }
}

/** An SSE answer that sends data lines for ever and never a blank line. */
export const endlessSseEvent: Behaviour = (socket) => {
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n')
  pump(socket, Buffer.from(`data: ${'z'.repeat(4000)}\n`))
}
