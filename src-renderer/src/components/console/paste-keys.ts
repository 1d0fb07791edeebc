// "Paste as keystrokes": types a text into a server that has no clipboard
// (QEMU without a guest agent) on a US keyboard layout. Every character becomes
// a key press with the KeyboardEvent.code QEMU needs for its scancode; capitals
// and shifted punctuation hold Shift explicitly, because the server — not noVNC —
// decides what a scancode means.
import { KEY, type SpecialKey } from './keys'

export interface Keystroke {
  readonly keysym: number
  readonly code: string
  readonly shift: boolean
  /** The character typed, for progress and tests. */
  readonly char: string
}

export interface KeystrokePlan {
  readonly strokes: readonly Keystroke[]
  /** Characters that cannot be typed this way (outside printable ASCII, newline and tab), each once. */
  readonly untypable: readonly string[]
}

/** US layout: the unshifted and shifted character on each non-letter key. */
const PUNCTUATION_KEYS: ReadonlyArray<readonly [code: string, plain: string, shifted: string]> = [
  ['Digit1', '1', '!'],
  ['Digit2', '2', '@'],
  ['Digit3', '3', '#'],
  ['Digit4', '4', '$'],
  ['Digit5', '5', '%'],
  ['Digit6', '6', '^'],
  ['Digit7', '7', '&'],
  ['Digit8', '8', '*'],
  ['Digit9', '9', '('],
  ['Digit0', '0', ')'],
  ['Minus', '-', '_'],
  ['Equal', '=', '+'],
  ['BracketLeft', '[', '{'],
  ['BracketRight', ']', '}'],
  ['Backslash', '\\', '|'],
  ['Semicolon', ';', ':'],
  ['Quote', "'", '"'],
  ['Backquote', '`', '~'],
  ['Comma', ',', '<'],
  ['Period', '.', '>'],
  ['Slash', '/', '?'],
  ['Space', ' ', ' ']
]

const BY_CHAR: ReadonlyMap<string, { code: string; shift: boolean }> = buildTable()

function buildTable(): Map<string, { code: string; shift: boolean }> {
  const table = new Map<string, { code: string; shift: boolean }>()
  for (const [code, plain, shifted] of PUNCTUATION_KEYS) {
    table.set(plain, { code, shift: false })
    if (shifted !== plain) table.set(shifted, { code, shift: true })
  }
  for (let c = 0; c < 26; c++) {
    const lower = String.fromCharCode(97 + c)
    const code = `Key${lower.toUpperCase()}`
    table.set(lower, { code, shift: false })
    table.set(lower.toUpperCase(), { code, shift: true })
  }
  return table
}

function special(key: SpecialKey, char: string): Keystroke {
  return { keysym: key.keysym, code: key.code, shift: false, char }
}

export function planKeystrokes(text: string): KeystrokePlan {
  const strokes: Keystroke[] = []
  const untypable = new Set<string>()
  // Windows line ends are one Enter, as a person would type them.
  for (const char of text.replace(/\r\n?/g, '\n')) {
    if (char === '\n') strokes.push(special(KEY.enter, char))
    else if (char === '\t') strokes.push(special(KEY.tab, char))
    else {
      const key = BY_CHAR.get(char)
      // Printable ASCII's keysym is its code point.
      if (key) strokes.push({ keysym: char.charCodeAt(0), code: key.code, shift: key.shift, char })
      else untypable.add(char)
    }
  }
  return { strokes, untypable: [...untypable] }
}

export type SendKey = (keysym: number, code: string, down: boolean) => void

export interface TypeOptions {
  /** Pause after each character, so slow guests keep up. */
  readonly delayMs: number
  readonly signal?: AbortSignal
  readonly onProgress?: (typed: number, total: number) => void
}

/** Sends the plan key by key; resolves with how many characters were typed (fewer when cancelled). */
export async function typeKeystrokes(send: SendKey, strokes: readonly Keystroke[], options: TypeOptions): Promise<number> {
  let typed = 0
  for (const stroke of strokes) {
    if (options.signal?.aborted) break
    if (stroke.shift) send(KEY.shift.keysym, KEY.shift.code, true)
    send(stroke.keysym, stroke.code, true)
    send(stroke.keysym, stroke.code, false)
    if (stroke.shift) send(KEY.shift.keysym, KEY.shift.code, false)
    typed++
    options.onProgress?.(typed, strokes.length)
    if (options.delayMs > 0) await sleep(options.delayMs, options.signal)
  }
  return typed
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })
}
