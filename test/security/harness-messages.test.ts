// Attack: hostile WebSocket messages to the web harness (issue 10, item 13).
// It is also the demo: a `null` message or a frame over 1 MiB used to end the
// process. Every message now gets an answer, an oversized frame closes only
// that socket (1009), and the harness keeps serving.
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createLogger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import { startHarness, MAX_FRAME_BYTES, type Harness } from '../harness/server'

let harness: Harness
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-sec-harness-'))
  harness = await startHarness({
    userDataDir: dir,
    secretStore: new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` }),
    logger: createLogger({ level: 'silent' }),
    refreshOnStart: false,
    learnFacts: false,
    rendererDir: dir
  })
})

afterAll(async () => {
  await harness.close()
  await rm(dir, { recursive: true, force: true })
})

async function openSocket(): Promise<WebSocket> {
  const token = new URL(harness.url).searchParams.get('token')!
  const ws = new WebSocket(`${harness.origin.replace('http', 'ws')}/__harness/ws?token=${token}`, { headers: { origin: harness.origin } })
  await once(ws, 'open')
  return ws
}

/** The next reply that is not a push event. */
async function reply(ws: WebSocket): Promise<{ id: number | null; result: { ok: boolean; error?: { code: string } } }> {
  for (;;) {
    const [data] = (await once(ws, 'message', { signal: AbortSignal.timeout(5000) })) as [Buffer]
    const parsed = JSON.parse(String(data)) as { id?: number | null; event?: string }
    if (!('event' in parsed)) return parsed as never
  }
}

describe('the harness bridge under hostile messages', () => {
  it.each([['null'], ['42'], ['"text"'], ['[]'], ['{"channel":"app.info"}'], ['not json']])('answers %s with a validation error and stays up', async (message) => {
    const ws = await openSocket()
    ws.send(message)
    const answer = await reply(ws)
    expect(answer).toEqual({ id: null, result: { ok: false, error: { code: 'validation', message: expect.any(String) } } })
    ws.send(JSON.stringify({ id: 7, channel: 'app.info' }))
    expect((await reply(ws)).result.ok).toBe(true)
    ws.close()
  })

  it('closes only the socket that sent a frame over 1 MiB (1009), and keeps serving others', async () => {
    const ws = await openSocket()
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1))
    const [code] = (await once(ws, 'close', { signal: AbortSignal.timeout(5000) })) as [number]
    expect(code).toBe(1009)
    const next = await openSocket()
    next.send(JSON.stringify({ id: 1, channel: 'app.info' }))
    expect((await reply(next)).result.ok).toBe(true)
    next.close()
  })
})
