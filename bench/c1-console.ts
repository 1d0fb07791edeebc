// C1 — console open: from the "Open console" click to the first non-black frame
// of QEMU's screen (behind websockify with TLS and single-use tokens), median of
// 10, beside a bare page that only builds noVNC's RFB to a ticket for the same
// peer, interleaved in the same run. Flotilla's figure includes fetching the
// ticket from the (simulated) provider through main. Target: ratio ≤ 1.3.
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { createLogger } from '../src-main/core/logging/logger'
import { RENDERER_DIR, startHarness } from '../test/harness/server'
import { startAluySimulator } from '../test/simulators/index'
import { launchChromium } from '../test/support/browser'
import { startVncPeer } from '../test/support/vnc-peer'
import { MemorySecretStore } from './support/memory-secrets'

const RUNS = 10

/** In the page: resolves with ms from `start` until the first canvas under `root` shows a non-black pixel. */
const FIRST_FRAME = `(root, start) => new Promise((resolve) => {
  const tick = () => {
    const canvas = root.querySelector('canvas')
    const ctx = canvas && canvas.width > 0 ? canvas.getContext('2d') : null
    if (ctx) {
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 0; i < d.length; i += 4) if (d[i] > 16 || d[i + 1] > 16 || d[i + 2] > 16) return resolve(performance.now() - start)
    }
    requestAnimationFrame(tick)
  }
  tick()
})`

export async function run(): Promise<object> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  const peer = await startVncPeer()
  const aluy = await startAluySimulator({ seed: 5, accounts: 1, serversPerAccount: 8, consoleWssUrl: () => peer.issueUrl(), consolePassword: () => peer.password })
  const userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-c1-'))
  const harness = await startHarness({ userDataDir, secretStore: new MemorySecretStore(), logger: createLogger({ level: 'silent' }), refreshOnStart: false })
  const bare = await startBarePage()
  const browser = await launchChromium()
  try {
    await harness.core.handlers['accounts.add']({ provider: 'aluy', label: 'Lab', colour: '#3366cc', baseUrl: aluy.url, credential: aluy.accounts[0]!.credential })
    const snapshot = await harness.core.handlers['fleet.refresh'](undefined)
    const service = aluy.state.servicesOf(aluy.accounts[0]!.id).find((s) => s.kind === 'VPS' && s.externalId && s.status === 'ACTIVE')!
    const label = snapshot.servers.find((s) => s.id === service.id)!.label
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ignoreHTTPSErrors: true, locale: 'en-US' })
    const app = await context.newPage()
    await app.goto(harness.url.replace('#/', '#/consoles'))
    await app.getByLabel('Server', { exact: true }).selectOption({ label })
    const barePage = await context.newPage()
    await barePage.goto(bare.url)
    await barePage.waitForFunction('typeof window.openBare === "function"')

    // One untimed round each warms Chromium's code caches and QEMU's screen.
    await flotillaOnce(app, label)
    await bareOnce(barePage, peer.issueUrl(), peer.password)
    const flotilla: number[] = []
    const barePageMs: number[] = []
    for (let i = 0; i < RUNS; i++) {
      flotilla.push(await flotillaOnce(app, label))
      barePageMs.push(await bareOnce(barePage, peer.issueUrl(), peer.password))
    }
    const f = median(flotilla)
    const b = median(barePageMs)
    const ratio = Math.round((f / b) * 100) / 100
    return {
      id: 'C1',
      name: 'Console click → first non-black frame (QEMU via websockify wss), median of 10, vs a bare RFB page',
      flotillaMedianMs: Math.round(f),
      bareMedianMs: Math.round(b),
      ratio,
      flotillaMs: flotilla.map(Math.round),
      bareMs: barePageMs.map(Math.round),
      target: 'ratio ≤ 1.3',
      met: ratio <= 1.3
    }
  } finally {
    await browser.close()
    await harness.close()
    await new Promise<void>((ok) => bare.server.close(() => ok()))
    await aluy.close()
    await peer.stop()
    await rm(userDataDir, { recursive: true, force: true })
  }
}

/** Clicks "Open console" (timed from inside the page), waits for the first non-black frame, then closes the tab. */
async function flotillaOnce(page: Page, label: string): Promise<number> {
  // A page in the background gets its animation frames throttled: each side is measured in front.
  await page.bringToFront()
  const ms = await page.evaluate(`(async () => {
    const start = performance.now()
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Open console')
    button.click()
    let panel = null
    while (!(panel = document.querySelector('[role=tabpanel]'))) await new Promise((r) => requestAnimationFrame(r))
    return (${FIRST_FRAME})(panel, start)
  })()`)
  await page.getByRole('button', { name: `Close console ${label}` }).click()
  await page.getByRole('tabpanel').waitFor({ state: 'detached' })
  return ms as number
}

async function bareOnce(page: Page, url: string, password: string): Promise<number> {
  await page.bringToFront()
  return (await page.evaluate(`window.openBare(${JSON.stringify(url)}, ${JSON.stringify(password)})`)) as number
}

/** A page with noVNC and nothing else, from 127.0.0.1 (a secure context, like the harness). */
async function startBarePage(): Promise<{ server: Server; url: string }> {
  const out = await build({
    stdin: {
      contents: `import RFB from '@novnc/novnc'
        let current = null
        window.openBare = async (url, password) => {
          if (current) { current.disconnect(); current = null }
          const root = document.getElementById('screen')
          root.replaceChildren()
          const start = performance.now()
          current = new RFB(root, url, { credentials: { password } })
          current.scaleViewport = true
          return (${FIRST_FRAME})(root, start)
        }`,
      resolveDir: resolve(import.meta.dirname, '..'),
      loader: 'js'
    },
    bundle: true,
    format: 'esm',
    target: 'esnext',
    write: false,
    logLevel: 'silent'
  })
  const js = out.outputFiles[0]!.text
  const html = `<!doctype html><meta charset="utf-8"><div id="screen" style="width:1100px;height:700px"></div><script type="module" src="/bare.js"></script>`
  const server = createServer((req, res) => {
    if (req.url === '/bare.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2))
