#!/usr/bin/env node
// Extracts every JSON example from the provider API references into test
// fixtures, so that contract tests and the simulators start from what the
// references show, not from our reading of them. Re-run when a reference changes:
//
//   node scripts/extract-reference-fixtures.mjs [path/to/shared/api]
//
// Writes test/fixtures/reference/<provider>.json: one entry per example with the
// endpoint it belongs to (method + path), the HTTP status it documents, the label
// the reference gives it, its line, and the parsed JSON. An example the script
// cannot parse is kept with `json: null` and `parseError` (the contract tests
// list them explicitly, so none is silently dropped).
//
// The references are plain text copied from web pages: an endpoint's heading is
// `GET/api/reseller/v1/balance` (aluy, method glued to path) or `GET` on one line
// and `/api/ip-manager/[id]Auth` on the next (elizon); an error example follows a
// line like `409PREPAID resellers cannot …`; a success example follows
// "Successful response" (status from the heading's "Success: 200"). Examples
// start with `{` or `[` at the start of a line and end when brackets balance.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const apiDir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'api'))
const outDir = join(root, 'test', 'fixtures', 'reference')

const SOURCES = [
  { provider: 'aluy', file: 'aluy-reseller-api-v1.txt', pathPrefix: '/api/reseller/v1' },
  { provider: 'elizon', file: 'elizon-api.txt', pathPrefix: '/api' }
]

