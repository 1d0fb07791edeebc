// The command palette's matching: pages by name, servers by label/IP/account,
// and actions on a server when the query names one ("web-1 restart").
// Pure and bounded: at most `limit` results however large the fleet is.

export interface PaletteServer {
  key: string
  label: string
  accountLabel: string
  /** Lower-cased label, id, IPs and account: what a word may match. */
  text: string
  /** The action ids the server supports, in the order they are offered. */
  actions: readonly string[]
}

export interface PalettePage {
  path: string
  label: string
}

export type PaletteEntry =
  | { kind: 'page'; id: string; label: string; path: string }
  | { kind: 'open'; id: string; label: string; detail: string; serverKey: string }
  | { kind: 'action'; id: string; label: string; detail: string; serverKey: string; action: string }

export interface PaletteInput {
  query: string
  servers: readonly PaletteServer[]
  pages: readonly PalettePage[]
  /** The action's name in the UI language, e.g. "Restart". */
  actionLabel: (action: string) => string
  limit?: number
}

function words(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w !== '')
}

/** Higher is better: an exact label beats a prefix, which beats a match elsewhere. */
function serverScore(server: PaletteServer, needle: string[]): number {
  const label = server.label.toLowerCase()
  const joined = needle.join(' ')
  if (label === joined) return 3
  if (label.startsWith(joined)) return 2
  return 1
}

function splitActionWords(needle: string[], actionNames: Map<string, string>): { serverWords: string[]; actions: string[] } {
  const actions: string[] = []
  const serverWords: string[] = []
  for (const word of needle) {
    const matching = [...actionNames].filter(([, name]) => name.startsWith(word)).map(([id]) => id)
    // A word that names an action and nothing else is read as the action.
    if (matching.length > 0 && needle.length > 1) actions.push(...matching)
    else serverWords.push(word)
  }
  return { serverWords, actions }
}

export function paletteResults(input: PaletteInput): PaletteEntry[] {
  const limit = input.limit ?? 50
  const needle = words(input.query)
  const pages: PaletteEntry[] = input.pages
    .filter((p) => needle.every((w) => p.label.toLowerCase().includes(w)))
    .map((p) => ({ kind: 'page', id: `page:${p.path}`, label: p.label, path: p.path }))
  if (needle.length === 0) return pages.slice(0, limit)

  const actionNames = new Map<string, string>()
  for (const s of input.servers) for (const a of s.actions) if (!actionNames.has(a)) actionNames.set(a, input.actionLabel(a).toLowerCase())
  const { serverWords, actions } = splitActionWords(needle, actionNames)

  const matched = input.servers
    .filter((s) => serverWords.every((w) => s.text.includes(w)))
    .map((s) => ({ s, score: serverScore(s, serverWords) }))
    .sort((a, b) => b.score - a.score || a.s.label.localeCompare(b.s.label))

  const entries: PaletteEntry[] = [...pages]
  for (const { s } of matched) {
    if (entries.length >= limit) break
    const detail = s.accountLabel
    if (actions.length === 0) {
      entries.push({ kind: 'open', id: `open:${s.key}`, label: s.label, detail, serverKey: s.key })
      continue
    }
    for (const action of s.actions.filter((a) => actions.includes(a))) {
      entries.push({ kind: 'action', id: `${action}:${s.key}`, label: `${input.actionLabel(action)}: ${s.label}`, detail, serverKey: s.key, action })
    }
  }
  return entries.slice(0, limit)
}
