// German UI strings. Typed as `Messages`: a missing or extra key fails to compile.
import type { Messages } from './en'
import fleetTable from './fleet/de'
import console_ from './console/de'
import billing from './billing/de'
import orders from './orders/de'
import sshKeys from './ssh-keys/de'
import tickets from './tickets/de'
import settings from './settings/de'
import ssh from './ssh/de'
// @feature-imports

const de: Messages = {
  app: {
    name: 'Flotilla',
    loading: 'Wird geladen…'
  },
  nav: {
    main: 'Hauptnavigation',
    fleet: 'Flotte',
    consoles: 'Konsolen',
    terminals: 'Terminals',
    billing: 'Abrechnung',
    orders: 'Bestellungen',
    sshKeys: 'SSH-Schlüssel',
    tickets: 'Tickets',
    accounts: 'Konten',
    activity: 'Aktivität',
    settings: 'Einstellungen'
  },
  header: {
    language: 'Sprache',
    theme: 'Design',
    system: 'System',
    light: 'Hell',
    dark: 'Dunkel'
  },
  health: {
    heading: 'Zustand der Konten',
    none: 'Noch keine Konten.',
    unknown: 'Noch nicht geprüft',
    ok: 'OK',
    refreshing: 'Wird aktualisiert…',
    needsSignIn: 'Anmeldung nötig',
    rateLimited: 'Ratenlimit (neuer Versuch in {seconds} s)',
    rateLimitedLater: 'Ratenlimit (später erneut versuchen)',
    offline: 'Offline',
    error: 'Fehler',
    errorWithMessage: 'Fehler: {message}'
  },
  warnings: {
    region: 'Warnungen',
    dismiss: 'Warnung schließen',
    accountsFileCorrupt:
      'accounts.json konnte nicht gelesen werden. Die Datei wurde als {path} aufbewahrt; fügen Sie Ihre Konten erneut hinzu oder stellen Sie die Datei wieder her. Die Zugangsdaten liegen weiterhin im Schlüsselbund.',
    settingsFileCorrupt: 'settings.json konnte nicht gelesen werden und wurde als {path} aufbewahrt; es gelten die Standardeinstellungen.',
    localDataReset: 'Lokale Daten wurden wie gewünscht zurückgesetzt: zwischengespeicherte Serverlisten, Rechnungen, Tickets und das Aktivitätsprotokoll wurden entfernt und werden neu von den Anbietern gelesen.',
    setAside: '{file} konnte nicht gelesen werden und wurde als {path} aufbewahrt; {consequence}',
    notMoved: '{file} ist nicht lesbar (keine lesbare Datei) und konnte nicht beiseitegelegt werden; {consequence}',
    consequence: {
      accounts: 'Flotilla startet ohne Konten: Fügen Sie sie erneut hinzu oder stellen Sie die Datei wieder her. Die Zugangsdaten liegen weiterhin im Schlüsselbund.',
      settings: 'es gelten die Standardeinstellungen.',
      serverMeta: 'lokale Tags, Notizen und Favoriten beginnen leer.',
      liveInterval: 'das Live-Aktualisierungsintervall ist wieder 30 s.',
      invoiceSync: '„Rechnungen offline behalten“ ist aus, bis Sie es wieder einschalten.'
    }
  },
  fleet: {
    refresh: 'Flotte aktualisieren',
    refreshLabel: 'Aktualisieren',
    progress: 'Die Flotte wird aktualisiert',
    table: 'Server',
    name: 'Name',
    account: 'Konto',
    provider: 'Anbieter',
    status: 'Status',
    primaryIp: 'Primäre IP',
    noIp: '—',
    noServers: 'Diese Konten haben keine Server.',
    emptyBefore: 'Noch keine Konten — fügen Sie eines hinzu auf der Seite',
    emptyLink: 'Konten',
    lastUpdated: 'Zuletzt aktualisiert {time}',
    notUpdated: 'Noch nicht aktualisiert',
    offlineCached: 'offline — Server vom Stand {time}',
    offlineNoCache: 'offline',
    accountProblem: '{account}: {state}',
    power: {
      running: 'läuft',
      stopped: 'gestoppt',
      starting: 'startet',
      stopping: 'stoppt',
      unknown: 'Stromzustand unbekannt',
      notApplicable: '—'
    }
  },
  accounts: {
    add: 'Konto hinzufügen',
    table: 'Konten',
    label: 'Bezeichnung',
    provider: 'Anbieter',
    colour: 'Farbe',
    baseUrl: 'Basis-URL',
    health: 'Zustand',
    actions: 'Aktionen',
    defaultBaseUrl: 'Standard',
    edit: 'Bearbeiten',
    editNamed: '{label} bearbeiten',
    remove: 'Entfernen',
    removeNamed: '{label} entfernen',
    empty: 'Noch keine Konten. Fügen Sie ein aluy- oder elizon-Konto hinzu, um seine Server zu sehen.',
    confirmHeader: 'Konto entfernen',
    confirmMessage: '„{label}“ entfernen? Die gespeicherten Zugangsdaten werden von diesem Computer gelöscht. Die Server beim Anbieter bleiben unberührt.',
    cancel: 'Abbrechen',
    saved: 'Konto „{label}“ gespeichert.',
    removed: 'Konto „{label}“ entfernt.'
  },
  form: {
    addTitle: 'Konto hinzufügen',
    editTitle: '{label} bearbeiten',
    provider: 'Anbieter',
    label: 'Bezeichnung',
    colour: 'Farbe',
    sessionCookie: 'Sitzungs-Cookie',
    sessionCookieHelp: 'Fügen Sie den Wert von session-token, name=wert oder eine ganze Cookie:-Kopfzeile ein',
    apiKey: 'API-Schlüssel',
    apiKeyHelp: 'Der Schlüssel aus dem elizon-Dashboard (wird als x-api-key gesendet).',
    keepCredential: 'Leer lassen, um die gespeicherten Zugangsdaten zu behalten.',
    advanced: 'Erweitert',
    baseUrl: 'Basis-URL',
    baseUrlHelp: 'Nur für Staging oder Tests. Leer lassen für den Standard.',
    check: 'Prüfen',
    save: 'Speichern',
    saveAnyway: 'Trotzdem speichern',
    cancel: 'Abbrechen',
    problems: 'Bitte korrigieren Sie:',
    checkFirst: 'Geben Sie Zugangsdaten ein, um sie zu prüfen.',
    credentialForNewHost: 'Die Basis-URL zeigt jetzt auf einen anderen Host ({host}). Fügen Sie die Zugangsdaten erneut ein, um sie dort zu verwenden: Die gespeicherten werden nur dorthin gesendet, wofür Sie sie angegeben haben.'
  },
  verify: {
    signedIn: 'Angemeldet',
    signedInAluy: 'Angemeldet — Guthaben {balance}, Abrechnung {mode}',
    signedInElizon: 'Angemeldet — keine Server | Angemeldet — {n} Server | Angemeldet — {n} Server',
    sessionExpired: 'Sitzung abgelaufen — kopieren Sie ein frisches Cookie',
    notReseller: 'Kein Reseller-Konto',
    apiKeyRejected: 'API-Schlüssel abgelehnt',
    keyLacksPermission: 'Dem API-Schlüssel fehlt eine Berechtigung',
    unreachable: 'Host nicht erreichbar',
    rateLimited: 'Ratenlimit — in {seconds} s erneut versuchen',
    waiting: 'Ratenlimit des Anbieters — {seconds} s warten, dann erneut prüfen',
    tryAgainAt: 'Ratenlimit — erneut versuchen um {time}',
    rateLimitedLater: 'Ratenlimit — später erneut versuchen',
    providerError: 'Der Anbieter meldete einen Fehler',
    invalidResponse: 'Die Antwort des Anbieters war nicht lesbar'
  },
  errors: {
    authExpired: 'Die Sitzung ist abgelaufen — kopieren Sie ein frisches Cookie.',
    notReseller: 'Dies ist kein Reseller-Konto.',
    authRejected: 'Der API-Schlüssel wurde abgelehnt.',
    forbidden: 'Dem API-Schlüssel fehlt eine Berechtigung.',
    rateLimited: 'Zu viele Anfragen — versuchen Sie es gleich noch einmal.',
    quotaExceeded: 'Das Serverkontingent des Kontos ist erreicht.',
    badRequest: 'Der Anbieter hat die Anfrage abgelehnt.',
    paymentRequired: 'Das Guthaben reicht dafür nicht aus.',
    notFound: 'Beim Anbieter nicht gefunden.',
    conflict: 'Der Anbieter meldete einen Konflikt.',
    upstream: 'Beim Anbieter ist ein Serverfehler aufgetreten.',
    unavailable: 'Diese Funktion ist beim Anbieter nicht verfügbar.',
    offline: 'Host nicht erreichbar.',
    timeout: 'Der Anbieter hat nicht rechtzeitig geantwortet.',
    invalidResponse: 'Die Antwort des Anbieters war nicht lesbar.',
    tooLarge: 'Die Antwort des Anbieters war zu groß und wurde nicht gelesen.',
    tooSlow: 'Die Antwort des Anbieters kam zu langsam und wurde abgebrochen.',
    tlsUntrusted: 'Dem Sicherheitszertifikat des Hosts wird nicht vertraut.',
    foreignHost: 'Flotilla hat sich geweigert, die Zugangsdaten des Kontos an einen anderen Host zu senden.',
    keychainUnavailable: 'Der Schlüsselbund des Systems ist nicht verfügbar.',
    keychainLocked: 'Der Schlüsselbund des Systems ist gesperrt oder hat den Zugriff verweigert.',
    credentialMissing: 'Keine Zugangsdaten im Schlüsselbund gefunden — er ist vielleicht gesperrt (entsperren und aktualisieren), oder bearbeiten Sie das Konto und geben Sie sie erneut ein.',
    validation: 'Einige Eingaben sind ungültig.',
    ipcRejected: 'Die Anfrage des Fensters wurde abgelehnt.',
    storage: 'Eine Datei konnte nicht gelesen oder geschrieben werden.',
    cancelled: 'Abgebrochen.',
    internal: 'In Flotilla ist etwas schiefgelaufen.'
  },
  // Feature blocks, one line each (messages in ./<feature>/de.ts); keep this marker last.
  fleetTable,
  console: console_,
  billing,
  orders,
  sshKeys,
  tickets,
  settings,
  ssh,
  // @feature-messages
}

export default de
