// Both simulators in a child process (test/simulators/cli.ts --json). A
// benchmark that ran them in its own process would measure the simulators'
// work on the client's event loop (and, on 2 cores, share one core with them).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { dirname, join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { SimulatorsJson } from '../../test/simulators/cli'

export interface SimProcessOptions {
  seed: number
  aluyAccounts: number
  elizonAccounts: number
  servers?: number
  invoices?: number
  latencyMs: number
  /** elizon requests per minute per key; default the simulator's (the documented 100). */
  elizonRateLimitPerMin?: number
}

export interface SimProcess {
  readonly sims: SimulatorsJson
  /** Requests both simulators have served so far. */
  requestCount(): Promise<number>
  close(): Promise<void>
}

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../test/simulators/cli.ts')

export async function startSimProcess(o: SimProcessOptions): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...cliArgs(o)], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout })
  const first = await nextLine(lines, child).catch((error: unknown) => {
    child.kill()
    throw new Error(`simulator process failed to start: ${String(error)} ${stderr}`)
  })
  const sims = JSON.parse(first) as SimulatorsJson
  return {
    sims,
    async requestCount() {
      child.stdin.write('requests\n')
      const answer = JSON.parse(await nextLine(lines, child)) as { requests: { aluy: number; elizon: number } }
      return answer.requests.aluy + answer.requests.elizon
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      // Closing stdin asks the simulators to close their servers and exit.
      child.stdin.end()
      await exited
    }
  }
}

function cliArgs(o: SimProcessOptions): string[] {
  const args = ['--json', '--seed', `${o.seed}`, '--latency', `${o.latencyMs}`, '--aluy-port', '0', '--elizon-port', '0']
  args.push('--aluy-accounts', `${o.aluyAccounts}`, '--elizon-accounts', `${o.elizonAccounts}`)
  if (o.servers !== undefined) args.push('--servers', `${o.servers}`)
  if (o.invoices !== undefined) args.push('--invoices', `${o.invoices}`)
  if (o.elizonRateLimitPerMin !== undefined) args.push('--elizon-rate-limit', `${o.elizonRateLimitPerMin}`)
  return args
}

function nextLine(lines: Interface, child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => {
      lines.off('line', onLine)
      reject(new Error(`exited with code ${code}`))
    }
    const onLine = (line: string): void => {
      child.off('exit', onExit)
      resolve(line)
    }
    lines.once('line', onLine)
    child.once('exit', onExit)
  })
}
