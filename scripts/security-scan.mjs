#!/usr/bin/env node
// Runs Doyensec's Electronegativity over main-process sources (src-main/) and,
// when it exists, the build output (out/), fully offline, and fails on every
// finding or parse error that is not justified in ALLOWLIST below.
// Usage: node scripts/security-scan.mjs [projectDir]   (npm run security-scan)
//
// Offline: Electronegativity fetches translations from S3 at start and
// Electron's release list from GitHub for one global check. `got` (its only
// HTTP client) is replaced by a stub that fails at once, and the release-list
// check is excluded (keeping Electron current is npm's job, not this scan's).
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectDir = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..'))
const require = createRequire(import.meta.url)

/** Checks that cannot run offline. */
const EXCLUDED_CHECKS = ['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']

/**
 * Findings accepted after review. `file` is a project path (`*` matches within
 * one path segment); `max` caps how many findings the entry may cover, so a new
 * occurrence of the same pattern fails the scan until someone reviews it;
 * `verify` (optional) re-checks the finding's content. Every entry says why.
 */
const ALLOWLIST = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'src-main/electron/main-process.ts',
    max: 1,
    reason: 'the options come from mainWindowOptions() (window.ts), which the scanner cannot follow; contextIsolation: true is asserted in window.test.ts'
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'src-main/electron/main-process.ts',
    max: 1,
    reason: 'the options come from mainWindowOptions() (window.ts); sandbox: true is asserted in window.test.ts, and app.enableSandbox() is called before ready'
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'src-main/electron/main-process.ts',
    max: 1,
    reason: 'a middle-click opens a new window, which setWindowOpenHandler (security.ts, on every webContents) always denies; tested in security.test.ts'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src-main/electron/security.ts',
    max: 1,
    reason: 'the single shell.openExternal call, reached only with a URL that parseSafeExternalUrl() accepted (https, a host, no credentials); tested in security.test.ts'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src-main/core/app-core.ts',
    max: 1,
    reason: "the 'app.openExternal' handler calls the injected opener, which in Electron is openExternalGuarded (main-process.ts)"
  },
  {
    check: 'CERTIFICATE_VERIFY_PROC_JS_CHECK',
    file: 'src-main/electron/security.ts',
    max: 1,
    reason: 'installed only in unpackaged builds with FLOTILLA_TEST_TRUST_LOCALHOST=1 and only accepts 127.0.0.1 (the self-signed websockify of the console tests); every other host keeps Chromium\'s verdict'
  },
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'src-main/electron/console-embed.ts',
    max: 1,
    reason: 'the generic `new BrowserWindow(options)` of the console windows; its options come from embedWindowOptions() / mainWindowOptions(), whose contextIsolation: true is asserted in console-embed.test.ts and window.test.ts'
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'src-main/electron/console-embed.ts',
    max: 1,
    reason: 'the same `new BrowserWindow(options)`; sandbox: true for both console window kinds is asserted in console-embed.test.ts and window.test.ts'
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'src-main/electron/console-embed.ts',
    max: 1,
    reason: 'a middle-click new window is denied by setWindowOpenHandler: lockToOrigin() for the embed window, hardenWebContents() for every window; tested in console-embed.test.ts and security.test.ts'
  },
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'src-main/electron/ssh-window.ts',
    max: 1,
    reason: 'the `new BrowserWindow(o)` of a popped-out SSH terminal; its options are mainWindowOptions() (window.ts), whose contextIsolation: true is asserted in window.test.ts, and ssh-window.test.ts asserts the terminal window gets exactly those'
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'src-main/electron/ssh-window.ts',
    max: 1,
    reason: 'the same `new BrowserWindow(o)`: mainWindowOptions() has sandbox: true (window.test.ts), and app.enableSandbox() covers every window'
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'src-main/electron/ssh-window.ts',
    max: 1,
    reason: 'a middle-click new window is denied by setWindowOpenHandler in hardenWebContents(), installed on every webContents (security.test.ts)'
  },
  // The bundle repeats the source findings above: main-process.ts, console-embed.ts and ssh-window.ts once each.
  ...['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'].map((check) => ({
    check,
    file: 'out/main/index.js',
    max: 3,
    reason: 'bundled copies of the src-main findings justified above'
  })),
  { check: 'CERTIFICATE_VERIFY_PROC_JS_CHECK', file: 'out/main/index.js', max: 1, reason: 'bundled copy of the src-main finding justified above' },
  { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js', max: 2, reason: 'bundled copies of the two src-main findings justified above' },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'out/renderer/index.html',
    max: 1,
    reason: "the evaluator's only remark is that script-src 'self' is risky with JSONP or user uploads; 'self' is app://flotilla, which serves only the built renderer",
    verify: onlySelfScriptRemark
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    max: 1,
    withoutBuild: true,
    reason: 'the CSP is written into out/renderer/index.html at build time (and sent as an app:// header); run `npm run build` first to have it evaluated'
  }
]

