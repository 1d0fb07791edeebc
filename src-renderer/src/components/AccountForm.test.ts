import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import type { AccountSaveResult } from '@shared/contract'
import type { Account, VerifyResult } from '@shared/domain'
import { FlotillaError } from '@shared/errors'
import AccountForm from './AccountForm.vue'
import { createFlotillaI18n } from '../i18n'
import { createFakeBridge, type FakeBridge } from '../testing/fake-bridge'

const saved: Account = {
  id: 'acc_abcdefgh',
  label: 'Acme elizon',
  provider: 'elizon',
  colour: '#16a34a',
  baseUrl: 'https://elizon.app/api',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}

let fake: FakeBridge
let wrapper: VueWrapper | undefined

beforeEach(() => {
  fake = createFakeBridge({ 'accounts.list': () => [], 'accounts.health': () => [] })
  window.flotilla = fake.bridge
})

afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

function mountForm(account: Account | null = null): VueWrapper {
  wrapper = mount(AccountForm, {
    props: { account },
    global: { plugins: [createPinia(), createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }]] }
  })
  return wrapper
}

function labelFor(w: VueWrapper, id: string): string {
  return w.get(`label[for="${id}"]`).text()
}

async function chooseElizon(w: VueWrapper): Promise<void> {
  await w.get('#provider-elizon').setValue(true)
}

