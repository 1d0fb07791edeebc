/**
 * Spread into a PrimeVue Password's `input-props` when its strength meter is
 * off (`:feedback="false"`): Password still marks its input as expanding a
 * popup (`aria-expanded="false"`), an attribute a password field may not carry
 * (axe: aria-allowed-attr). Undefined attributes are left out of the DOM.
 */
export const NO_STRENGTH_POPUP = { 'aria-expanded': undefined, 'aria-haspopup': undefined } as const