/**
 * Files Electronegativity's parser cannot read, accepted after review. pdf.js
 * uses class private fields, which the scanner's parser predates; it runs only
 * in the sandboxed renderer, with no Electron or Node API in reach.
 */
const PARSE_ERROR_ALLOWLIST = [{ file: 'out/renderer/assets/pdf*.js', reason: 'pdf.js (third-party, sandboxed renderer) uses syntax the scanner cannot parse' }]

/** The CSP may only draw the evaluator's note about script-src 'self', nothing else of concern. */
function onlySelfScriptRemark(issue) {
  const cspRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/runner.js'))
  const csp = cspRequire('@doyensec/csp-evaluator')
  if (typeof issue.sample !== 'string') return 'no CSP text in the finding'
  const findings = new csp.CspEvaluator(new csp.CspParser(issue.sample).csp, csp.Version.CSP3).evaluate()
  const worrying = findings.filter((f) => f.severity <= csp.severities.MEDIUM_MAYBE)
  const unexpected = worrying.filter((f) => !(f.directive === 'script-src' && f.value === "'self'"))
  return unexpected.length === 0 ? null : unexpected.map((f) => `${f.directive} ${f.value ?? ''}: ${f.description}`).join('; ')
}

function stubNetwork() {
  const runnerRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/runner.js'))
  const gotPath = runnerRequire.resolve('got')
  // A "not available" answer, not an error: the translation loader then quietly
  // keeps its bundled en-US strings.
  const offline = () => Promise.resolve({ statusCode: 503, headers: {}, body: '' })
  const got = Object.assign(offline, { get: offline, head: offline, post: offline, extend: () => got })
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

/**
 * Copies what is scanned into one directory, so a single run sees main, preload
 * and the renderer's HTML together (the CSP check is global across files).
 * Only the file types Electronegativity reads are copied.
 */
function stage(built) {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-scan-'))
  const wanted = (src) => statSync(src).isDirectory() || /\.(m?[jt]sx?|cjs|html?)$/.test(src)
  const sources = ['src-main', ...(built ? ['out'] : [])]
  for (const d of sources) cpSync(join(projectDir, d), join(dir, d), { recursive: true, filter: wanted })
  return { dir, sources }
}

/** Sorts findings into justified (within each entry's `max`) and not. */
function triage(issues) {
  const used = new Map()
  const justified = []
  const unjustified = []
  for (const issue of issues) {
    const entry = ALLOWLIST.find((e) => e.check === issue.id && globToRegExp(e.file).test(issue.file))
    const count = (used.get(entry) ?? 0) + 1
    const problem = !entry ? null : count > entry.max ? `more than the ${entry.max} reviewed` : (entry.verify?.(issue) ?? null)
    if (entry && problem === null) {
      used.set(entry, count)
      justified.push({ ...issue, reason: entry.reason })
    } else {
      unjustified.push({ ...issue, problem })
    }
  }
  return { justified, unjustified, used }
}

async function main() {
  // Translations are looked up for LANG; a bare "C.UTF-8" has none and prints keys.
  process.env.LANG = 'en-US'
  stubNetwork()
  const built = existsSync(join(projectDir, 'out', 'main')) && existsSync(join(projectDir, 'out', 'renderer'))
  const { dir, sources } = stage(built)
  try {
    const result = await scan(dir)
    const project = (file) => relative(dir, file).split(sep).join('/')
    const issues = result.issues.map((i) => ({ ...i, file: i.file === 'N/A' ? 'N/A' : project(i.file) }))
    const errors = result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ ...e, file: project(e.file) }))
      .filter((e) => !PARSE_ERROR_ALLOWLIST.some((a) => globToRegExp(a.file).test(e.file)))
    const { justified, unjustified, used } = triage(issues)
    report({ sources, built, checks: result.globalChecks + result.atomicChecks, justified, unjustified, errors })
    const applies = (e) => (built ? !e.withoutBuild : !e.file.startsWith('out/'))
    const stale = ALLOWLIST.filter((e) => applies(e) && !used.has(e))
    for (const e of stale) console.log(`note: allowlist entry ${e.check} for ${e.file} matched nothing; remove it if the code changed`)
    process.exitCode = unjustified.length > 0 || errors.length > 0 ? 1 : 0
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function report({ sources, built, checks, justified, unjustified, errors }) {
  console.log(`Electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${checks} checks over ${sources.join(', ')} (offline)`)
  if (!built) console.log('note: out/ is not built; run `npm run build` first to scan the bundles and the CSP too')
  for (const e of errors) console.log(`PARSE ERROR  ${e.file}: ${e.message}`)
  for (const j of justified) console.log(`justified    ${j.id}  ${j.file}:${j.location?.line ?? 0}  (${j.reason})`)
  for (const u of unjustified) {
    console.log(`FINDING      ${u.id}  ${u.file}:${u.location?.line ?? 0}  ${u.description}${u.problem ? ` [allowlisted, but ${u.problem}]` : ''}`)
  }
  console.log(`${unjustified.length} unjustified, ${justified.length} justified, ${errors.length} parse errors`)
}

await main()
