// Reading request bodies and query parameters the way the real APIs validate them.
import type { IncomingMessage } from 'node:http'

const MAX_BODY_BYTES = 1_000_000

export type JsonBody = { ok: true; value: unknown } | { ok: false }

/** An empty body reads as `{}`-less `undefined`; anything unparsable as `{ ok: false }`. */
export async function readJson(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return { ok: false }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The body as an object, or an empty one (handlers then report the missing field). */
export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {}
}

/**
 * An integer query parameter: `fallback` when absent, `null` when present but
 * not an integer within [min, max] (the caller answers 400).
 */
export function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const text = params.get(name)
  if (text === null || text === '') return fallback
  if (!/^-?\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

export function trimmedString(v: unknown): string | null {
  return typeof v === 'string' ? v.trim() : null
}

export function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0
}
