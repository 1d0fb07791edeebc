// A real OpenSSH server for tests and benchmarks: /usr/sbin/sshd as a plain
// child process on 127.0.0.1 at a free port, with its own config, a throwaway
// host key and authorized_keys in a temp dir, plus a real ssh-agent.
//
// Password and keyboard-interactive logins need a real account with a
// password (sshd asks PAM). When running as root (this machine and CI) the
// peer creates a throwaway user with a random password and removes it on
// stop; otherwise it logs in as the current user with keys only, and
// `password` is null.
//
//   const peer = await startSshdPeer({ methods: ['password'] })
//   peer.port, peer.user, peer.password, peer.keyWithPassphrase, peer.agentSock
//   await peer.rotateHostKey()    // the server presents a different key
//   await peer.dropConnections()  // kill every session's sshd process
//   await peer.stop()
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer, connect, type AddressInfo } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type SshdMethod = 'password' | 'keyboard-interactive' | 'publickey'

export interface SshdPeer {
  readonly port: number
  readonly dir: string
  readonly user: string
  /** The throwaway user's password; null when not running as root. */
  readonly password: string | null
  /** A private key (file path) with this passphrase, in authorized_keys. */
  readonly keyWithPassphrase: { readonly path: string; readonly passphrase: string }
  /** A real ssh-agent holding another authorized key. */
  readonly agentSock: string
  /** The user's home (the shell starts there). */
  readonly home: string
  hostKeyFingerprint(): Promise<string>
  /** sshd's log so far (LogLevel DEBUG1: every userauth request is there). */
  log(): Promise<string>
  rotateHostKey(): Promise<void>
  dropConnections(): Promise<void>
  stop(): Promise<void>
}

export interface SshdPeerOptions {
  /** What sshd offers; default all three. */
  readonly methods?: readonly SshdMethod[]
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((ok) => server.close(() => ok()))
  return port
}

export async function startSshdPeer(options: SshdPeerOptions = {}): Promise<SshdPeer> {
  const methods = options.methods ?? ['password', 'keyboard-interactive', 'publickey']
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-sshd-'))
  await chmod(dir, 0o755)
  const home = join(dir, 'home')
  await mkdir(home, { mode: 0o755 })
  const account = await makeAccount(home)
  const hostKey = join(dir, 'host_key')
  await keygen(hostKey, '')
  const keyWithPassphrase = { path: join(dir, 'client_key'), passphrase: `pp-${randomBytes(6).toString('hex')}` }
  await keygen(keyWithPassphrase.path, keyWithPassphrase.passphrase)
  const agentKey = join(dir, 'agent_key')
  await keygen(agentKey, '')
  const authorized = join(dir, 'authorized_keys')
  await writeFile(authorized, (await readFile(`${keyWithPassphrase.path}.pub`, 'utf8')) + (await readFile(`${agentKey}.pub`, 'utf8')), { mode: 0o644 })

  const agentSock = join(dir, 'agent.sock')
  const agent = spawn('ssh-agent', ['-D', '-a', agentSock], { stdio: 'ignore', detached: true })
  await waitForPath(agentSock)
  await run('ssh-add', [agentKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSock } })

  const port = await freePort()
  const config = join(dir, 'sshd_config')
  await writeFile(config, sshdConfig({ dir, port, hostKey, authorized, methods }))
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 })
  const logPath = join(dir, 'sshd.log')
  let sshd = await startSshd(config, logPath, port)

  return {
    port,
    dir,
    home,
    user: account.user,
    password: account.password,
    keyWithPassphrase,
    agentSock,
    async hostKeyFingerprint() {
      const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])
      return stdout.split(/\s+/)[1]!
    },
    log: () => readFile(logPath, 'utf8').catch(() => ''),
    async rotateHostKey() {
      await stopProcess(sshd)
      await rm(hostKey, { force: true })
      await rm(`${hostKey}.pub`, { force: true })
      await keygen(hostKey, '')
      sshd = await startSshd(config, logPath, port)
    },
    async dropConnections() {
      for (const pid of await descendantsOf(sshd.pid!)) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    },
    async stop() {
      await stopProcess(sshd)
      try {
        process.kill(-agent.pid!, 'SIGTERM')
      } catch {
        // already gone
      }
      if (account.created) await run('userdel', [account.user]).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    }
  }
}

function sshdConfig(o: { dir: string; port: number; hostKey: string; authorized: string; methods: readonly SshdMethod[] }): string {
  const yes = (m: SshdMethod): string => (o.methods.includes(m) ? 'yes' : 'no')
  return [
    'ListenAddress 127.0.0.1',
    `Port ${o.port}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${join(o.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${o.authorized}`,
    // PAM carries password and keyboard-interactive logins; it needs root to check a password.
    `UsePAM ${process.getuid?.() === 0 ? 'yes' : 'no'}`,
    'StrictModes no',
    'PermitRootLogin yes',
    `PasswordAuthentication ${yes('password')}`,
    `KbdInteractiveAuthentication ${yes('keyboard-interactive')}`,
    `PubkeyAuthentication ${yes('publickey')}`,
    'MaxAuthTries 20',
    'LoginGraceTime 60',
    'LogLevel DEBUG1',
    'PrintMotd no',
    'AcceptEnv LANG LC_*',
    ''
  ].join('\n')
}

async function makeAccount(home: string): Promise<{ user: string; password: string | null; created: boolean }> {
  if (process.getuid?.() !== 0) return { user: userInfo().username, password: null, created: false }
  const user = `flt${randomBytes(4).toString('hex')}`
  const password = `Pw-${randomBytes(9).toString('base64url')}`
  await run('useradd', ['-M', '-d', home, '-s', '/bin/bash', user])
  const chpasswd = spawn('chpasswd', [], { stdio: ['pipe', 'ignore', 'inherit'] })
  chpasswd.stdin.end(`${user}:${password}\n`)
  await new Promise<void>((ok, fail) => chpasswd.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`chpasswd exited ${code}`)))))
  const { stdout } = await run('id', ['-u', user])
  await chown(home, Number(stdout.trim()), 0)
  return { user, password, created: true }
}

async function keygen(path: string, passphrase: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'flotilla-test', '-f', path])
}

async function startSshd(config: string, logPath: string, port: number): Promise<ChildProcess> {
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', logPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${stderr || (await readFile(logPath, 'utf8').catch(() => ''))}`)
    if (await canConnect(port)) return child
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error('sshd did not start listening')
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
  child.kill('SIGTERM')
  await exited
}

async function waitForPath(path: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (await readFile(path).then(() => true, (e: NodeJS.ErrnoException) => e.code !== 'ENOENT')) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${path} did not appear`)
}

/** Every process below `pid`: sshd forks a monitor per connection, which forks the user's side. */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    if (stat) parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
  }
  const out: number[] = []
  const isBelow = (p: number): boolean => {
    for (let up = parents.get(p); up !== undefined && up > 1; up = parents.get(up)) if (up === pid) return true
    return false
  }
  for (const p of parents.keys()) if (isBelow(p)) out.push(p)
  return out
}
