// Leftovers of interrupted atomic writes (the process was killed between
// creating the temp file and renaming it). They hold nothing the real file
// lacks, so they are removed at start — only names matching our own temp
// pattern, only in the folders we write to, never recursively elsewhere.
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** `.<name>.<12 hex>.tmp` (json-file, invoice cache) and `<name>.<12 hex>.tmp` (ticket cache). */
export const LEFTOVER_TEMP = /^\.?[^/\\]+\.[0-9a-f]{12}\.tmp$/

/** Removes our temp leftovers in `dir`; returns how many went. A missing folder has none. */
export async function cleanLeftoverTemps(dir: string): Promise<number> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return 0
  }
  const leftovers = names.filter((name) => LEFTOVER_TEMP.test(name))
  await Promise.all(leftovers.map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)))
  return leftovers.length
}

/**
 * userData itself and each account's cache folders (cache/<id>/, its invoices/,
 * invoices/pdf/ and tickets/): the places Flotilla's own atomic writes go.
 */
export async function cleanUserDataTemps(userDataDir: string): Promise<number> {
  const cacheDir = join(userDataDir, 'cache')
  const accounts = await readdir(cacheDir, { withFileTypes: true }).catch(() => [])
  const dirs = [userDataDir, cacheDir]
  for (const entry of accounts) {
    if (!entry.isDirectory()) continue
    const base = join(cacheDir, entry.name)
    dirs.push(base, join(base, 'invoices'), join(base, 'invoices', 'pdf'), join(base, 'tickets'))
  }
  const counts = await Promise.all(dirs.map(cleanLeftoverTemps))
  return counts.reduce((a, b) => a + b, 0)
}
