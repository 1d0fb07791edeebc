// Real console peers for tests and benchmarks: QEMU (TCG, no disk — SeaBIOS
// draws "No bootable device" on a 720×400 VGA text screen) with a VNC password,
// behind websockify speaking TLS with a throw-away self-signed certificate, the
// way a panel hands out `wss://host/vnc/?token=…`. Tokens are single-use like a
// real panel's: each ticket is a file in websockify's token directory, deleted
// by a TokenFile subclass on first lookup, so a reused ticket is refused.
//
//   const peer = await startVncPeer()
//   const url = peer.issueUrl()   // wss://127.0.0.1:PORT/vnc/?token=…
//   peer.password                 // the VNC password
//   await peer.stop()             // kills both process groups, removes the temp dir
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface TlsFiles {
  readonly dir: string
  readonly certPath: string
  readonly keyPath: string
  readonly cert: Buffer
  readonly key: Buffer
}

export interface VncPeer {
  readonly password: string
  /** websockify's TLS port on 127.0.0.1. */
  readonly port: number
  readonly tls: TlsFiles
  /** A fresh single-use console URL. */
  issueUrl(): string
  /** Tokens issued so far, in order. */
  readonly issued: readonly string[]
  stop(): Promise<void>
}

export interface VncPeerOptions {
  readonly password?: string
}

const SINGLE_USE_PLUGIN = `
import os
from websockify.token_plugins import TokenFile

class SingleUseTokenFile(TokenFile):
    """A ticket works once: its file is removed on the first lookup."""
    def lookup(self, token):
        target = super().lookup(token)
        if target is None:
            return None
        try:
            os.unlink(os.path.join(self.source, os.path.basename(token)))
        except FileNotFoundError:
            return None
        return target
`

const run = promisify(execFile)

/** A self-signed certificate for 127.0.0.1 / localhost, made by openssl in a new temp dir. */
export async function makeSelfSignedCert(): Promise<TlsFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-tls-'))
  const certPath = join(dir, 'cert.pem')
  const keyPath = join(dir, 'key.pem')
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'
  ])
  return { dir, certPath, keyPath, cert: await readFile(certPath), key: await readFile(keyPath) }
}

export async function startVncPeer(options: VncPeerOptions = {}): Promise<VncPeer> {
  const password = options.password ?? randomBytes(6).toString('hex')
  const tls = await makeSelfSignedCert()
  const tokensDir = join(tls.dir, 'tokens')
  await mkdir(tokensDir)
  await writeFile(join(tls.dir, 'single_use.py'), SINGLE_USE_PLUGIN)
  const children: ChildProcess[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(killGroup))
    await rm(tls.dir, { recursive: true, force: true })
  }
  try {
    const vncPort = await freeVncPort()
    children.push(startQemu(vncPort - 5900, password))
    const port = await freePort()
    children.push(
      spawnGroup('websockify', ['--cert', tls.certPath, '--key', tls.keyPath, '--ssl-only', '--token-plugin', 'single_use.SingleUseTokenFile', '--token-source', tokensDir, `127.0.0.1:${port}`], {
        PYTHONPATH: tls.dir
      })
    )
    await Promise.all([waitForPort(vncPort, children[0]!), waitForPort(port, children[1]!)])
    const issued: string[] = []
    return {
      password,
      port,
      tls,
      issued,
      issueUrl() {
        const token = randomBytes(12).toString('hex')
        issued.push(token)
        // Written synchronously: the URL is handed out only once its ticket exists.
        writeFileSync(join(tokensDir, token), `${token}: 127.0.0.1:${vncPort}\n`)
        return `wss://127.0.0.1:${port}/vnc/?token=${token}`
      },
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function startQemu(display: number, password: string): ChildProcess {
  return spawnGroup('qemu-system-x86_64', [
    '-machine', 'accel=tcg', '-m', '64', '-nodefaults', '-vga', 'std', '-display', 'none', '-monitor', 'none', '-serial', 'none',
    '-object', `secret,id=vncpw,data=${password}`, '-vnc', `127.0.0.1:${display},password-secret=vncpw`
  ])
}

/** Each peer in its own process group, so stopping it takes every child (websockify forks per connection). */
function spawnGroup(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000)
  })
  Object.defineProperty(child, 'lastStderr', { get: () => stderr })
  return child
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
  signalGroup(child.pid, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
  // websockify's per-connection children share the group; make sure none outlive it.
  signalGroup(child.pid, 'SIGKILL')
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((ok) => server.close(() => ok()))
  return port
}

/** A port 5900+N (N in 10–99) nothing listens on, as QEMU takes a display number. */
async function freeVncPort(): Promise<number> {
  const start = 10 + Math.floor(Math.random() * 90)
  for (let i = 0; i < 90; i++) {
    const port = 5900 + 10 + ((start - 10 + i) % 90)
    if (await isFree(port)) return port
  }
  throw new Error('no free VNC display between :10 and :99')
}

function isFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer()
    server.once('error', () => ok(false))
    server.listen(port, '127.0.0.1', () => server.close(() => ok(true)))
  })
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${child.spawnfile} exited (${child.exitCode}): ${(child as unknown as { lastStderr: string }).lastStderr}`)
    }
    if (await canConnect(port)) return
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error(`${child.spawnfile} did not listen on ${port} within ${timeoutMs} ms`)
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      ok(true)
    })
    socket.once('error', () => ok(false))
  })
}
