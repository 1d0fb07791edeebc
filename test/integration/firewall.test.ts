// Firewall rules through main's real core against the elizon simulator over
// HTTP: list, create (Proxmox field names on the wire, the list then shows it),
// disable with a PATCH of `enable` alone, an edit of the comment alone that
// leaves the rest of the rule as it was, delete, the API's own words for 404 /
// 400 / 403, a broken body as invalid-response, one attempt only for the
// changes even on a 5xx, bad input refused before any request, aluy refused in
// words, and the activity entries written.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FirewallRuleChanges, type FirewallList, type FirewallOutcome } from '../../src-main/shared/contracts/firewall'
import type { Account } from '../../src-main/shared/domain'
import { parseFirewallList, proxmoxFields } from '../../src-main/core/providers/elizon/elizon-firewall'
import type { AluySimulator, ElizonSimulator } from '../simulators/index'
import { firewallOf } from '../simulators/elizon/routes/firewall'
import type { ElizonService } from '../simulators/elizon/model'
import { fails as failsOn, makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'
import { activityOf, addAccount, keyOf, refreshAll, requestsSince } from './fleet-support'

let sims: SimulatorPair
let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let elizonAcc: Account
let aluyAcc: Account

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 43, accounts: 1, serversPerAccount: 3 }, { seed: 43, accounts: 1, serversPerAccount: 50 })
  aluy = sims.aluy
  elizon = sims.elizon
})
afterAll(() => sims?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
  elizonAcc = await addAccount(fx, elizon, 0)
  aluyAcc = await addAccount(fx, aluy, 0)
  await refreshAll(fx)
})
afterEach(async () => {
  sims.clearFaults()
  await fx.cleanup()
})

/** Running KVM servers with seeded rules; each test takes its own so none sees another's effects. */
let taken = 0
function nextVps(): ElizonService {
  const found = elizon.state
    .servicesOf(elizon.accounts[0]!.id)
    .filter((s) => s.type === 'PROXMOX' && s.status === 'RUNNING' && firewallOf(elizon.state, s).length > 0)
  const vps = found[taken++]
  if (!vps) throw new Error(`the seed has only ${found.length} running KVM servers with firewall rules`)
  return vps
}

const call = async <T>(channel: string, input: unknown): Promise<T> => unwrap(await fx.dispatch(channel, input)) as T
const fails = (channel: string, input: unknown) => failsOn(fx, channel, input)
const activity = () => activityOf(fx)

