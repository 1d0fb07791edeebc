// What the user is told when a state file could not be used: which file, where
// it was kept, and what was reset because of it (issue 10, items 6 and 10).
// The renderer words the known codes in the user's language (WarningsArea.vue);
// `message` is the English fallback and what the log names.
import type { AppWarning } from '../../shared/domain'
import type { ReadResult } from './json-file'

/**
 * A warning for a file that was set aside (or could not even be moved), or null
 * when the read was fine or the file simply did not exist yet.
 */
export function setAsideWarning(code: string, file: string, read: ReadResult<unknown>, consequence: string): AppWarning | null {
  if (read.status === 'ok' || read.status === 'missing') return null
  if (read.movedTo === null) {
    return { code, message: `${file} cannot be read (${read.reason}) and could not be moved aside; ${consequence}` }
  }
  return { code, message: `${file} could not be read (${read.reason}) and was kept as ${read.movedTo}; ${consequence}`, path: read.movedTo }
}
