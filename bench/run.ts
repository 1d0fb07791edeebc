// Runs every benchmark (bench/<id>-<name>.ts exporting run()) and prints one JSON document.
import { run as b1 } from './b1-fleet-refresh'
import { run as b2 } from './b2-table'
import { run as b3 } from './b3-cold-start'
import { run as d1 } from './d1-invoice-sync'
import { run as d2 } from './d2-pdf-open'
import { run as d3 } from './d3-invoice-search'
import { run as c1 } from './c1-console'
import { run as e1 } from './e1-ssh-throughput'
import { run as e2 } from './e2-ssh-echo'

const BENCHMARKS: Record<string, () => Promise<object>> = {
  c1: c1,
  b1: b1,
  b2: b2,
  b3: b3,
  d1: d1,
  d2: d2,
  d3: d3,
  e1: e1,
  e2: e2
}

const results: Record<string, object> = {}
// `npm run bench -- b1 d3` runs only those; no names runs them all.
const wanted = new Set(process.argv.slice(2).map((a) => a.toLowerCase()))
for (const [id, bench] of Object.entries(BENCHMARKS)) if (wanted.size === 0 || wanted.has(id)) results[id] = await bench()
console.log(JSON.stringify(results, null, 2))
