// The Content-Security-Policy of every Flotilla page. Written into index.html at
// build time and sent as a header by main's app:// protocol, so the two cannot drift.
// style-src allows inline styles because the component library injects its theme
// as <style> elements at run time; scripts stay 'self' only.
export interface CspOptions {
  /** Extra origins the page may open sockets to (console wss hosts, the harness bridge). */
  readonly connectSrc?: readonly string[]
  /** For a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there and warn). */
  readonly meta?: boolean
}

/**
 * Consoles: noVNC connects straight to the wss:// URL a panel hands out, and the
 * panel hosts are not known when the page loads (a CSP is fixed at load, so it
 * cannot be widened per console). Secure websockets to any host, nothing else:
 * no ws://, no https:// fetches. See docs/ARCHITECTURE.md, "Consoles".
 */
export const CONSOLE_CONNECT_SRC = 'wss:'

export function buildCsp(options: CspOptions = {}): string {
  const connect = ["'self'", CONSOLE_CONNECT_SRC, ...(options.connectSrc ?? [])].join(' ')
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    ...(options.meta ? [] : ["frame-ancestors 'none'"])
  ].join('; ')
}
