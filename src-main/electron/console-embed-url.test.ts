// The console embed window gets the account's API key as a header of its first
// request: only over https, or plain http to this computer (issue 10, item 14).
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ BrowserWindow: class {}, session: { fromPartition: () => ({}) } }))

const { embedUrlAllowed, openConsoleEmbed } = await import('./console-embed')

describe('console embed URLs', () => {
  it.each([
    ['https://elizon.app/api/services/42/console/embed', true],
    ['http://127.0.0.1:4020/api/services/42/console/embed', true],
    ['http://elizon.app/api/services/42/console/embed', false],
    ['file:///etc/passwd', false]
  ])('%s → %s', (url, allowed) => {
    expect(embedUrlAllowed(url)).toBe(allowed)
  })

  it('opens no window at all for a plain-http page on another machine, so the key is never sent', async () => {
    const createWindow = vi.fn()
    const opened = await openConsoleEmbed(
      { url: 'http://elizon.app/api/services/42/console/embed', headers: { 'x-api-key': 'ek_live_secret' }, title: 'Console', credentialOrigin: 'http://elizon.app' },
      { createWindow, sessionFor: vi.fn() }
    )
    expect(opened).toBe(false)
    expect(createWindow).not.toHaveBeenCalled()
  })
})
