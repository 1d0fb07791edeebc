import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { readJsonFile, writeJsonAtomic } from './json-file'

const Schema = z.object({ n: z.number() })

describe('JSON files in userData', () => {
  it('writes atomically and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-json-'))
    const path = join(dir, 'nested', 'a.json')
    await writeJsonAtomic(path, { n: 1 })
    await writeJsonAtomic(path, { n: 2 })
    expect(await readJsonFile(path, Schema)).toEqual({ status: 'ok', value: { n: 2 } })
    expect(await readdir(join(dir, 'nested'))).toEqual(['a.json'])
  })

  it('reports a missing file as missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-json-'))
    expect(await readJsonFile(join(dir, 'none.json'), Schema)).toEqual({ status: 'missing' })
  })

  it.each([
    ['truncated JSON', '{"n":', 'not valid JSON'],
    ['the wrong shape', '{"n":"one"}', 'unexpected content']
  ])('sets a file with %s aside, keeping its bytes', async (_name, content, reason) => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-json-'))
    const path = join(dir, 'a.json')
    await writeFile(path, content)
    const read = await readJsonFile(path, Schema)
    expect(read.status).toBe('corrupt')
    if (read.status !== 'corrupt') return
    expect(read.reason).toBe(reason)
    expect(await readFile(read.movedTo, 'utf8')).toBe(content)
    expect(await readJsonFile(path, Schema)).toEqual({ status: 'missing' })
  })
})
