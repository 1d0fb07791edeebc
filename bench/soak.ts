// Soak (issue 10 / issue 17): main's real core (createAppCore, the real logger
// writing its rotating file at the shipped level) with 2,000 servers — one aluy
// and one elizon account of 1,000 each — against the simulators in a child
// process, live ticks on, 50 rows "visible", for `--minutes N` (default 15).
// Prints one JSON document: heap start/end and slope (MB per hour, after a GC
// when node runs with --expose-gc, as `npm run soak` does), open file
// descriptors (/proc/self/fd, Linux) at start and end, and the log's growth per
// hour. Not part of CI: it is a measurement, not a test.
import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAppCore } from '../src-main/core/app-core'
import { createLogger } from '../src-main/core/logging/logger'
import type { FleetSnapshot } from '../src-main/shared/domain'
import { MemorySecretStore } from './support/memory-secrets'
import { startSimProcess } from './support/sim-process'

const SERVERS_PER_ACCOUNT = 1000
const LATENCY_MS = 20
const VISIBLE_ROWS = 50
const SAMPLE_EVERY_MS = 10_000

interface Sample {
  readonly atMs: number
  readonly heapMb: number
  readonly rssMb: number
  readonly fds: number
  readonly logBytes: number
}

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '15' }, interval: { type: 'string', default: '30' } } })
const minutes = Number(values.minutes)
const intervalSec = Number(values.interval)

const sim = await startSimProcess({
  seed: 303,
  aluyAccounts: 1,
  elizonAccounts: 1,
  servers: SERVERS_PER_ACCOUNT,
  latencyMs: LATENCY_MS,
  // The documented 100/min would make every tick wait on the limiter; the soak is about the client's resources.
  elizonRateLimitPerMin: 100_000
})
const userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-soak-'))
const logsDir = join(userDataDir, 'logs')
try {
  const core = await createAppCore({
    userDataDir,
    secretStore: new MemorySecretStore(),
    logger: createLogger({ file: join(logsDir, 'flotilla.log') }),
    appVersion: '0.0.0-soak',
    platform: process.platform,
    systemLocale: 'en-US',
    refreshOnStart: true
  })
  for (const [provider, s] of [['aluy', sim.sims.aluy], ['elizon', sim.sims.elizon]] as const) {
    const added = await core.handlers['accounts.add']({ provider, label: `soak ${provider}`, colour: '#336699', baseUrl: s.url, credential: s.accounts[0]!.credential } as never)
    if (!added.account) throw new Error(`could not add the ${provider} account: ${JSON.stringify(added.verify)}`)
  }
  const snapshot: FleetSnapshot = await core.handlers['fleet.refresh'](undefined as never)
  await core.handlers['fleet.setVisible']({ keys: snapshot.servers.slice(0, VISIBLE_ROWS).map((s) => s.key) })
  await core.handlers['fleet.setLive']({ intervalSec, windowVisible: true } as never)

  const samples: Sample[] = [sample(0)]
  const started = Date.now()
  const requestsAtStart = await sim.requestCount()
  while (Date.now() - started < minutes * 60_000) {
    await new Promise((ok) => setTimeout(ok, SAMPLE_EVERY_MS))
    samples.push(sample(Date.now() - started))
  }
  const requests = (await sim.requestCount()) - requestsAtStart
  await core.dispose()
  console.log(JSON.stringify(report(samples, snapshot.servers.length, requests), null, 2))
} finally {
  await sim.close()
  await rm(userDataDir, { recursive: true, force: true })
}

function sample(atMs: number): Sample {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const mem = process.memoryUsage()
  return { atMs, heapMb: round(mem.heapUsed / 2 ** 20), rssMb: round(mem.rss / 2 ** 20), fds: openFds(), logBytes: folderBytes(logsDir) }
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length
  } catch {
    return -1 // not Linux
  }
}

function folderBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  } catch {
    return 0
  }
}

/** Least-squares slope of y over hours. */
function slopePerHour(points: readonly Sample[], y: (s: Sample) => number): number {
  const xs = points.map((p) => p.atMs / 3_600_000)
  const ys = points.map(y)
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0)
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0)
  return den === 0 ? 0 : num / den
}

function report(samples: readonly Sample[], servers: number, requests: number): object {
  const first = samples[0]!
  const last = samples.at(-1)!
  // The first minute is warm-up (JIT, caches filling); the slope is taken over the rest.
  const steady = samples.filter((s) => s.atMs >= 60_000)
  const hours = last.atMs / 3_600_000
  return {
    id: 'SOAK',
    name: 'real core, 2,000 servers, live ticks, simulators in a child process',
    minutes: round(last.atMs / 60_000),
    servers,
    liveIntervalSec: intervalSec,
    requests,
    requestsPerHour: Math.round(requests / hours),
    heapMb: { start: first.heapMb, end: last.heapMb, max: Math.max(...samples.map((s) => s.heapMb)), slopeMbPerHour: round(slopePerHour(steady.length >= 3 ? steady : samples, (s) => s.heapMb)) },
    rssMb: { start: first.rssMb, end: last.rssMb },
    openFds: { start: first.fds, end: last.fds, max: Math.max(...samples.map((s) => s.fds)) },
    log: { bytes: last.logBytes - first.logBytes, bytesPerHour: Math.round((last.logBytes - first.logBytes) / hours), level: 'info (shipped default)' },
    gcBeforeSamples: typeof (globalThis as { gc?: unknown }).gc === 'function',
    samples: samples.length
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
