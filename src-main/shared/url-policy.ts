// Where Flotilla may send an account's credential or open a provider's page
// (issue 10, item 5): over https, or plain http only to this computer (the
// simulators, a local proxy). Shared by main (the BaseUrl schema, console
// embeds) and the renderer (the account form), so both say the same.

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host === '::1') return true
  const octets = host.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

/** https: anywhere; http: only to a loopback host. Anything unparseable or of another scheme: no. */
export function isSecureOrLoopback(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'https:') return true
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)
}

/** The origin (scheme, host, port) of a URL, or null when it does not parse. */
export function originOfUrl(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** True when moving from `from` to `to` would send requests to another origin. */
export function movesToAnotherOrigin(from: string, to: string): boolean {
  return originOfUrl(from) !== originOfUrl(to)
}
