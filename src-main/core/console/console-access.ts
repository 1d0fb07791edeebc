// What a provider adapter hands the console service: how to reach one server's
// console. Lives in main only — `embed` carries the header the provider needs,
// and the `vnc` ticket is given to the renderer exactly once.
export type ConsoleAccess =
  /** A VNC websocket (noVNC in the renderer). The URL's token and the password are single-use secrets. */
  | { readonly kind: 'vnc'; readonly url: string; readonly password: string | null }
  /** A text console (Pterodactyl): server-sent events main reads with the account's credential. */
  | { readonly kind: 'text'; readonly streamUrl: string }
  /** The provider's own console page, opened in an isolated window with these request headers. */
  | { readonly kind: 'embed'; readonly url: string; readonly headers: Readonly<Record<string, string>> }

export interface ConsoleStreamHandlers {
  onLine(line: string): void
  /** The server reported its power state (running, offline, …). */
  onStatus(power: string): void
}

/** Secrets a console access carries, to be registered with the log redactor before anything else happens. */
export function consoleSecrets(access: ConsoleAccess): string[] {
  if (access.kind === 'vnc') return [access.url, ...urlSecrets(access.url), ...(access.password ? [access.password] : [])]
  if (access.kind === 'embed') return [...Object.values(access.headers), ...urlSecrets(access.url)]
  return urlSecrets(access.streamUrl)
}

function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url)
    return [...u.searchParams.values(), u.password].filter((v) => v.length > 0)
  } catch {
    return []
  }
}

/**
 * A VNC URL the renderer may open: absolute wss:// as given, or a panel-relative
 * path (VirtFusion's `/vnc/?token=…`) resolved against the panel's origin. Anything
 * else is refused; the message never repeats the URL (it carries the ticket).
 */
export function resolveVncUrl(given: string, panelBase: string): string | null {
  const trimmed = given.trim()
  if (/^wss:\/\//i.test(trimmed)) return validUrl(trimmed)
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return null
  let panel: URL
  try {
    panel = new URL(panelBase)
  } catch {
    return null
  }
  // The panel's host over TLS: a console ticket never travels over plain ws://.
  return validUrl(`wss://${panel.host}${trimmed}`)
}

function validUrl(text: string): string | null {
  try {
    return new URL(text).href
  } catch {
    return null
  }
}
