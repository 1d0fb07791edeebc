// `npm run mutate [-- <module name or file glob> ...]`: Stryker over the modules
// of stryker.config.mjs, one module per run so each gets its own score (and
// report in reports/mutation/<module>.html). Unknown names are taken as file
// globs and mutated together. Runs under scripts/with-keyring.sh (the package
// script does that), since the integration tests use the real keychain.
//
// Why not `npx stryker run`: StrykerJS 10's CLI refuses Node < 22 at import
// time, and this project runs on Node 20.19+ (see README). Stryker's own class,
// loaded by path, runs fine on Node 20.20, so each module runs through it in a
// child process (Stryker keeps state per process).
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { MODULES } from '../stryker.config.mjs'

const STRYKER = resolve('node_modules/@stryker-mutator/core/dist/src/stryker.js')

if (process.env.FLOTILLA_MUTATE_CHILD === '1') {
  const { Stryker } = await import(pathToFileURL(STRYKER).href)
  const results = await new Stryker({ configFile: 'stryker.config.mjs' }).runMutationTest()
  const counted = results.filter((r) => r.status !== 'Ignored' && r.status !== 'CompileError' && r.status !== 'RuntimeError')
  const killed = counted.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length
  console.log(`\nmutation score ${process.env.FLOTILLA_MUTATE}: ${counted.length ? ((100 * killed) / counted.length).toFixed(2) : 'n/a'} % (${killed} of ${counted.length} killed)`)
  process.exit(0)
}

const args = process.argv.slice(2)
const known = new Set(MODULES.map((m) => m.name))
const runs = args.length === 0 ? MODULES.map((m) => m.name) : args.every((a) => known.has(a)) ? args : [args.join(',')]

let failed = false
for (const run of runs) {
  console.log(`\n== mutate ${run}`)
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, FLOTILLA_MUTATE: run, FLOTILLA_MUTATE_CHILD: '1' }
  })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
