// The firewall section over a fake bridge: hidden (and silent) for aluy; for an
// elizon VPS the rules, an "Add rule" whose problems are shown inline before
// anything is sent, an "Enabled" choice when adding, an edit that sends only
// what changed, a toggle that sends only `enabled`, a delete that asks first
// naming the rule and the server, and a refused change in the API's own words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import type { FirewallList } from '@shared/contracts/firewall'
import type { Server } from '@shared/domain'
import { FlotillaError } from '@shared/errors'
import FirewallSection from './FirewallSection.vue'
import { createFlotillaI18n } from '../../i18n'
import { createFakeBridge, type FakeBridge } from '../../testing/fake-bridge'
import { buttonNamed } from '../../testing/find'
import { makeServer } from '../../fleet/testing-rows'

const server: Server = makeServer({
  id: 'svc1',
  accountId: 'acc_abcdefgh',
  provider: 'elizon',
  label: 'web-01',
  statusText: 'RUNNING',
  vcpu: 2,
  ramMb: 4096,
  diskGb: 80
})

const list: FirewallList = {
  fetchedAt: '2026-01-01T00:00:00.000Z',
  rules: [
    { id: '1', direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '22', source: null, comment: 'ssh', enabled: true },
    { id: '2', direction: 'in', action: 'DROP', protocol: null, port: null, source: '203.0.113.9/32', comment: null, enabled: false }
  ]
}

let fake: FakeBridge
let wrapper: VueWrapper | undefined

beforeEach(() => {
  fake = createFakeBridge({
    'firewall.list': () => list,
    'firewall.create': () => ({ message: 'Firewall rule created', rule: null }),
    'firewall.delete': () => ({ message: 'Firewall rule deleted', rule: null }),
    'firewall.update': () => {
      throw new FlotillaError('bad-request', 'Invalid firewall rule: dport requires proto tcp or udp', { status: 400 })
    }
  })
  window.flotilla = fake.bridge
})
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

async function mountSection(s: Server): Promise<VueWrapper> {
  // Attached, so focus moves can be checked.
  wrapper = mount(FirewallSection, { attachTo: document.body, props: { server: s }, global: { plugins: [createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }]] } })
  await flushPromises()
  return wrapper
}

const button = buttonNamed

const sent = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input)

