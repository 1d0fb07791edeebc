// Deutsche Texte der Konsolen.
import type { Messages } from '../en'

const de: Messages['console'] = {
  server: 'Server',
  choose: 'Server wählen…',
  open: 'Konsole öffnen',
  none: 'Keine Konsole geöffnet. Wähle oben einen Server oder nutze „Konsole“ auf der Flotten-Seite.',
  tabs: 'Geöffnete Konsolen',
  close: 'Konsole {label} schließen',
  toolbar: 'Konsolenwerkzeuge für {label}',
  screen: 'Bildschirm von {label}',
  output: 'Konsolenausgabe von {label}',
  connectionState: 'Verbindungsstatus',
  state: {
    connecting: 'Verbinde…',
    connected: 'Verbunden',
    connectedTo: 'Verbunden mit {name}',
    wrongPassword: 'Falsches Passwort — der Server hat das Konsolenpasswort abgelehnt.',
    credentialsRequired: 'Der Server verlangt ein Passwort.',
    disconnected: 'Getrennt',
    unreachable: 'Keine Verbindung zu {host} (abgelehnt, Zeitüberschreitung oder Token nicht angenommen).',
    networkLost: 'Die Verbindung zu {host} ist abgebrochen.',
    closedByServer: '{host} hat die Konsolensitzung beendet.',
    ticketFailed: 'Kein Konsolen-Ticket: {reason}'
  },
  gaveUp: 'Nach {n} Versuchen aufgegeben. „Neu verbinden“ versucht es erneut.',
  reconnectIn: 'Neuer Verbindungsversuch in {seconds} s',
  cancelReconnect: 'Neuverbindung abbrechen',
  reconnect: 'Neu verbinden',
  disconnect: 'Trennen',
  password: 'Konsolenpasswort',
  sendPassword: 'Passwort senden',
  ctrlAltDel: 'Strg+Alt+Entf',
  sent: '{keys} gesendet',
  modifier: {
    control: 'Strg',
    alt: 'Alt',
    super: 'Super'
  },
  functionKeys: 'F1–F12',
  scaling: {
    label: 'Skalierung',
    fit: 'An Fenster anpassen',
    actual: '1:1',
    remote: 'Entfernten Bildschirm anpassen'
  },
  viewOnly: 'Nur ansehen',
  fullscreen: 'Vollbild',
  screenshot: 'Bildschirmfoto speichern',
  screenshotSaved: 'Bildschirmfoto gespeichert',
  serverClipboard: 'Zwischenablage des Servers',
  copy: 'Kopieren',
  popOut: 'In eigenem Fenster öffnen',
  popOutUnavailable: 'Konsolen lassen sich nur in der Desktop-App in einem eigenen Fenster öffnen.',
  popIn: 'Zurück ins Hauptfenster',
  cancel: 'Abbrechen',
  command: 'Befehl',
  send: 'Senden',
  stream: {
    open: 'Ausgabe läuft',
    openPower: 'Ausgabe läuft — Server {power}',
    closed: 'Ausgabe beendet: {reason}'
  },
  embed: {
    opened: 'Die Konsole von {label} wurde in einem eigenen, abgeschotteten Fenster geöffnet.',
    unavailable: 'Die Konsole von {label} ist eine Webseite des Anbieters; sie lässt sich nur in der Desktop-App anzeigen.'
  },
  power: {
    group: 'Stromversorgung',
    start: 'Starten',
    shutdown: 'Herunterfahren',
    stop: 'Hart ausschalten',
    restart: 'Neu starten',
    confirm: '„{label}“: {action}?',
    confirmTitle: '{label}: {action}?',
    confirmAt: '„{label}“ bei {account}: {action}? Das laufende System wird unterbrochen.',
    acceptNamed: '{label}: {action}',
    none: 'Für diesen Server sind gerade keine Stromaktionen möglich'
  },
  powerDone: '{action}: Anfrage gesendet',
  paste: {
    open: 'Als Tastenanschläge einfügen',
    title: 'Als Tastenanschläge einfügen',
    text: 'Zu tippender Text',
    help: 'Tippt den Text Taste für Taste mit US-Tastaturbelegung: druckbares ASCII, Zeilenumbrüche und Tabulatoren.',
    delay: 'Pause zwischen Tasten (ms)',
    untypable: 'Diese Zeichen lassen sich nicht tippen und werden übersprungen: {chars}',
    progress: '{typed} von {total} Zeichen getippt',
    type: 'Tippen'
  }
}

export default de
