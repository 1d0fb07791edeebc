import { describe, expect, it } from 'vitest'
import { paletteResults, type PaletteServer } from './palette'

const servers: PaletteServer[] = [
  { key: 'a:1', label: 'web-1', accountLabel: 'Acme', text: 'web-1 192.0.2.1 acme', actions: ['start', 'stop', 'restart'] },
  { key: 'a:2', label: 'web-10', accountLabel: 'Acme', text: 'web-10 192.0.2.2 acme', actions: ['start', 'stop'] },
  { key: 'b:1', label: 'db', accountLabel: 'Beta', text: 'db 198.51.100.1 beta web-backend', actions: ['restart'] }
]
const pages = [{ path: '/fleet', label: 'Fleet' }, { path: '/activity', label: 'Activity' }]
const names: Record<string, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' }
const run = (query: string, limit?: number) =>
  paletteResults({ query, servers, pages, actionLabel: (a) => names[a] ?? a, ...(limit ? { limit } : {}) })

describe('paletteResults', () => {
  it('lists the pages for an empty query', () => {
    expect(run('').map((e) => e.label)).toEqual(['Fleet', 'Activity'])
  })
  it('finds servers by label, IP or account, exact and prefix matches first', () => {
    expect(run('web-1').map((e) => e.id)).toEqual(['open:a:1', 'open:a:2'])
    expect(run('198.51').map((e) => e.id)).toEqual(['open:b:1'])
    expect(run('web').map((e) => e.id)).toEqual(['open:a:1', 'open:a:2', 'open:b:1'])
  })
  it('offers an action a server supports when the query names it', () => {
    expect(run('web-1 rest').map((e) => e.id)).toEqual(['restart:a:1'])
    expect(run('acme stop').map((e) => e.label)).toEqual(['Stop: web-1', 'Stop: web-10'])
  })
  it('finds pages by name and stops at the limit', () => {
    expect(run('activ').map((e) => e.id)).toEqual(['page:/activity'])
    expect(run('web', 2)).toHaveLength(2)
  })
})
