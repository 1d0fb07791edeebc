// What E1 and E2 share: a real sshd + ssh-agent (test/support/sshd-peer.ts), the
// elizon simulator with one account, main's real core behind the web harness
// (signing in through the agent, host key accepted on first use), and the built
// renderer in Chromium with one terminal tab open and connected.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createLogger } from '../../src-main/core/logging/logger'
import { RENDERER_DIR, startHarness, type Harness } from '../../test/harness/server'
import { startElizonSimulator, type ElizonSimulator } from '../../test/simulators/index'
import { launchChromium } from '../../test/support/browser'
import { startSshdPeer, type SshdPeer } from '../../test/support/sshd-peer'
import { MemorySecretStore } from './memory-secrets'

export interface SshRig {
  readonly peer: SshdPeer
  readonly harness: Harness
  readonly page: Page
  /** The visible terminal text (xterm's screen-reader tree: what is rendered). */
  screenText(): Promise<string>
  close(): Promise<void>
}

export async function startSshRig(name: string): Promise<SshRig> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  const peer = await startSshdPeer({ methods: ['publickey'] })
  const home = await mkdtemp(join(tmpdir(), `flotilla-${name}-home-`))
  const userDataDir = await mkdtemp(join(tmpdir(), `flotilla-${name}-`))
  let elizon: ElizonSimulator | null = null
  let harness: Harness | null = null
  let browser: Browser | null = null
  const close = async (): Promise<void> => {
    await browser?.close()
    await harness?.close()
    await elizon?.close()
    await peer.stop()
    await rm(home, { recursive: true, force: true })
    await rm(userDataDir, { recursive: true, force: true })
  }
  try {
    elizon = await startElizonSimulator({ seed: 15, accounts: 1, serversPerAccount: 2 })
    harness = await startHarness({
      userDataDir,
      secretStore: new MemorySecretStore(),
      logger: createLogger({ level: 'silent' }),
      refreshOnStart: false,
      ssh: { options: { homeDir: home, env: { SSH_AUTH_SOCK: peer.agentSock }, platform: 'linux' } }
    })
    const core = harness.core
    await core.handlers['accounts.add']({ provider: 'elizon', label: 'Lab', colour: '#3366cc', baseUrl: elizon.url, credential: elizon.accounts[0]!.credential })
    const key = (await core.handlers['fleet.refresh'](undefined)).servers[0]!.key
    await core.handlers['ssh.setOverride']({ serverKey: key, override: { address: '127.0.0.1', port: peer.port, user: peer.user } })
    // The benchmark measures the terminal, not a person reading a fingerprint.
    core.onEvent((event, payload) => {
      if (event === 'ssh.hostKey') void core.handlers['ssh.answerHostKey']({ sessionId: (payload as { sessionId: string }).sessionId, accept: true })
    })
    browser = await launchChromium()
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })).newPage()
    await page.goto(harness.url.replace('#/', `#/terminals?open=${encodeURIComponent(key)}`))
    const status = page.getByRole('toolbar').getByRole('status')
    const deadline = Date.now() + 20_000
    while (!(await status.innerText().catch(() => '')).includes('Connected')) {
      if (Date.now() > deadline) throw new Error('the terminal did not connect')
      await new Promise((r) => setTimeout(r, 50))
    }
    const screen = page.locator('.xterm-accessibility-tree')
    return { peer, harness, page, screenText: () => screen.innerText({ timeout: 2000 }).catch(() => ''), close }
  } catch (error) {
    await close()
    throw error
  }
}