const METHOD = /^(GET|POST|PUT|PATCH|DELETE)\s*(\/\S*)?\s*$/
// The path is lower-case; what is glued after it ("VPS only", "destructive", "Auth") is not.
const GLUED = /^(GET|POST|PUT|PATCH|DELETE)(\/[a-z0-9\-/:[\]._]+)(.*)$/
const INLINE_REQUEST = /^(GET|POST|PUT|PATCH|DELETE) (\/api\/\S+)/
const ELIZON_PATH_LINE = /^(\/api\/[a-z0-9\-/:[\]._]*)(.*)$/
const ERROR_STATUS = /^([1-5]\d\d)([A-Za-z].*)$/
/** Tags glued after an aluy path that are lower-case too. */
const PATH_TAGS = /(destructive|not idempotent)+$/
/** A bracket that opens JSON, not prose such as "[DEPRECATED - 410 Gone]". */
const JSON_START = /^(\{|\[\s*($|[{"\d\]-]|\.\.\.))/
/**
 * Examples the reference shows under a general heading rather than an endpoint:
 * elizon's "Antwortformat" shows a services list ("Erfolg"), which is the only
 * services list it shows anywhere.
 */
const GENERAL_EXAMPLES = {
  'elizon:Erfolg': { method: 'GET', path: '/services', status: 200 },
  // Any endpoint: the generic error ("Authentication required" is a 401 in the status table),
  // the validation error (400) and the rate limit (429).
  'elizon:Fehler': { status: 401 },
  'elizon:Validierungsfehler': { status: 400 },
  'elizon:Rate-Limiting': { status: 429 }
}

/** Where each bracket run ends: counts brackets outside strings. */
function balancedEnd(lines, start) {
  let depth = 0
  let inString = false
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]
    for (let c = 0; c < line.length; c++) {
      const ch = line[c]
      if (inString) {
        if (ch === '\\') c++
        else if (ch === '"') inString = false
      } else if (ch === '"') inString = true
      else if (ch === '{' || ch === '[') depth++
      else if (ch === '}' || ch === ']') {
        depth--
        if (depth === 0) return { end: i, tail: line.slice(c + 1).trim() }
      }
    }
  }
  return { end: lines.length - 1, tail: '' }
}

/**
 * The references' JSON is meant for people: `[...]` for "more of the same",
 * trailing commas, backslash-escaped backticks. Parse it as JSON after only those
 * repairs; anything else stays a parse error on the entry.
 */
function parseExample(text) {
  const repaired = text
    .replace(/\\`/g, '`')
    .replace(/^((?:[^"\n]|"(?:[^"\\\n]|\\.)*")*?)\s*\/\/.*$/gm, '$1')
    .replace(/\[\s*\.\.\.\s*\]/g, '[]')
    .replace(/,(\s*[}\]])/g, '$1')
  try {
    return { json: JSON.parse(repaired), parseError: null }
  } catch (error) {
    return { json: null, parseError: String(error.message ?? error) }
  }
}

function extract({ provider, file, pathPrefix }) {
  const lines = readFileSync(join(apiDir, file), 'utf8').split(/\r?\n/)
  const examples = []
  let endpoint = null // { method, path, successStatus }
  let pendingMethod = null
  let label = null
  let status = null
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]
    const line = raw.trim()
    const glued = GLUED.exec(line)
    if (glued && line.length > glued[1].length) {
      endpoint = { method: glued[1], path: glued[2].replace(PATH_TAGS, ''), successStatus: 200 }
      label = null
      status = null
      continue
    }
    if (METHOD.test(line) && !line.includes(' /')) {
      pendingMethod = line
      continue
    }
    if (pendingMethod) {
      const pathLine = ELIZON_PATH_LINE.exec(line)
      if (pathLine) {
        endpoint = { method: pendingMethod, path: pathLine[1], successStatus: 200 }
        label = null
        status = null
      }
      if (line !== '') pendingMethod = null
      if (pathLine) continue
    }
    const inline = INLINE_REQUEST.exec(line)
    if (inline) {
      endpoint = { method: inline[1], path: inline[2].replace(/\?.*$/, ''), successStatus: 200 }
      status = 200
      label = line
      continue
    }
    const success = /Success:\s*(\d{3})/.exec(line)
    if (success && endpoint) endpoint.successStatus = Number(success[1])
    if (/^Successful response$/.test(line)) {
      label = 'Successful response'
      status = endpoint?.successStatus ?? 200
      continue
    }
    const err = ERROR_STATUS.exec(line)
    if (err && !line.startsWith('{')) {
      status = Number(err[1])
      label = (err[2] ?? '').trim() || String(status)
      continue
    }
    if (/^Request body \(JSON\)$/.test(line)) {
      label = 'Request body (JSON)'
      status = null
      continue
    }
    if (JSON_START.test(line)) {
      const { end } = balancedEnd(lines, i)
      const text = lines.slice(i, end + 1).join('\n')
      const parsed = parseExample(text)
      const shownLabel = label ?? (lines.slice(Math.max(0, i - 3), i).map((l) => l.trim()).filter(Boolean).pop() ?? null)
      const general = GENERAL_EXAMPLES[`${provider}:${shownLabel}`]
      const isRequest = shownLabel === 'Request body (JSON)' || (shownLabel ?? '').startsWith('// Path')
      const isError = parsed.json && typeof parsed.json === 'object' && ('error' in parsed.json || parsed.json.success === false)
      examples.push({
        provider,
        kind: isRequest ? 'request' : 'response',
        method: general?.method ?? endpoint?.method ?? null,
        path: general?.path ?? (endpoint ? endpoint.path.replace(pathPrefix, '') || '/' : null),
        status: isRequest ? null : general?.status ?? (isError && (status === null || status < 300) ? null : status),
        label: shownLabel,
        line: i + 1,
        ...parsed
      })
      i = end
      continue
    }
    if (line !== '' && !/^curl|^-[dHX]|^https?:/.test(line)) {
      // Prose between examples: a new label for the next example unless it is an error line.
      if (line.length < 60 && !/[.:]$/.test(line)) label = line
    }
  }
  return examples
}

if (!existsSync(apiDir)) {
  console.error(`No references at ${apiDir}`)
  process.exit(1)
}
// --check: fail when the committed fixtures differ from what the references give now.
const check = process.argv.includes('--check')
mkdirSync(outDir, { recursive: true })
let stale = false
for (const source of SOURCES) {
  const examples = extract(source)
  const text = JSON.stringify(examples, null, 2) + '\n'
  const target = join(outDir, `${source.provider}.json`)
  if (check) {
    const same = existsSync(target) && readFileSync(target, 'utf8') === text
    if (!same) stale = true
    console.log(`${source.provider}: fixtures ${same ? 'up to date' : 'STALE — run npm run fixtures:reference'}`)
    continue
  }
  writeFileSync(target, text)
  const failed = examples.filter((e) => e.json === null).length
  console.log(`${source.provider}: ${examples.length} examples (${failed} not parseable) → test/fixtures/reference/${source.provider}.json`)
}
if (stale) process.exit(1)
