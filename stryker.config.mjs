// @ts-check
// Mutation testing (issue 16) with StrykerJS: the modules where a silent bug
// costs most, each with the tests that guard it. `npm run mutate` runs them one
// module at a time (scripts/mutate.mjs) so each gets its own score; pass names
// or globs to restrict it: `npm run mutate -- cache-crypto`,
// `npm run mutate -- 'src-main/core/logging/*.ts'`. A glob that names no module
// mutates those files against the tests Vitest finds related to them.
//
// Only the unit and renderer projects run (vitest.stryker.config.ts): e2e needs
// a build and Chromium and is far too slow for one run per mutant. Concurrency
// stays at 2: the machines this runs on have 2 cores shared with others.

/** @typedef {{ name: string, mutate: string[], tests: string[] }} MutationModule */

/** @type {MutationModule[]} */
export const MODULES = [
  {
    name: 'orders',
    mutate: ['src-main/core/orders/orders-service.ts', 'src-main/core/orders/order-operations.ts'],
    tests: ['test/integration/orders-aluy.test.ts', 'test/integration/orders-elizon.test.ts', 'test/integration/planted-order-attempt.test.ts']
  },
  {
    name: 'cache-crypto',
    mutate: ['src-main/core/billing/cache-crypto.ts'],
    tests: ['test/integration/planted-invoice-cache.test.ts']
  },
  {
    name: 'redaction',
    mutate: ['src-main/core/logging/redact.ts', 'src-main/core/logging/logger.ts'],
    tests: ['src-main/core/logging/redact.test.ts', 'test/integration/planted-log-redaction.test.ts']
  },
  {
    name: 'http-limits',
    mutate: ['src-main/core/http/fetch-http-client.ts'],
    tests: ['src-main/core/http/fetch-http-client.test.ts']
  },
  // TODO(lead, after merging the hardening branch): the URL path builder in
  // src-main/core/providers/ is being written on another branch. Add it here, e.g.
  // { name: 'url-paths', mutate: ['src-main/core/providers/<its file>.ts'], tests: ['<its test>.test.ts'] },
  {
    name: 'fleet-diff',
    mutate: ['src-main/core/fleet/fleet-diff.ts'],
    // The integration test (planted-fleet-transitions) guards the same code through the core; the unit test is what runs per mutant.
    tests: ['src-main/core/fleet/fleet-diff.test.ts']
  },
  {
    name: 'notifications',
    mutate: ['src-renderer/src/composables/useFleetNotifications.ts', 'src-renderer/src/fleet/notifications.ts'],
    tests: ['src-renderer/src/composables/useFleetNotifications.test.ts']
  },
  {
    name: 'paste-keys',
    mutate: ['src-renderer/src/components/console/paste-keys.ts'],
    tests: ['src-renderer/src/components/console/paste-keys.test.ts']
  },
  {
    name: 'bulk-confirm',
    mutate: ['src-renderer/src/components/fleet/BulkBar.vue', 'src-renderer/src/fleet/bulk.ts'],
    tests: ['src-renderer/src/components/fleet/BulkBar.test.ts', 'src-renderer/src/fleet/bulk.test.ts']
  },
  {
    name: 'capabilities',
    // `actionsFor` and its helpers only (the rest of the file is zod schemas).
    mutate: ['src-main/shared/contracts/fleet.ts:253-281'],
    tests: ['src-main/shared/contracts/actions-for.test.ts']
  }
]

/** `*` within a path segment, `**` across segments; anything else literal. */
function globToRegExp(glob) {
  const source = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*')
  return new RegExp(`^${source}$`)
}

/** The modules named (or whose files match a glob) in FLOTILLA_MUTATE; all when it is empty. */
function chosenModules(wanted) {
  if (wanted.length === 0) return MODULES
  const matches = (file, w) => globToRegExp(w).test(file.replace(/:\d+-\d+$/, ''))
  const named = MODULES.filter((m) => wanted.some((w) => m.name === w || m.mutate.some((f) => matches(f, w))))
  if (named.length > 0) return named
  // Files outside the table: mutate them, and let Vitest find the related tests.
  return [{ name: 'custom', mutate: wanted, tests: [] }]
}

const wanted = (process.env.FLOTILLA_MUTATE ?? '').split(',').map((w) => w.trim()).filter(Boolean)
const chosen = chosenModules(wanted)
const label = chosen.length === 1 ? chosen[0].name : 'all'
const testFiles = chosen.flatMap((m) => m.tests)

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  mutate: chosen.flatMap((m) => m.mutate),
  ...(testFiles.length > 0 ? { testFiles } : {}),
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 15_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  thresholds: { high: 90, low: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['out', 'dist', 'coverage', '.tmp', 'bench/results', 'reports', 'test-results']
}
