// JSON files in userData: written atomically (temp file, fsync, rename) so a crash
// never leaves half a file, one write per file at a time, and read defensively:
// a file that does not parse, does not match its schema, or cannot be read at
// all (a directory or a FIFO in its place, a symlink loop, no permission) is
// moved aside where possible (never deleted) and reported, so the app starts.
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { z } from 'zod'
import { FlotillaError } from '../../shared/errors'
import { runForPath } from './serial-queue'

export type ReadResult<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'corrupt'; movedTo: string; reason: string }
  /** Not a readable file; `movedTo` is null when it could not be moved aside either. */
  | { status: 'unreadable'; movedTo: string | null; reason: string }

/** The temp name of an atomic write: `.<name>.<12 hex>.tmp` next to the file (see cleanLeftoverTemps). */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
}

export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return runForPath(path, () => writeNow(path, JSON.stringify(value, null, 2) + '\n'))
}

async function writeNow(path: string, text: string): Promise<void> {
  const tmp = tempNameFor(path)
  try {
    await mkdir(dirname(path), { recursive: true })
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw new FlotillaError('storage', `Could not write ${basename(path)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`)
  }
}

export async function readJsonFile<S extends z.ZodType>(path: string, schema: S): Promise<ReadResult<z.output<S>>> {
  const read = await readText(path)
  if (read.status === 'missing') return read
  if (read.status === 'unreadable') return { status: 'unreadable', movedTo: await setAside(path, 'unreadable').catch(() => null), reason: read.reason }
  const reason = parseProblem(read.text, schema)
  if (reason === null) return { status: 'ok', value: schema.parse(JSON.parse(read.text)) as z.output<S> }
  const movedTo = await setAside(path, 'corrupt')
  return { status: 'corrupt', movedTo, reason }
}

type TextRead = { status: 'missing' } | { status: 'ok'; text: string } | { status: 'unreadable'; reason: string }

/**
 * Opened non-blocking and checked to be a regular file before reading: a FIFO
 * in the file's place would otherwise hang start-up forever, and a directory
 * would throw EISDIR.
 */
async function readText(path: string): Promise<TextRead> {
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { status: 'missing' }
    return { status: 'unreadable', reason: code ?? 'error' }
  }
  try {
    if (!(await handle.stat()).isFile()) return { status: 'unreadable', reason: 'not a file' }
    return { status: 'ok', text: await handle.readFile('utf8') }
  } catch (e) {
    return { status: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'error' }
  } finally {
    await handle.close()
  }
}

function parseProblem(text: string, schema: z.ZodType): string | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return 'not valid JSON'
  }
  const parsed = schema.safeParse(data)
  return parsed.success ? null : 'unexpected content'
}

/** Moves a damaged file (or whatever is in its place) next to itself with a timestamp, so nothing is lost. */
async function setAside(path: string, kind: 'corrupt' | 'unreadable'): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const movedTo = `${path}.${kind}-${stamp}`
  await rename(path, movedTo)
  return movedTo
}
