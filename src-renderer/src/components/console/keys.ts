// The few X11 keysyms the console toolbar sends (noVNC's keysym module is not
// exported by its package), each with the KeyboardEvent.code QEMU turns into a scancode.
export interface SpecialKey {
  readonly keysym: number
  readonly code: string
}

export const KEY = {
  shift: { keysym: 0xffe1, code: 'ShiftLeft' },
  control: { keysym: 0xffe3, code: 'ControlLeft' },
  alt: { keysym: 0xffe9, code: 'AltLeft' },
  super: { keysym: 0xffeb, code: 'MetaLeft' },
  tab: { keysym: 0xff09, code: 'Tab' },
  escape: { keysym: 0xff1b, code: 'Escape' },
  enter: { keysym: 0xff0d, code: 'Enter' }
} as const satisfies Record<string, SpecialKey>

/** F1–F12: keysyms 0xffbe… in order. */
export const FUNCTION_KEYS: readonly (SpecialKey & { readonly label: string })[] = Array.from({ length: 12 }, (_, i) => ({
  label: `F${i + 1}`,
  keysym: 0xffbe + i,
  code: `F${i + 1}`
}))

export type ModifierName = 'control' | 'alt' | 'super'
