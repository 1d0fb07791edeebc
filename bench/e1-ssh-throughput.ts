// E1 — SSH throughput: `cat` of a 50 MB text file through Flotilla's terminal
// (ssh2 in main's real core, batched and flow-controlled output over the
// harness bridge, xterm in Chromium) until the end marker is rendered, against
// OpenSSH's own client `ssh host cat file > /dev/null` on the same sshd.
// Main's memory (this process runs the core) is sampled every 50 ms.
// Target: Flotilla's rate at least 0.5 of plain ssh's, main's memory bounded.
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startSshRig } from './support/ssh-rig'

/** FLOTILLA_E1_MB shrinks the file for a quick look; the figure reported is for 50 MB. */
const SIZE_MB = Number(process.env.FLOTILLA_E1_MB ?? 50)

export async function run(): Promise<object> {
  const rig = await startSshRig('e1')
  try {
    const file = join(rig.peer.home, 'big.txt')
    await writeFile(file, makeText(SIZE_MB * 1024 * 1024))
    const plainMs = await plainSsh(rig.peer.port, rig.peer.user, rig.peer.agentSock, file)
    const flow = watchFlow(rig)
    const memory = sampleMemory()
    const start = performance.now()
    await rig.page.keyboard.type(`cat ${file}; echo END-OF-""RUN`)
    await rig.page.keyboard.press('Enter')
    const deadline = Date.now() + 600_000
    // Done when main has sent the end marker and the renderer has acked every byte,
    // i.e. xterm's write callback has fired for all of it (parsed into its buffer).
    while (!flow.done()) {
      if (Date.now() > deadline) throw new Error('the cat never finished rendering')
      await new Promise((r) => setTimeout(r, 10))
    }
    const flotillaMs = performance.now() - start
    const marker = (await rig.screenText()).includes('END-OF-RUN')
    const mem = memory.stop()
    const flotillaMBps = SIZE_MB / (flotillaMs / 1000)
    const plainMBps = SIZE_MB / (plainMs / 1000)
    const ratio = Math.round((flotillaMBps / plainMBps) * 100) / 100
    return {
      id: 'E1',
      name: `cat of a ${SIZE_MB} MB file through the terminal until rendered vs ssh … cat > /dev/null`,
      flotillaMs: Math.round(flotillaMs),
      plainSshMs: Math.round(plainMs),
      flotillaMBps: Math.round(flotillaMBps * 10) / 10,
      plainSshMBps: Math.round(plainMBps * 10) / 10,
      ratio,
      mainRssBeforeMb: mem.beforeMb,
      mainRssPeakMb: mem.peakMb,
      mainHeapPeakMb: mem.heapPeakMb,
      maxUnackedKb: Math.round(flow.maxUnacked() / 1024),
      markerOnScreen: marker,
      target: 'ratio ≥ 0.5, main memory bounded',
      met: ratio >= 0.5
    }
  } finally {
    await rig.close()
  }
}

/** Counts bytes main emitted and the renderer acked, through the core's events and handler table. */
function watchFlow(rig: Awaited<ReturnType<typeof startSshRig>>): { done(): boolean; maxUnacked(): number } {
  const core = rig.harness.core
  let sent = 0
  let acked = 0
  let maxUnacked = 0
  let sawMarker = false
  let tail = ''
  core.onEvent((event, payload) => {
    if (event !== 'ssh.output') return
    const { data, bytes } = payload as { data: string; bytes: number }
    sent += bytes
    maxUnacked = Math.max(maxUnacked, sent - acked)
    tail = (tail + Buffer.from(data, 'base64').toString('latin1')).slice(-64)
    if (tail.includes('END-OF-RUN')) sawMarker = true
  })
  const handlers = core.handlers as unknown as Record<string, (input: { bytes: number }) => Promise<unknown>>
  const ack = handlers['ssh.ack']!
  handlers['ssh.ack'] = (input) => {
    acked += input.bytes
    return ack(input)
  }
  return { done: () => sawMarker && acked >= sent, maxUnacked: () => maxUnacked }
}

/** Printable lines (a terminal's worst case is not binary noise but long text). */
function makeText(bytes: number): string {
  const line = 'The quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ\n'
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes)
}

async function plainSsh(port: number, user: string, agentSock: string, file: string): Promise<number> {
  const args = ['-p', String(port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${user}@127.0.0.1`, 'cat', file]
  const start = performance.now()
  await new Promise<void>((ok, fail) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SSH_AUTH_SOCK: agentSock } })
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`ssh exited ${code}`))))
  })
  return performance.now() - start
}

function sampleMemory(): { stop(): { beforeMb: number; peakMb: number; heapPeakMb: number } } {
  const mb = (n: number) => Math.round(n / 1024 / 1024)
  const before = process.memoryUsage()
  let peak = before.rss
  let heapPeak = before.heapUsed
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    peak = Math.max(peak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
  }, 50)
  return {
    stop() {
      clearInterval(timer)
      return { beforeMb: mb(before.rss), peakMb: mb(peak), heapPeakMb: mb(heapPeak) }
    }
  }
}
