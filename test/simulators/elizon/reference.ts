// The elizon reference's own JSON examples (test/fixtures/reference/elizon.json,
// extracted by scripts/extract-reference-fixtures.mjs) as the simulator's
// envelopes: a reply is the example with the documented fields filled in, and
// a field the example does not have cannot be added by accident.
import examples from '../../fixtures/reference/elizon.json'

interface Example {
  readonly kind: string
  readonly method: string | null
  readonly path: string | null
  readonly status: number
  readonly json: unknown
}

const EXAMPLES = examples as readonly Example[]

function example(find: (e: Example) => boolean, what: string): Record<string, unknown> {
  const found = EXAMPLES.find((e) => e.kind === 'response' && find(e))
  if (!found || typeof found.json !== 'object' || found.json === null) throw new Error(`The elizon reference has no example for ${what}`)
  return found.json as Record<string, unknown>
}

/** The documented list example for `GET path` with its entity list and pagination filled in (same keys as the example). */
export function referenceList(path: '/services' | '/tickets' | '/invoices', items: unknown[], pagination: Record<string, unknown>): Record<string, unknown> {
  const shape = example((e) => e.method === 'GET' && e.path === path, `GET ${path}`)
  const listKey = path.slice(1)
  const documented = Object.keys(asRecord(shape.pagination))
  const filled = Object.fromEntries(documented.map((k) => [k, pagination[k]]))
  const missing = documented.filter((k) => pagination[k] === undefined)
  if (missing.length > 0) throw new Error(`GET ${path} pagination lacks the documented ${missing.join(', ')}`)
  return { ...shape, [listKey]: items, pagination: filled }
}

/** The documented error body (`success: false`, `error`) with the message given. */
export function referenceError(message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...example((e) => e.status === 401, 'an error'), error: message, ...extra }
}

/** The documented 429 body with this retryAfter. */
export function referenceRateLimit(retryAfterSec: number): Record<string, unknown> {
  return { ...example((e) => e.status === 429, 'a 429'), retryAfter: retryAfterSec }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
