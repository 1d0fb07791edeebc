// Reading an answer's body as a stream, never more than a limit. fetch hands
// the body already decompressed, so what is counted is the decompressed size:
// a gzip bomb stops at the limit like any other large answer. Leaving early
// cancels the stream, which stops the transfer and the decompression at once.

/** Most bytes read of a body, by what it is read as. Callers may ask for another limit (`HttpRequest.maxBytes`). */
export const BODY_LIMITS = {
  /** API answers: the largest real list (1,000 services) is well under 1 MiB. */
  json: 8 * 1024 * 1024,
  text: 8 * 1024 * 1024,
  /** Invoice PDFs. */
  bytes: 64 * 1024 * 1024,
  /** An error answer is only read for its message; past this it is cut, not refused. */
  error: 64 * 1024
} as const

/** Thrown inside the client when a body passes its limit; turned into FlotillaError('too-large'). */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`)
  }
}

/**
 * The whole body, or BodyTooLarge past `limit` (`overflow: 'fail'`), or its
 * first `limit` bytes (`overflow: 'truncate'`, for error answers).
 */
export async function readBounded(res: Response, limit: number, overflow: 'fail' | 'truncate'): Promise<Uint8Array> {
  if (overflow === 'fail' && declaredLength(res) > limit) {
    await res.body?.cancel().catch(() => undefined)
    throw new BodyTooLarge(limit)
  }
  if (res.body === null) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (total + value.byteLength > limit) {
        if (overflow === 'fail') throw new BodyTooLarge(limit)
        chunks.push(value.subarray(0, limit - total))
        total = limit
        break
      }
      chunks.push(value)
      total += value.byteLength
    }
  } finally {
    void reader.cancel().catch(() => undefined)
  }
  return concat(chunks, total)
}

function declaredLength(res: Response): number {
  const value = Number(res.headers.get('content-length'))
  return Number.isFinite(value) && value >= 0 ? value : 0
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.byteLength === total) return chunks[0]!
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