describe('elizon firewall rules', () => {
  it('lists the service’s rules with direction, action, protocol, port, source, comment and state', async () => {
    const vps = nextVps()
    const list = await call<FirewallList>('firewall.list', { key: keyOf(elizonAcc, vps.id) })
    const seeded = firewallOf(elizon.state, vps)
    expect(list.rules.map((r) => r.id)).toEqual(seeded.map((r) => String(r.id)))
    expect(list.rules[0]).toEqual({ id: String(seeded[0]!.id), direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '22', source: null, comment: 'ssh', enabled: true })
    expect(list.rules[2]).toMatchObject({ action: 'DROP', protocol: null, port: null, source: seeded[2]!.source, comment: null, enabled: false })
  })

  it('creates a rule once with Proxmox field names, the list then shows it, and the activity says so', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const since = requestsSince(elizon)
    const created = await call<FirewallOutcome>('firewall.create', {
      key,
      rule: { direction: 'in', action: 'ACCEPT', protocol: 'udp', port: ' 51820 ', source: '198.51.100.0/24', comment: 'wireguard' }
    })
    const sent = since()
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/services/${vps.id}/firewall`])
    const stored = firewallOf(elizon.state, vps).at(-1)!
    expect(stored).toMatchObject({ type: 'in', action: 'ACCEPT', proto: 'udp', dport: '51820', source: '198.51.100.0/24', comment: 'wireguard', enable: 1 })
    expect(created).toEqual({
      message: 'Firewall rule created',
      rule: { id: String(stored.id), direction: 'in', action: 'ACCEPT', protocol: 'udp', port: '51820', source: '198.51.100.0/24', comment: 'wireguard', enabled: true }
    })
    const list = await call<FirewallList>('firewall.list', { key })
    expect(list.rules.at(-1)!.id).toBe(String(stored.id))
    expect((await activity())[0]).toMatchObject({ serverKey: key, serverLabel: vps.name, action: 'firewall-create', result: 'ok', provider: 'elizon' })
  })

  it('disables a rule with a PATCH carrying only `enable`, and records it', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const rule = firewallOf(elizon.state, vps)[0]!
    const since = requestsSince(elizon)
    const updated = await call<FirewallOutcome>('firewall.update', { key, ruleId: String(rule.id), changes: { enabled: false } })
    expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/services/${vps.id}/firewall/${rule.id}`])
    expect(updated.rule).toMatchObject({ id: String(rule.id), enabled: false, port: '22' })
    expect(firewallOf(elizon.state, vps)[0]!.enable).toBe(0)
    expect((await activity())[0]).toMatchObject({ serverKey: key, action: 'firewall-update', result: 'ok' })
  })

  it('changes only the comment when only the comment is given', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const before = { ...firewallOf(elizon.state, vps)[0]! }
    // The PATCH body (the simulator does not record bodies): Proxmox's name for the one field.
    expect(proxmoxFields(FirewallRuleChanges.parse({ comment: ' admin ssh ' }))).toEqual({ comment: 'admin ssh' })
    const since = requestsSince(elizon)
    await call<FirewallOutcome>('firewall.update', { key, ruleId: String(before.id), changes: { comment: ' admin ssh ' } })
    expect(since().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/services/${vps.id}/firewall/${before.id}`])
    expect(firewallOf(elizon.state, vps)[0]).toEqual({ ...before, comment: 'admin ssh' })
  })

  it('deletes a rule; the list no longer has it; an unknown rule is not-found and recorded as failed', async () => {
    const vps = nextVps()
    const key = keyOf(elizonAcc, vps.id)
    const rule = firewallOf(elizon.state, vps)[1]!
    const deleted = await call<FirewallOutcome>('firewall.delete', { key, ruleId: String(rule.id) })
    expect(deleted.message).toBe('Firewall rule deleted')
    expect((await call<FirewallList>('firewall.list', { key })).rules.map((r) => r.id)).not.toContain(String(rule.id))
    const again = await fails('firewall.delete', { key, ruleId: String(rule.id) })
    expect(again).toMatchObject({ code: 'not-found', status: 404, message: 'Not found' })
    const [failed, done] = await activity()
    expect(failed).toMatchObject({ action: 'firewall-delete', result: 'failed', errorCode: 'not-found' })
    expect(done).toMatchObject({ action: 'firewall-delete', result: 'ok' })
  })

  it('a change the API refuses as an invalid rule is a 400 in its own words', async () => {
    const vps = nextVps()
    const rule = firewallOf(elizon.state, vps)[0]! // tcp 22: icmp would leave a port without tcp / udp
    const error = await fails('firewall.update', { key: keyOf(elizonAcc, vps.id), ruleId: String(rule.id), changes: { protocol: 'icmp' } })
    expect(error).toMatchObject({ code: 'bad-request', status: 400, message: 'Invalid firewall rule: dport requires proto tcp or udp', issues: ['dport requires proto tcp or udp'] })
    expect(firewallOf(elizon.state, vps)[0]!.proto).toBe('tcp')
  })

  it('input that breaks the rules is refused before any request', async () => {
    const vps = nextVps()
    const since = requestsSince(elizon)
    const error = await fails('firewall.create', { key: keyOf(elizonAcc, vps.id), rule: { direction: 'in', action: 'DROP', protocol: 'icmp', port: '22' } })
    expect(error.code).toBe('validation')
    expect(since()).toEqual([])
  })

  it('a key without the settings permission may list but not change, refused in the API’s words', async () => {
    const scoped = elizon.addAccount({ servers: 12, permissions: ['view'] })
    const acc = await addAccount(fx, elizon, elizon.accounts.indexOf(scoped), 'scoped')
    await refreshAll(fx)
    const vps = elizon.state.servicesOf(scoped.id).find((s) => s.type === 'PROXMOX' && s.status === 'RUNNING')!
    const key = keyOf(acc, vps.id)
    await call<FirewallList>('firewall.list', { key })
    const error = await fails('firewall.create', { key, rule: { direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '443' } })
    expect(error).toMatchObject({ code: 'forbidden', status: 403, message: 'Insufficient permissions' })
  })

  it('a create that fails with a 5xx is not retried, and is recorded as failed', async () => {
    const vps = nextVps()
    const before = firewallOf(elizon.state, vps).length
    elizon.inject({ kind: '5xx', path: `/api/services/${vps.id}/firewall`, method: 'POST', times: 3 })
    const since = requestsSince(elizon)
    const error = await fails('firewall.create', { key: keyOf(elizonAcc, vps.id), rule: { direction: 'out', action: 'REJECT' } })
    expect(error.code).toBe('upstream')
    expect(since()).toHaveLength(1)
    expect(firewallOf(elizon.state, vps)).toHaveLength(before)
    expect((await activity())[0]).toMatchObject({ action: 'firewall-create', result: 'failed', errorCode: 'upstream' })
  })

  it('a malformed body is invalid-response', async () => {
    const vps = nextVps()
    elizon.inject({ kind: 'malformed-json', path: `/api/services/${vps.id}/firewall`, method: 'GET', times: 5 })
    const error = await fails('firewall.list', { key: keyOf(elizonAcc, vps.id) })
    expect(error.code).toBe('invalid-response')
  })

  it('aluy servers have no firewall rules: refused in words without a request', async () => {
    const service = aluy.state.servicesOf(aluy.accounts[0]!.id)[0]!
    const since = requestsSince(aluy)
    const error = await fails('firewall.list', { key: keyOf(aluyAcc, service.id) })
    expect(error).toMatchObject({ code: 'bad-request', message: 'aluy offers no firewall rules through its API, so Flotilla cannot manage them for this server.' })
    expect(since()).toEqual([])
  })
})

describe('reading elizon’s firewall rules tolerantly', () => {
  it('takes rules under data.rules, Proxmox positions as ids, other field names and flags, and skips rules without an id', () => {
    const rules = parseFirewallList(
      {
        success: true,
        data: {
          rules: [
            { pos: 0, direction: 'IN', action: 'accept', protocol: 'TCP', port: 8080, src: '10.0.0.0/8', enabled: true, extra: 1 },
            { ruleId: 'r-2', type: 'group', action: 'drop', proto: '', enable: '0', comment: 'old' },
            { type: 'in', action: 'ACCEPT' }
          ]
        }
      },
      'acc_test0000'
    )
    expect(rules).toEqual([
      { id: '0', direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '8080', source: '10.0.0.0/8', comment: null, enabled: true },
      { id: 'r-2', direction: 'group', action: 'DROP', protocol: null, port: null, source: null, comment: 'old', enabled: false }
    ])
  })

  it('names the fields it received when there is no list, never their values', () => {
    expect(() => parseFirewallList({ success: true, items: [{ id: 'secret-value' }] }, 'acc_test0000')).toThrow(
      expect.objectContaining({ code: 'invalid-response', message: 'elizon answered with the firewall rule list in a shape Flotilla does not know (fields: items).' })
    )
  })

  it('refuses a list whose rules all lack an id', () => {
    expect(() => parseFirewallList({ rules: [{ type: 'in', when: 'x' }] }, 'acc_test0000')).toThrow(
      expect.objectContaining({ code: 'invalid-response', message: 'elizon answered with 1 firewall rules without an id in a shape Flotilla does not know (fields: type, when).' })
    )
  })
})
