// Scrubs secrets from anything about to be logged: values under secret-sounding
// keys, every secret main has handled (registered as it is read or stored), and
// credential-shaped text (cookies, API key headers, wss tokens) it never saw.
const SECRET_KEYS = /^(credential|password|passwd|secret|token|cookie|authorization|api[-_]?key|x-api-key|wssurl|wss_url|session)$/i

const SECRET_PATTERNS: readonly RegExp[] = [
  /((?:__Secure-)?next-auth\.session-token(?:\.\d+)?=)[^;\s"']+/gi,
  /(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
  /([?&](?:token|password|key)=)[^&\s"']+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g
]

export const REDACTED = '[redacted]'

const MIN_SECRET = 6
/** Long enough that a piece of a multi-line secret is never an ordinary word (PEM armour lines stay readable). */
const MIN_PIECE = 16

/**
 * A multi-line secret (a PEM private key) rarely comes back in one piece: provider
 * error text is whitespace-flattened and capped before it is logged, so each long
 * piece is scrubbed on its own as well.
 */
function piecesOf(secret: string): string[] {
  if (!/\s/.test(secret)) return []
  return secret.split(/\s+/).filter((piece) => piece.length >= MIN_PIECE)
}

export class Redactor {
  private readonly secrets = new Set<string>()

  /** Remember a secret so any later text containing it is scrubbed. Short values are ignored (too many false hits). */
  register(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_SECRET) return
    this.secrets.add(secret)
    for (const piece of piecesOf(secret)) this.secrets.add(piece)
  }

  forget(secret: string): void {
    this.secrets.delete(secret)
    for (const piece of piecesOf(secret)) this.secrets.delete(piece)
  }

  text(input: string): string {
    let out = input
    for (const s of this.secrets) out = out.split(s).join(REDACTED)
    for (const p of SECRET_PATTERNS) out = out.replace(p, `$1${REDACTED}`)
    return out
  }

  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input)
    if (input === null || typeof input !== 'object' || depth > 6) return input
    if (input instanceof Error) return { name: input.name, message: this.text(input.message), code: (input as { code?: unknown }).code }
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(input)) out[k] = SECRET_KEYS.test(k) ? REDACTED : this.value(v, depth + 1)
    return out
  }
}
