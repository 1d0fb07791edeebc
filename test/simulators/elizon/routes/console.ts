// Consoles: GET /services/:id/console (PROXMOX → VNC URL + token; PTERODACTYL → SSE
// stream URL), GET …/console/stream (SSE), POST …/console/command, GET …/console/embed.
//
// SSE events on …/console/stream:
//   event: status   data: {"state":"running"}            (once, first)
//   event: console  data: {"line":"[Server] Done (3.2s)!"} (backlog, then live and periodic lines)
import type { IncomingMessage, ServerResponse } from 'node:http'
import { asRecord, readJson, trimmedString } from '../../core/body'
import { secretToken } from '../../core/random'
import { raw } from '../../core/reply'
import { fail, invalid, ok, withService, type ElizonRouter } from '../context'
import type { ConsoleHub } from '../console-hub'
import type { ElizonService } from '../model'
import { liveStatus } from './services'

export function registerConsoleRoutes(router: ElizonRouter): void {
  router.get('/services/:id/console', withService('console', ({ service, options }) => {
    if (service.type === 'PTERODACTYL') return ok({ type: 'sse', streamUrl: `/api/services/${service.id}/console/stream` })
    const { url, token } = vncUrl(service, options.consoleWssUrl)
    return ok({ type: 'vnc', url, token })
  }))

  router.get('/services/:id/console/stream', withService('console', ({ service, consoles, options }) => {
    if (service.type !== 'PTERODACTYL') return fail(400, 'Console stream is only available for game servers')
    return { kind: 'stream', start: (req, res) => streamConsole(service, consoles, options.consoleTickMs ?? 1000, req, res) }
  }))

  router.post('/services/:id/console/command', withService('console', async ({ req, service, consoles }) => {
    if (service.type !== 'PTERODACTYL') return fail(400, 'Console commands are only available for game servers')
    const body = await readJson(req)
    const command = trimmedString(asRecord(body.ok ? body.value : undefined).command)
    if (!command) return invalid('command is required')
    if (service.status !== 'RUNNING') return fail(400, 'Server is not running', { errorKey: 'INVALID_STATE' })
    consoles.push(service.id, `> ${command}`)
    consoles.push(service.id, `[Server] Executed command: ${command}`)
    return ok({ message: 'Command sent' })
  }))

  router.get('/services/:id/console/embed', withService('console', ({ service, options }) => {
    if (service.type !== 'PROXMOX') return fail(400, 'Embedded console is only available for virtual servers')
    const { url } = vncUrl(service, options.consoleWssUrl)
    return raw(200, 'text/html; charset=utf-8', embedPage(service.name, url))
  }))
}

function vncUrl(service: ElizonService, custom: ((id: string, provider: 'aluy' | 'elizon') => string) | undefined): { url: string; token: string } {
  const token = secretToken(24)
  const url = custom?.(service.id, 'elizon') ?? `wss://127.0.0.1:1/vnc/?token=${token}`
  return { url, token: new URL(url).searchParams.get('token') ?? token }
}

function streamConsole(service: ElizonService, consoles: ConsoleHub, tickMs: number, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  const send = (event: string, data: unknown): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  send('status', { state: liveStatus(service).state })
  for (const line of consoles.backlog(service.id)) send('console', { line })
  const unsubscribe = consoles.subscribe(service.id, (line) => send('console', { line }))
  let tick = 0
  const timer = setInterval(() => {
    tick += 1
    consoles.push(service.id, `[Server thread/INFO]: ${service.status === 'RUNNING' ? 'Saving chunks' : 'Idle'} (tick ${tick})`)
  }, tickMs)
  const stop = (): void => {
    clearInterval(timer)
    unsubscribe()
  }
  req.on('close', stop)
  res.on('close', stop)
}

function embedPage(name: string, url: string): string {
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Console - ${escape(name)}</title></head>
<body style="margin:0;background:#000">
<iframe title="VNC console" src="/novnc/vnc.html?path=${escape(encodeURIComponent(url))}" style="border:0;width:100vw;height:100vh"></iframe>
</body></html>
`
}
