// JSON files in userData: written atomically (temp file, fsync, rename) so a crash
// never leaves half a file, and read defensively: a file that does not parse or
// does not match its schema is moved aside (never deleted) and reported.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { z } from 'zod'
import { FlotillaError } from '../../shared/errors'

export type ReadResult<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'corrupt'; movedTo: string; reason: string }

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dir, { recursive: true })
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(JSON.stringify(value, null, 2) + '\n', 'utf8')
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
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
    throw new FlotillaError('storage', `Could not read ${basename(path)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`)
  }
  const reason = parseProblem(text, schema)
  if (reason === null) return { status: 'ok', value: schema.parse(JSON.parse(text)) as z.output<S> }
  const movedTo = await setAside(path)
  return { status: 'corrupt', movedTo, reason }
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

/** Moves a damaged file next to itself with a timestamp so nothing is lost. */
async function setAside(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const movedTo = `${path}.corrupt-${stamp}`
  await rename(path, movedTo)
  return movedTo
}
