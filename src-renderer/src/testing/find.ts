// Finding controls in component tests the way a user names them (not shipped:
// only tests import it).
import type { VueWrapper } from '@vue/test-utils'

/** The button whose accessible name (aria-label, else its text) is exactly `name`; throws when there is none. */
export function buttonNamed(w: VueWrapper, name: string) {
  const found = w.findAll('button').find((b) => (b.attributes('aria-label') ?? b.text()) === name)
  if (!found) throw new Error(`no button "${name}"`)
  return found
}
