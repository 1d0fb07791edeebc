// The one way a provider adapter puts a value into a URL path (issue 10, item 1).
// `encodeURIComponent` leaves `.` alone and URL parsing collapses `.`/`..`
// segments (also as `%2e%2e`), so an id of `..` once turned
// `DELETE /services/<id>/backups/..` into `DELETE /services/<id>/` — the server
// itself. Ids come from the renderer (checked again by the contract) and from
// provider answers (checked by nothing else), so every interpolated value is
// checked here: one whole segment, never empty, `.`, `..`, a slash, backslash,
// percent sign, control character or lone surrogate. A refused value is a typed
// `validation` error in words, never a request and never `internal`.
import { FlotillaError } from '../../shared/errors'

/** A value that becomes exactly one path segment. Numbers are ids the API gave as numbers. */
export type SegmentValue = string | number

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const MAX_SEGMENT = 512

/** Why `value` cannot be one path segment, in words; null when it can. */
export function segmentProblem(value: string): string | null {
  if (value === '') return 'it is empty'
  if (value === '.' || value === '..') return 'it is a dot segment'
  if (value.length > MAX_SEGMENT) return 'it is too long'
  if (value.includes('/') || value.includes('\\')) return 'it contains a slash or backslash'
  if (value.includes('%')) return 'it contains a percent sign'
  if (CONTROL.test(value)) return 'it contains a control character'
  if (LONE_SURROGATE.test(value)) return 'it contains a broken Unicode character (a lone surrogate)'
  return null
}

/** One checked, encoded segment; throws `validation` when the value cannot be one. */
export function pathSegment(value: SegmentValue): string {
  const text = typeof value === 'number' ? numberSegment(value) : value
  const problem = segmentProblem(text)
  if (problem !== null) {
    throw new FlotillaError('validation', `This id cannot be sent to the provider: ${problem}. Nothing was sent.`)
  }
  return encodeURIComponent(text)
}

function numberSegment(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new FlotillaError('validation', 'This id cannot be sent to the provider: it is not a whole number. Nothing was sent.')
  }
  return String(value)
}

/**
 * Tagged template for a path below the API base: `pathOf\`/services/${id}/backups/${backupId}\``.
 * Each interpolation must stand as a whole segment (after a `/`, followed by
 * `/`, `?` or the end); that is the code's promise, so breaking it is a bug
 * (a plain Error), while a bad value is the data's fault (`validation`).
 */
export function pathOf(literals: TemplateStringsArray, ...values: readonly SegmentValue[]): string {
  let out = literals[0] ?? ''
  values.forEach((value, index) => {
    const after = literals[index + 1] ?? ''
    if (!out.endsWith('/') || !/^(?:$|[/?])/.test(after)) {
      throw new Error(`pathOf: interpolation ${index} is not a whole path segment in "${literals.join('{…}')}"`)
    }
    out += pathSegment(value) + after
  })
  return out
}

/** `pathOf` that answers null instead of throwing for a bad value (a link that can be left out). */
export function pathOrNull(literals: TemplateStringsArray, ...values: readonly SegmentValue[]): string | null {
  try {
    return pathOf(literals, ...values)
  } catch (error) {
    if (error instanceof FlotillaError) return null
    throw error
  }
}
