import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger'
import { RotatingFile } from './rotating-file'

describe('the rotating log file', () => {
  it('never lets a file pass its cap and keeps only `keep` old files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-rot-'))
    const file = join(dir, 'flotilla.log')
    const out = new RotatingFile(file, { maxBytes: 1000, keep: 2 })
    const line = (i: number) => `${JSON.stringify({ i, pad: 'x'.repeat(80) })}\n`
    for (let i = 0; i < 100; i++) out.write(line(i))
    expect((await readdir(dir)).sort()).toEqual(['flotilla.log', 'flotilla.log.1', 'flotilla.log.2'])
    for (const name of await readdir(dir)) expect((await stat(join(dir, name))).size).toBeLessThanOrEqual(1000)
    // The newest lines are in the current file, the ones just before in .1, whole lines only.
    const current = (await readFile(file, 'utf8')).trim().split('\n')
    expect(JSON.parse(current.at(-1)!).i).toBe(99)
    const previous = (await readFile(`${file}.1`, 'utf8')).trim().split('\n')
    expect(JSON.parse(previous.at(-1)!).i).toBe(JSON.parse(current[0]!).i - 1)
  })

  it('continues an existing file after a restart and counts its size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-rot-'))
    const file = join(dir, 'flotilla.log')
    new RotatingFile(file, { maxBytes: 100 }).write('a'.repeat(90) + '\n')
    new RotatingFile(file, { maxBytes: 100 }).write('b'.repeat(20) + '\n')
    expect(await readFile(`${file}.1`, 'utf8')).toBe('a'.repeat(90) + '\n')
    expect(await readFile(file, 'utf8')).toBe('b'.repeat(20) + '\n')
  })

  it('is what the logger writes to: 2,000 requests at debug stay out of an info log, and the log stays capped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-rot-'))
    const file = join(dir, 'logs', 'flotilla.log')
    const log = createLogger({ file, rotation: { maxBytes: 4096, keep: 1 } })
    for (let i = 0; i < 2000; i++) log.debug('http', { url: `https://x/api/services/${i}`, status: 200 })
    for (let i = 0; i < 200; i++) log.info('summary', { i })
    const names = await readdir(join(dir, 'logs'))
    expect(names.sort()).toEqual(['flotilla.log', 'flotilla.log.1'])
    const all = (await Promise.all(names.map((n) => readFile(join(dir, 'logs', n), 'utf8')))).join('')
    expect(all).not.toContain('api/services')
    expect(all).toContain('"i":199')
  })
})
