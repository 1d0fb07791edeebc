// A contract-driven fuzz of every IPC channel (issue 10: "keep the attacks as
// tests"). For each channel in the contract's table, arbitrary payloads — null,
// arrays, huge strings, lone surrogates, `__proto__` / `constructor` keys, deep
// nesting, numbers out of range, Maps, BigInts — built around the channel's own
// field names, go through the real dispatcher into a real core with both
// simulators. Every call must resolve to an envelope (never throw), never be
// `internal`, send no provider request when it is refused as `validation`, and
// leave the core usable and Object.prototype untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { contract, type Envelope } from '../../src-main/shared/contract'
import { INVOKE_CHANNELS } from '../../src-main/shared/ipc-channels'
import type { Simulator } from '../simulators/index'
import { unwrap } from '../support/core-fixture'
import { startCoreWithAccounts, type CoreWithAccounts } from '../support/simulator-pair'
import { refreshAll } from '../integration/fleet-support'

let env: CoreWithAccounts
let serverKeys: string[] = []

beforeAll(async () => {
  env = await startCoreWithAccounts({ seed: 53, accounts: 1, serversPerAccount: 3 }, { seed: 53, accounts: 1, serversPerAccount: 6 })
  serverKeys = (await refreshAll(env.fx)).map((s) => s.key)
  unwrap(await env.fx.dispatch('fleet.setLive', { intervalSec: 0, windowVisible: false }))
})
afterAll(() => env?.close())

// ---------------------------------------------------------------- payloads

/** The field names a schema reads at its top level (objects, optionals, unions, pipes). */
function fieldsOf(schema: unknown, depth = 0): string[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
  if (!def || depth > 6) return []
  if (def.type === 'object') return Object.keys(def.shape as object)
  if (def.type === 'union') return (def.options as unknown[]).flatMap((o) => fieldsOf(o, depth + 1))
  for (const inner of [def.innerType, def.in, def.schema]) if (inner) return fieldsOf(inner, depth + 1)
  return []
}

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

/** An object whose own keys include `__proto__`, as JSON.parse (and structured clone) make them. */
function withOwnKeys(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  return out
}

const HUGE = 'x'.repeat(1_000_000)
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype']

const hostileLeaf = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    HUGE,
    '\uD800'.repeat(10_000),
    '..',
    '',
    '\u0000',
    'acc_00000000:..',
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    2 ** 31,
    -(2 ** 31) - 1,
    true,
    [],
    {},
    nested(5_000, (v) => ({ a: v })),
    nested(5_000, (v) => [v]),
    JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
    Array.from({ length: 100_000 }, () => 'k')
  ),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true })
)

/**
 * Real ids for the fields that name what a call acts on, so part of the payloads
 * pass the first checks and reach the handler with hostile neighbours. Only
 * ids that cannot destroy the fixture: no account `id` (remove), no console keys.
 */
function plausible(field: string): fc.Arbitrary<unknown> {
  const accounts = [env.aluyAcc.id, env.elizonAcc.id]
  if (field === 'accountId') return fc.constantFrom(...accounts)
  if (field === 'accountIds') return fc.subarray(accounts, { minLength: 1 })
  if (field === 'key') return fc.constantFrom(...serverKeys)
  if (field === 'keys') return fc.subarray(serverKeys, { minLength: 1 })
  return hostileLeaf
}

/** A payload shaped like the channel's input (its field names; real ids or hostile values) or anything at all. */
function payloadFor(channel: (typeof INVOKE_CHANNELS)[number]): fc.Arbitrary<unknown> {
  const fields = fieldsOf(contract[channel].input)
  const keys = [...fields, ...POLLUTION_KEYS]
  const entry = fc.constantFrom(...keys).chain((k) => fc.tuple(fc.constant(k), fc.oneof(plausible(k), hostileLeaf)))
  const shaped = fc.array(entry, { maxLength: 6 }).map(withOwnKeys)
  return fc.oneof(shaped, hostileLeaf, fc.array(hostileLeaf, { maxLength: 4 }))
}

