// Where typing goes when a form appears: a form that opens in place (a server
// action's fields, a rule being edited) takes the focus to its first field, so
// the user types into it at once instead of into the button that opened it.
// Dialogs do the same with an `autofocus` attribute, which PrimeVue's Dialog and
// Drawer look for when they open (without one they focus their close button).

/** What a person can type into or operate, in document order; disabled and read-only fields are skipped. */
const FIELD_SELECTOR = [
  'input:not([type="hidden"]):not([disabled]):not([readonly])',
  'textarea:not([disabled]):not([readonly])',
  'select:not([disabled])',
  '[role="combobox"][tabindex="0"]',
  'button:not([disabled])'
].join(', ')

/** The first field inside `container`, or null. */
export function firstField(container: ParentNode | null | undefined): HTMLElement | null {
  return container?.querySelector<HTMLElement>(FIELD_SELECTOR) ?? null
}

/**
 * Focuses the first field inside `container`; with `select`, a text already in
 * it is selected, so typing replaces it (a rename starts from the old name).
 */
export function focusFirstField(container: ParentNode | null | undefined, options: { select?: boolean } = {}): boolean {
  const field = firstField(container)
  if (!field) return false
  field.focus()
  if (options.select && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) field.select()
  return true
}
