// The backups section over a fake bridge: hidden (and silent) for aluy; for
// elizon the list, a delete that asks first and names server and backup, and a
// failed restore shown next to it in the API's own words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import type { BackupList } from '@shared/contracts/backups'
import type { Server } from '@shared/domain'
import { FlotillaError } from '@shared/errors'
import BackupsSection from './BackupsSection.vue'
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

const list: BackupList = {
  fetchedAt: '2026-01-01T00:00:00.000Z',
  backups: [
    { id: 'b1', name: 'weekly', createdAt: '2026-01-01T10:00:00.000Z', sizeBytes: 2 * 1024 ** 3, status: 'completed', locked: true },
    { id: 'b2', name: 'nightly', createdAt: '2026-01-02T10:00:00.000Z', sizeBytes: null, status: 'completed', locked: false }
  ]
}

let fake: FakeBridge
let wrapper: VueWrapper | undefined

beforeEach(() => {
  fake = createFakeBridge({
    'backups.list': () => list,
    'backups.delete': () => ({ message: 'Backup deleted', backup: null }),
    'backups.restore': () => {
      throw new FlotillaError('conflict', 'A backup creation is already running for this service', { status: 409 })
    }
  })
  window.flotilla = fake.bridge
})
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

async function mountSection(s: Server): Promise<VueWrapper> {
  wrapper = mount(BackupsSection, { props: { server: s }, global: { plugins: [createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }]] } })
  await flushPromises()
  return wrapper
}

const button = buttonNamed

describe('BackupsSection', () => {
  it('shows nothing and asks nothing for an aluy server', async () => {
    const w = await mountSection({ ...server, provider: 'aluy' })
    expect(w.html()).toBe('<!--v-if-->')
    expect(fake.calls).toEqual([])
  })

  it('lists the backups with their size and status; a locked one cannot be deleted', async () => {
    const w = await mountSection(server)
    expect(w.get('table').attributes('aria-label')).toBe('Backups of web-01')
    const rows = w.findAll('tbody tr').map((r) => r.text())
    expect(rows[0]).toContain('weekly')
    expect(rows[0]).toContain('2 GB')
    expect(rows[0]).toContain('Completed')
    expect(button(w, 'Delete weekly').attributes('disabled')).toBeDefined()
  })

  it('deletes only after a confirmation naming the server and the backup', async () => {
    const w = await mountSection(server)
    await button(w, 'Delete nightly').trigger('click')
    const group = w.get('[role="group"]')
    expect(group.attributes('aria-label')).toBe('Confirm: Delete backup')
    expect(group.text()).toContain('“nightly”')
    expect(group.text()).toContain('web-01')
    expect(fake.calls.filter((c) => c.channel === 'backups.delete')).toEqual([])
    await button(w, 'Delete backup').trigger('click')
    await flushPromises()
    expect(fake.calls.filter((c) => c.channel === 'backups.delete').map((c) => c.input)).toEqual([{ key: server.key, backupId: 'b2' }])
    expect(w.get('[role="status"]').text()).toBe('Backup “nightly” deleted.')
  })

  it('shows a failed restore next to it in the API’s words, and keeps the confirmation open', async () => {
    const w = await mountSection(server)
    await button(w, 'Restore weekly').trigger('click')
    expect(w.get('[role="group"]').text()).toContain('overwrites the server’s disk')
    await button(w, 'Restore now').trigger('click')
    await flushPromises()
    const alerts = w.findAll('[role="alert"]').map((a) => a.text())
    expect(alerts).toContainEqual(expect.stringContaining('Restore backup failed: '))
    expect(alerts).toContainEqual(expect.stringContaining('A backup creation is already running for this service'))
    expect(w.find('[role="group"]').exists()).toBe(true)
  })
})