describe('AccountForm', () => {
  it('asks for a session cookie at aluy and an API key at elizon', async () => {
    const w = mountForm()
    expect(labelFor(w, 'account-credential')).toBe('Session cookie')
    expect(w.get('#credential-help').text()).toContain('Paste the session-token value, name=value, or a whole Cookie: header')

    await chooseElizon(w)
    expect(labelFor(w, 'account-credential')).toBe('API key')
    expect(w.get('#credential-help').text()).not.toContain('session-token')
  })

  it('labels every input, and the credential input is a password field', () => {
    const w = mountForm()
    for (const id of ['provider-aluy', 'provider-elizon', 'account-label', 'account-colour', 'account-credential', 'account-base-url']) {
      expect(w.find(`#${id}`).exists(), id).toBe(true)
      expect(labelFor(w, id), id).not.toBe('')
    }
    expect(w.get('#account-credential').attributes('type')).toBe('password')
  })

  it('shows the provider’s default base URL as placeholder behind an "Advanced" disclosure', async () => {
    const w = mountForm()
    const advanced = w.get('button[aria-controls="advanced-fields"]')
    expect(advanced.attributes('aria-expanded')).toBe('false')
    expect(w.get('#account-base-url').attributes('placeholder')).toBe('https://aluy.net/api/reseller/v1')

    await advanced.trigger('click')
    expect(advanced.attributes('aria-expanded')).toBe('true')
    await chooseElizon(w)
    expect(w.get('#account-base-url').attributes('placeholder')).toBe('https://elizon.app/api')
  })

  it('checks the typed credential and shows the outcome as a sentence in the status element', async () => {
    const verify: VerifyResult = { outcome: 'signed-in', ok: true, serverCount: 2 }
    fake.handle('accounts.verify', () => verify)
    const w = mountForm()
    await chooseElizon(w)
    await w.get('#account-credential').setValue('key-123')
    await w.get('#account-base-url').setValue('http://127.0.0.1:9999/api')

    await buttonNamed(w, 'Check').trigger('click')
    await flushPromises()

    expect(fake.calls.at(-1)).toEqual({
      channel: 'accounts.verify',
      input: { provider: 'elizon', baseUrl: 'http://127.0.0.1:9999/api', credential: 'key-123' }
    })
    expect(w.get('[role="status"]').text()).toBe('Signed in — 2 servers')
  })

  it('keeps the form open with the reason when nothing was saved, and offers "Save anyway" only for an unreachable host', async () => {
    const answers: AccountSaveResult[] = [
      { account: null, verify: { outcome: 'session-expired', ok: false } },
      { account: null, verify: { outcome: 'unreachable', ok: false } }
    ]
    fake.handle('accounts.add', () => answers.shift())
    const w = mountForm()
    await w.get('#account-label').setValue('Acme aluy')
    await w.get('#account-credential').setValue('session-token=abc')

    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role="status"]').text()).toBe('Session expired — copy a fresh cookie')
    expect(findButton(w, 'Save anyway')).toBeUndefined()

    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role="status"]').text()).toBe('Cannot reach host')
    expect(findButton(w, 'Save anyway')).toBeDefined()
    expect(w.emitted('saved')).toBeUndefined()
  })

  it('waits out a short rate limit in view ("waiting N s"), then checks again and saves (11.6)', async () => {
    vi.useFakeTimers()
    try {
      const answers: AccountSaveResult[] = [
        { account: null, verify: { outcome: 'rate-limited', ok: false, retryAfterSec: 2 } },
        { account: saved, verify: { outcome: 'signed-in', ok: true, serverCount: 3 } }
      ]
      fake.handle('accounts.add', () => answers.shift())
      const w = mountForm()
      await chooseElizon(w)
      await w.get('#account-label').setValue('Acme elizon')
      await w.get('#account-credential').setValue('key-123')
      await w.get('form').trigger('submit')
      await flushPromises()
      const status = (): string => w.get('.verify-status').text()
      expect(status()).toBe('Rate-limited by the provider — waiting 2 s, then checking again')
      await vi.advanceTimersByTimeAsync(1000)
      expect(status()).toBe('Rate-limited by the provider — waiting 1 s, then checking again')
      expect(fake.calls.filter((c) => c.channel === 'accounts.add')).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1000)
      await flushPromises()
      expect(fake.calls.filter((c) => c.channel === 'accounts.add')).toHaveLength(2)
      expect(w.emitted('saved')).toEqual([[saved]])
      expect(status()).toBe('Signed in — 3 servers')
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not wait out a rate limit longer than 120 s: it says when to try again', async () => {
    fake.handle('accounts.add', () => ({ account: null, verify: { outcome: 'rate-limited', ok: false, retryAfterSec: 600 } }))
    const w = mountForm()
    await chooseElizon(w)
    await w.get('#account-label').setValue('Acme elizon')
    await w.get('#account-credential').setValue('key-123')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('.verify-status').text()).toMatch(/^Rate-limited — try again at \d\d:\d\d/)
    expect(fake.calls.filter((c) => c.channel === 'accounts.add')).toHaveLength(1)
  })

  it('sends saveUnverified from "Save anyway", then empties the credential field and reports the saved account', async () => {
    fake.handle('accounts.add', (input) =>
      (input as { saveUnverified?: boolean }).saveUnverified
        ? { account: saved, verify: null }
        : { account: null, verify: { outcome: 'unreachable', ok: false } }
    )
    const w = mountForm()
    await chooseElizon(w)
    await w.get('#account-label').setValue('Acme elizon')
    await w.get('#account-credential').setValue('key-123')
    await w.get('form').trigger('submit')
    await flushPromises()

    await buttonNamed(w, 'Save anyway').trigger('click')
    await flushPromises()

    expect(fake.calls.at(-1)?.input).toMatchObject({ provider: 'elizon', label: 'Acme elizon', credential: 'key-123', saveUnverified: true })
    expect(w.emitted('saved')).toEqual([[saved]])
    expect((w.get('#account-credential').element as HTMLInputElement).value).toBe('')
  })

  it('lists validation problems next to the form', async () => {
    fake.handle('accounts.add', () => {
      throw new FlotillaError('validation', 'Invalid request for accounts.add.', { issues: ['label: label is empty'] })
    })
    const w = mountForm()
    await w.get('#account-credential').setValue('session-token=abc')
    await w.get('form').trigger('submit')
    await flushPromises()

    const alert = w.get('[role="alert"]')
    expect(alert.text()).toContain('Some input is not valid.')
    expect(alert.text()).toContain('label: label is empty')
  })

  it('edits without a credential: the provider is fixed and an empty field keeps the stored one', async () => {
    fake.handle('accounts.update', () => ({ account: { ...saved, label: 'Renamed' }, verify: null }))
    const w = mountForm(saved)
    expect((w.get('#account-label').element as HTMLInputElement).value).toBe('Acme elizon')
    expect(labelFor(w, 'account-credential')).toBe('API key')
    expect(w.get('#provider-aluy').attributes('disabled')).toBeDefined()

    await w.get('#account-label').setValue('Renamed')
    await w.get('form').trigger('submit')
    await flushPromises()

    expect(fake.calls.at(-1)).toEqual({ channel: 'accounts.update', input: { id: saved.id, label: 'Renamed', colour: saved.colour } })
    expect(w.emitted('saved')).toHaveLength(1)
  })
})

function findButton(w: VueWrapper, name: string) {
  return w.findAll('button').find((b) => b.text() === name)
}

function buttonNamed(w: VueWrapper, name: string) {
  const button = findButton(w, name)
  if (!button) throw new Error(`no button "${name}"`)
  return button
}
