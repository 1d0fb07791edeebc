// PrimeVue's own strings (dialog buttons, close labels, empty messages) in the
// active locale. English is PrimeVue's default; German overrides the parts we use.
import type { PrimeVueLocaleOptions } from 'primevue/config'
import type { UiLocale } from './index'

type LocalePatch = Partial<Omit<PrimeVueLocaleOptions, 'aria'>> & { aria?: PrimeVueLocaleOptions['aria'] }

const patches: Record<UiLocale, LocalePatch> = {
  en: {
    accept: 'Yes',
    reject: 'No',
    cancel: 'Cancel',
    clear: 'Clear',
    apply: 'Apply',
    emptyMessage: 'No available options',
    emptyFilterMessage: 'No results found',
    emptySearchMessage: 'No results found',
    searchMessage: '{0} results are available',
    selectionMessage: '{0} items selected',
    emptySelectionMessage: 'No selected item',
    passwordPrompt: 'Enter a password',
    weak: 'Weak',
    medium: 'Medium',
    strong: 'Strong',
    aria: { close: 'Close', previous: 'Previous', next: 'Next', navigation: 'Navigation', scrollTop: 'Scroll Top', listLabel: 'Option List' }
  },
  de: {
    accept: 'Ja',
    reject: 'Nein',
    cancel: 'Abbrechen',
    clear: 'Leeren',
    apply: 'Übernehmen',
    emptyMessage: 'Keine Optionen verfügbar',
    emptyFilterMessage: 'Keine Ergebnisse gefunden',
    emptySearchMessage: 'Keine Ergebnisse gefunden',
    searchMessage: '{0} Ergebnisse verfügbar',
    selectionMessage: '{0} Einträge ausgewählt',
    emptySelectionMessage: 'Kein Eintrag ausgewählt',
    passwordPrompt: 'Passwort eingeben',
    weak: 'Schwach',
    medium: 'Mittel',
    strong: 'Stark',
    aria: { close: 'Schließen', previous: 'Zurück', next: 'Weiter', navigation: 'Navigation', scrollTop: 'Nach oben', listLabel: 'Optionsliste' }
  }
}

/** Writes the locale's strings into PrimeVue's reactive config (components re-render). */
export function applyPrimeVueLocale(target: { locale?: PrimeVueLocaleOptions }, locale: UiLocale): void {
  if (!target.locale) return
  const { aria, ...rest } = patches[locale]
  Object.assign(target.locale, rest)
  target.locale.aria = { ...target.locale.aria, ...aria }
}
