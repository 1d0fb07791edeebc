// Saving a PDF or CSV: Electron asks main for a save dialog; where there is
// none (the web harness), the browser's own download takes over.
import { FlotillaError } from '@shared/errors'

export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; name: string } | { kind: 'cancelled' }

/** Tries main's save dialog; on `unavailable` falls back to a download of `fallbackBytes()`. */
export async function saveWithFallback(
  viaMain: () => Promise<{ saved: boolean; path?: string | undefined }>,
  fallback: () => Promise<{ name: string; bytes: Uint8Array; mime: string }>
): Promise<SaveOutcome> {
  try {
    const result = await viaMain()
    return result.saved && result.path ? { kind: 'saved', path: result.path } : { kind: 'cancelled' }
  } catch (error) {
    if (!(error instanceof FlotillaError) || error.code !== 'unavailable') throw error
    const file = await fallback()
    downloadBytes(file.name, file.bytes, file.mime)
    return { kind: 'downloaded', name: file.name }
  }
}

export function downloadBytes(name: string, bytes: Uint8Array, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function base64ToBytes(base64: string): Uint8Array {
  const bin = atob(base64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