// ---------------------------------------------------------------- checks

const sims = (): Simulator[] => [env.aluy, env.elizon]
const counts = () => sims().map((s) => s.requests.length)
const sentSince = (before: number[]) => sims().flatMap((s, i) => s.requests.slice(before[i]).map((r) => `${s.provider} ${r.method} ${r.path}`))

/** Waits until no simulator request is open and none arrived for a moment (a call that passed may start background work). */
async function quiet(): Promise<void> {
  let last = -1
  for (let i = 0; i < 200; i++) {
    const total = counts().reduce((a, b) => a + b, 0)
    const open = sims().some((s) => s.requests.some((r) => r.status === 0))
    if (!open && total === last) return
    last = total
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Puts back what a passing call may have switched on, so no background request lands in another call's window. */
async function settle(): Promise<void> {
  await env.fx.dispatch('fleet.setLive', { intervalSec: 0, windowVisible: false })
  await env.fx.dispatch('settings.set', { ticketNotifications: false })
  await quiet()
}

const tally = { calls: 0, validation: 0, passed: 0, byCode: new Map<string, number>() }

async function check(channel: unknown, payload: unknown): Promise<void> {
  const before = counts()
  let res: Envelope<unknown>
  try {
    res = await env.fx.dispatch(channel, payload)
  } catch (error) {
    throw new Error(`dispatch threw for ${String(channel)}: ${String(error)}`)
  }
  tally.calls++
  expect(typeof res.ok).toBe('boolean')
  if (res.ok) {
    tally.passed++
    await settle()
    return
  }
  tally.byCode.set(res.error.code, (tally.byCode.get(res.error.code) ?? 0) + 1)
  expect(res.error.code, `${String(channel)}: ${res.error.message}`).not.toBe('internal')
  expect(typeof res.error.message).toBe('string')
  if (res.error.code === 'validation' || res.error.code === 'ipc-rejected') {
    tally.validation++
    expect(sentSince(before), `${String(channel)} was refused but sent requests`).toEqual([])
  } else {
    await settle()
  }
}

describe('IPC fuzz: every channel of the contract', () => {
  it.each(INVOKE_CHANNELS.map((c) => [c]))('%s: envelopes only, never internal, nothing sent when refused', async (channel) => {
    await fc.assert(
      fc.asyncProperty(payloadFor(channel), (payload) => check(channel, payload)),
      { numRuns: 25 }
    )
  })

  it('unknown and hostile channel names are refused as ipc-rejected', async () => {
    const names = fc.oneof(fc.constantFrom<unknown>('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app', 'app.', '.info', null, 42, {}, ['app.info'], HUGE), fc.anything())
    await fc.assert(
      fc.asyncProperty(names, hostileLeaf, async (name, payload) => {
        fc.pre(!(INVOKE_CHANNELS as readonly unknown[]).includes(name))
        const res = await env.fx.dispatch(name, payload)
        expect(res).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } })
        expect((res as { error: { message: string } }).error.message.length).toBeLessThan(200)
      }),
      { numRuns: 60 }
    )
  })

  it('afterwards the core still answers, nothing polluted Object.prototype, and the figures are reported', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
    const accounts = unwrap(await env.fx.dispatch('accounts.list', undefined)) as unknown[]
    expect(accounts).toHaveLength(2)
    const fleet = unwrap(await env.fx.dispatch('fleet.refresh', undefined)) as { servers: unknown[] }
    expect(fleet.servers.length).toBe(9)
    expect(unwrap(await env.fx.dispatch('settings.get', undefined))).toMatchObject({ locale: expect.any(String) })
    console.info(`ipc-fuzz: ${tally.calls} calls over ${INVOKE_CHANNELS.length} channels; refused ${tally.validation}, passed ${tally.passed}; codes ${JSON.stringify(Object.fromEntries(tally.byCode))}`)
    expect(tally.calls).toBeGreaterThanOrEqual(INVOKE_CHANNELS.length * 25)
  })
})
