// The fleet search language: free words plus qualifiers such as `status:active`,
// `account:"Acme aluy"` and negations such as `-power:running`. Pure, so the
// table, the command palette and the tests share one reading of a query.

export const QUALIFIERS = ['account', 'provider', 'status', 'power', 'kind', 'location', 'tag'] as const
export type Qualifier = (typeof QUALIFIERS)[number]

export interface QueryTerm {
  /** null for a free word, matched against every searchable field. */
  field: Qualifier | null
  /** Lower-cased, quotes removed. */
  value: string
  negate: boolean
}

/** Separates several values of one field (a row's tags, an account's label and id). */
export const VALUE_SEPARATOR = '\u0000'

/** What a term is matched against; one per row, built once per row (see rows.ts). */
export interface Searchable {
  /** Every searchable text of the row, lower-cased, joined by VALUE_SEPARATOR. */
  text: string
  /** Per qualifier, its values lower-cased and joined by VALUE_SEPARATOR (one string, not an array: 10,000 rows). */
  fields: Record<Qualifier, string>
}

function isQualifier(word: string): word is Qualifier {
  return (QUALIFIERS as readonly string[]).includes(word)
}

/** Splits on white space, keeping "quoted phrases" (also after `field:`) together. */
export function tokenize(query: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quoted = false
  let started = false
  for (const ch of query) {
    if (ch === '"') {
      quoted = !quoted
      started = true
    } else if (!quoted && /\s/.test(ch)) {
      if (started) tokens.push(current)
      current = ''
      started = false
    } else {
      current += ch
      started = true
    }
  }
  if (started) tokens.push(current)
  return tokens
}

function toTerm(token: string): QueryTerm | null {
  let rest = token
  let negate = false
  if (rest.startsWith('-') && rest.length > 1) {
    negate = true
    rest = rest.slice(1)
  }
  const colon = rest.indexOf(':')
  const field = colon > 0 ? rest.slice(0, colon).toLowerCase() : ''
  if (isQualifier(field)) {
    const value = rest.slice(colon + 1).trim().toLowerCase()
    // `status:` with nothing after it is still being typed: it narrows nothing yet.
    return value === '' ? null : { field, value, negate }
  }
  const value = rest.trim().toLowerCase()
  return value === '' ? null : { field: null, value, negate }
}

export function parseQuery(query: string): QueryTerm[] {
  return tokenize(query).flatMap((token) => {
    const term = toTerm(token)
    return term ? [term] : []
  })
}

/** Qualifiers whose value names one thing: the whole name must match (`*` for any run of characters). */
const WHOLE_NAME_FIELDS: ReadonlySet<Qualifier> = new Set(['account'])

/**
 * `account:prod` must not find `prod2`: the value matches a whole name (the
 * account's label or id), case-insensitively, with `*` standing for any run of
 * characters (`account:prod*`). Anchored, so one value never spills into the next.
 */
function wholeNamePattern(value: string): RegExp {
  const source = value
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^' + VALUE_SEPARATOR + ']*')
  return new RegExp(`(?:^|${VALUE_SEPARATOR})${source}(?:${VALUE_SEPARATOR}|$)`)
}

type TermTest = (row: Searchable) => boolean

/** One term as a test over a row, built once per query (not per row: 10,000 rows). */
function termTest(term: QueryTerm): TermTest {
  const { field, value } = term
  if (field === null) return (row) => row.text.includes(value)
  if (WHOLE_NAME_FIELDS.has(field)) {
    const pattern = wholeNamePattern(value)
    return (row) => pattern.test(row.fields[field])
  }
  // A value never contains the separator, so a match inside the joined string is a match inside one value.
  return (row) => row.fields[field].includes(value)
}

/** A predicate for the whole query: every term must hold (negated terms must not). */
export function compileQuery(query: string): (row: Searchable) => boolean {
  const terms = parseQuery(query)
  if (terms.length === 0) return () => true
  const tests = terms.map((term) => ({ test: termTest(term), negate: term.negate }))
  return (row) => tests.every(({ test, negate }) => test(row) !== negate)
}

/** The qualifier being typed at the end of the query (for completion hints), if any. */
export function trailingQualifier(query: string): Qualifier | null {
  const last = tokenize(query).at(-1) ?? ''
  const field = last.replace(/^-/, '').split(':')[0]?.toLowerCase() ?? ''
  return last.includes(':') && isQualifier(field) ? field : null
}
