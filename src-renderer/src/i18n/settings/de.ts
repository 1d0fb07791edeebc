// German strings of the Settings page.
import type { Messages } from '../en'

const settings: Messages['settings'] = {
  title: 'Einstellungen',
  appearance: 'Darstellung',
  fleet: 'Flotte',
  notifications: 'Benachrichtigungen',
  invoices: 'Rechnungen',
  diagnostics: 'Protokoll und Daten',
  serverNotifications: 'Desktop-Benachrichtigungen, wenn sich Server ändern (bereitgestellt, fehlgeschlagen, gestoppt, gesperrt)',
  ticketNotifications: 'Desktop-Benachrichtigungen, wenn der Support auf ein Ticket antwortet',
  notificationsDenied: 'Das System erlaubt Flotilla keine Benachrichtigungen; bitte zuerst in den Systemeinstellungen erlauben.',
  keepOffline: 'Rechnungen und ihre PDFs offline bereithalten (verschlüsselt auf diesem Computer)',
  keepOfflineState: '{done} von {total} Rechnungen offline verfügbar',
  logLevel: 'Protokolldetail',
  logInfo: 'Fehler und Zusammenfassungen',
  logDebug: 'Zusätzlich jede Anfrage (zur Fehlersuche; das Protokoll wächst schneller)',
  logHint: 'Das Protokoll liegt im Datenordner unter logs/, ohne Geheimnisse, und wird nach Größe rotiert.',
  dataFolder: 'Datenordner',
  copyPath: 'Pfad des Datenordners kopieren',
  copied: 'Pfad kopiert.',
  reset: 'Lokale Daten zurücksetzen…',
  resetTitle: 'Lokale Daten zurücksetzen',
  resetWhat: 'Beim nächsten Start entfernt Flotilla, was es von den Anbietern zwischengespeichert hat, und liest es neu:',
  resetGoes: 'Serverlisten, Rechnungen und ihre PDFs, Support-Tickets und das Aktivitätsprotokoll',
  resetStays: 'Ihre Konten, deren Schlüsselbund-Einträge, Einstellungen, Tags und Notizen bleiben erhalten.',
  resetConfirm: 'Beim nächsten Start zurücksetzen',
  resetPending: 'Lokale Daten werden beim nächsten Start von Flotilla zurückgesetzt.',
  resetWithdraw: 'Lokale Daten behalten',
  saved: 'Gespeichert.'
}
export default settings
