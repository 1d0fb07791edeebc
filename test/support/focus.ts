// What has the keyboard focus, as a person would see it: the focused element's
// visible text. (String expressions: the e2e files compile without the DOM lib.)
import type { Page } from 'playwright-core'

export function focusedText(page: Page): Promise<string> {
  return page.evaluate<string>("(document.activeElement && document.activeElement.innerText || '').trim()")
}
