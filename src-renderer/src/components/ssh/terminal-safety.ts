// What the terminal lets through from a remote program or a paste.

/** Links open in the system browser only when they are https (never file:, javascript:, http:). */
export function isHttpsLink(uri: string): boolean {
  try {
    return new URL(uri).protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Lines a paste would enter. Any line break runs a command, so a paste with
 * one (even a single trailing one) asks first: this returns at least 2 then.
 */
export function lineCount(text: string): number {
  if (!/[\r\n]/.test(text)) return text === '' ? 0 : 1
  return Math.max(2, text.split(/\r\n|\r|\n/).filter((line) => line !== '').length)
}
