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

const SIZE_MB = 50

export async function run(): Promise<object> {
  const rig = await startSshRig('e1')
  try {
    const file = join(rig.peer.home, 'big.txt')
    await writeFile(file, makeText(SIZE_MB * 1024 * 1024))
    const plainMs = await plainSsh(rig.peer.port, rig.peer.user, rig.peer.agentSock, file)
    const memory = sampleMemory()
    const start = performance.now()
    await rig.page.keyboard.type(`cat ${file}; echo END-OF-""RUN`)
    await rig.page.keyboard.press('Enter')
    const deadline = Date.now() + 600_000
    while (!(await rig.screenText()).includes('END-OF-RUN')) {
      if (Date.now() > deadline) throw new Error('the cat never finished rendering')
      await new Promise((r) => setTimeout(r, 50))
    }
    const flotillaMs = performance.now() - start
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
      target: 'ratio ≥ 0.5, main memory bounded',
      met: ratio >= 0.5
    }
  } finally {
    await rig.close()
  }
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