describe('FirewallSection', () => {
  it('shows nothing and asks nothing for an aluy server', async () => {
    const w = await mountSection({ ...server, provider: 'aluy' })
    expect(w.html()).toBe('<!--v-if-->')
    expect(fake.calls).toEqual([])
  })

  it('lists the rules with direction, action, protocol, port, source and state', async () => {
    const w = await mountSection(server)
    expect(w.get('table').attributes('aria-label')).toBe('Firewall rules of web-01')
    const rows = w.findAll('tbody tr').map((r) => r.text())
    expect(rows[0]).toContain('ssh')
    expect(rows[0]).toContain('IncomingAcceptTCP22anywhereOn')
    expect(rows[1]).toContain('rule 2')
    expect(rows[1]).toContain('Drop')
    expect(rows[1]).toContain('203.0.113.9/32')
    expect(rows[1]).toContain('Off')
    expect(button(w, 'Disable rule ssh').exists()).toBe(true)
    expect(button(w, 'Enable rule rule 2').exists()).toBe(true)
  })

  it('shows the problems of a new rule next to its fields and sends nothing until they are fixed', async () => {
    const w = await mountSection(server)
    await w.get('#fw-port').setValue('70000')
    await w.get('#fw-source').setValue('nowhere')
    await button(w, 'Add rule').trigger('click')
    await flushPromises()
    expect(w.get('#fw-port-problem').text()).toBe('Enter a port from 1 to 65535, or a range such as 8000:8100.')
    expect(w.get('#fw-port').attributes('aria-invalid')).toBe('true')
    expect(w.get('#fw-port').attributes('aria-describedby')).toBe('fw-port-problem')
    expect(w.get('#fw-source-problem').text()).toContain('IPv4 or IPv6')
    expect(sent('firewall.create')).toEqual([])

    await w.get('#fw-port').setValue('8000:8100')
    await w.get('#fw-source').setValue('')
    await w.get('#fw-comment').setValue('api')
    expect(w.find('#fw-port-problem').exists()).toBe(false)
    await button(w, 'Add rule').trigger('click')
    await flushPromises()
    expect(sent('firewall.create')).toEqual([
      { key: server.key, rule: { direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '8000:8100', source: '', comment: 'api', enabled: true } }
    ])
    expect(w.get('[role="status"]').text()).toBe('Firewall rule added.')
  })

  it('deletes only after a confirmation naming the rule and the server', async () => {
    const w = await mountSection(server)
    await button(w, 'Delete rule ssh').trigger('click')
    const group = w.get('[role="group"]')
    expect(group.attributes('aria-label')).toBe('Confirm: Delete firewall rule')
    expect(group.text()).toContain('“ssh”')
    expect(group.text()).toContain('web-01')
    expect(sent('firewall.delete')).toEqual([])
    await button(w, 'Delete rule').trigger('click')
    await flushPromises()
    expect(sent('firewall.delete')).toEqual([{ key: server.key, ruleId: '1' }])
    expect(w.get('[role="status"]').text()).toBe('Rule “ssh” deleted.')
  })

  it('sends only `enabled` for a toggle, and shows a refusal next to the rule in the API’s words', async () => {
    const w = await mountSection(server)
    await button(w, 'Disable rule ssh').trigger('click')
    await flushPromises()
    expect(sent('firewall.update')).toEqual([{ key: server.key, ruleId: '1', changes: { enabled: false } }])
    const alert = w.get('[role="alert"]').text()
    expect(alert).toContain('Change firewall rule failed: ')
    expect(alert).toContain('Invalid firewall rule: dport requires proto tcp or udp')
  })

  it('adds a rule disabled when "Enabled" is unticked', async () => {
    const w = await mountSection(server)
    expect((w.get('#fw-enabled').element as HTMLInputElement).checked).toBe(true)
    expect(w.get('label[for="fw-enabled"]').text()).toBe('Enabled')
    await w.get('#fw-port').setValue('443')
    await w.get('#fw-enabled').setValue(false)
    await button(w, 'Add rule').trigger('click')
    await flushPromises()
    expect(sent('firewall.create')).toEqual([
      { key: server.key, rule: { direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '443', source: '', comment: '', enabled: false } }
    ])
  })

  it('edits a rule from its own values, sending only what changed (the protocol along with a new port)', async () => {
    fake.handle('firewall.update', () => ({ message: 'Firewall rule updated', rule: null }))
    const w = await mountSection(server)
    await button(w, 'Edit rule ssh').trigger('click')
    expect(button(w, 'Edit rule ssh').attributes('aria-expanded')).toBe('true')
    expect(w.get('fieldset legend').text()).toBe('Change rule “ssh”')
    expect((w.get('#fw-edit-1-port').element as HTMLInputElement).value).toBe('22')
    expect((w.get('#fw-edit-1-comment').element as HTMLInputElement).value).toBe('ssh')
    expect((w.get('#fw-edit-1-enabled').element as HTMLInputElement).checked).toBe(true)

    await w.get('#fw-edit-1-port').setValue('2222')
    await w.get('#fw-edit-1-comment').setValue('admin ssh')
    await button(w, 'Save changes').trigger('click')
    await flushPromises()
    expect(sent('firewall.update')).toEqual([{ key: server.key, ruleId: '1', changes: { port: '2222', protocol: 'tcp', comment: 'admin ssh' } }])
    expect(w.get('[role="status"]').text()).toBe('Rule “ssh” changed.')
    expect(w.find('#fw-edit-1-port').exists()).toBe(false)
    expect(document.activeElement?.id).toBe('fw-edit-open-1')

    // Rule 2 has no port: ticking "Enabled" sends that alone.
    await button(w, 'Edit rule rule 2').trigger('click')
    await w.get('#fw-edit-2-enabled').setValue(true)
    await button(w, 'Save changes').trigger('click')
    await flushPromises()
    expect(sent('firewall.update').at(-1)).toEqual({ key: server.key, ruleId: '2', changes: { enabled: true } })
  })

  it('shows an edit’s problems inline and sends nothing; a refusal then sits next to the form', async () => {
    const w = await mountSection(server)
    await button(w, 'Edit rule ssh').trigger('click')
    await button(w, 'Save changes').trigger('click')
    expect(w.text()).toContain('There is nothing to change.')

    await w.get('#fw-edit-1-port').setValue('70000')
    await w.get('#fw-edit-1-comment').setValue('')
    await button(w, 'Save changes').trigger('click')
    await flushPromises()
    expect(w.get('#fw-edit-1-port-problem').text()).toBe('Enter a port from 1 to 65535, or a range such as 8000:8100.')
    expect(w.get('#fw-edit-1-port').attributes('aria-describedby')).toBe('fw-edit-1-port-problem')
    expect(w.get('#fw-edit-1-comment-problem').text()).toContain('cannot be emptied')
    expect(w.find('#fw-port-problem').exists()).toBe(false)
    expect(sent('firewall.update')).toEqual([])

    // Fixed, it is sent; the fake refuses it, and the words stay next to the open form.
    await w.get('#fw-edit-1-port').setValue('2222')
    await w.get('#fw-edit-1-comment').setValue('ssh')
    await button(w, 'Save changes').trigger('click')
    await flushPromises()
    expect(sent('firewall.update')).toEqual([{ key: server.key, ruleId: '1', changes: { port: '2222', protocol: 'tcp' } }])
    const form = w.get('fieldset')
    const alert = form.get('[role="alert"]').text()
    expect(alert).toContain('Change firewall rule failed: ')
    expect(alert).toContain('Invalid firewall rule: dport requires proto tcp or udp')
    expect(form.find('#fw-edit-1-port').exists()).toBe(true)
  })

  it('cancel closes the edit without sending and returns focus to its Edit button', async () => {
    const w = await mountSection(server)
    await button(w, 'Edit rule ssh').trigger('click')
    await w.get('#fw-edit-1-port').setValue('2222')
    await button(w, 'Cancel').trigger('click')
    await flushPromises()
    expect(w.find('#fw-edit-1-port').exists()).toBe(false)
    expect(button(w, 'Edit rule ssh').attributes('aria-expanded')).toBe('false')
    expect(document.activeElement?.id).toBe('fw-edit-open-1')
    expect(sent('firewall.update')).toEqual([])
  })
})
