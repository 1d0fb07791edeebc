#!/usr/bin/env node
// Runs Doyensec's Electronegativity over main-process sources (src-main/) and,
// when it exists, the build output (out/), fully offline, and fails on every
// finding that is not justified in ALLOWLIST below. Usage: node scripts/security-scan.mjs
//
// Offline: Electronegativity fetches translations from S3 at start and
// Electron's release list from GitHub for one global check. `got` (its only
// HTTP client) is replaced by a stub that fails at once, and the release-list
// check is excluded (keeping Electron current is npm's job, not this scan's).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectDir = resolve(fileURLToPath(import.meta.url), '..', '..')
const require = createRequire(import.meta.url)

/** Checks that cannot run offline. */
const EXCLUDED_CHECKS = ['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']

/**
 * Findings accepted after review. `file` is a path relative to the project
 * (glob `*` matches within one path segment); every entry must say why.
 */
const ALLOWLIST = []

function stubNetwork() {
  const runnerRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/runner.js'))
  const gotPath = runnerRequire.resolve('got')
  const offline = () => Promise.reject(new Error('network access is disabled in security-scan'))
  const got = Object.assign(offline, { get: offline, head: offline, post: offline, stream: offline, extend: () => got })
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(got, { default: got }) }
}

async function scan(input) {
  const run = require('@doyensec/electronegativity')
  const result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((id) => id.replace(/_/g, '').toLowerCase()),
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: true,
      electronUpgrade: undefined,
      // The installed Electron, so version-dependent checks judge the real defaults.
      electronVersionOverride: require('electron/package.json').version,
      parserPlugins: []
    },
    false
  )
  return result
}

function globToRegExp(glob) {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
  return new RegExp(`^${escaped.join('[^/]*')}$`)
}

function justification(issue, file) {
  return ALLOWLIST.find((entry) => entry.check === issue.id && globToRegExp(entry.file).test(file))
}

function toProjectPath(file) {
  return relative(projectDir, file).split(sep).join('/')
}

async function main() {
  // Translations are looked up for LANG; a bare "C.UTF-8" has none and prints keys.
  process.env.LANG = 'en-US'
  stubNetwork()
  const inputs = ['src-main', 'out'].map((d) => join(projectDir, d)).filter((d) => existsSync(d))
  const unjustified = []
  const justified = []
  const errors = []
  let checks = 0
  for (const input of inputs) {
    const result = await scan(input)
    checks = result.globalChecks + result.atomicChecks
    errors.push(...result.errors.filter((e) => !e.tolerable).map((e) => ({ ...e, file: toProjectPath(e.file) })))
    for (const issue of result.issues) {
      const file = toProjectPath(issue.file)
      const reason = justification(issue, file)
      const row = { id: issue.id, file, line: issue.location?.line, description: issue.description, reason: reason?.reason }
      if (reason) justified.push(row)
      else unjustified.push(row)
    }
  }
  report({ inputs, checks, justified, unjustified, errors })
  const unused = ALLOWLIST.filter((entry) => !justified.some((j) => j.id === entry.check && globToRegExp(entry.file).test(j.file)))
  for (const entry of unused) console.log(`note: allowlist entry ${entry.check} for ${entry.file} matched nothing; remove it if the code changed`)
  process.exit(unjustified.length > 0 || errors.length > 0 ? 1 : 0)
}

function report({ inputs, checks, justified, unjustified, errors }) {
  console.log(`Electronegativity: ${checks} checks over ${inputs.map(toProjectPath).join(', ')}`)
  for (const e of errors) console.log(`PARSE ERROR ${e.file}: ${e.message}`)
  for (const j of justified) console.log(`justified  ${j.id}  ${j.file}:${j.line}  — ${j.reason}`)
  for (const u of unjustified) console.log(`FINDING    ${u.id}  ${u.file}:${u.line}  — ${u.description}`)
  console.log(`${unjustified.length} unjustified, ${justified.length} justified, ${errors.length} parse errors`)
}

await main()
