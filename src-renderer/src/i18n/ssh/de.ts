// Deutsche Texte des SSH-Terminals (Issue 15).
import type en from './en'

const de: typeof en = {
  title: 'Terminals',
  open: 'SSH',
  openLong: 'SSH-Terminal öffnen',
  server: 'Server',
  choose: 'Server wählen…',
  connect: 'Verbinden',
  none: 'Kein Terminal geöffnet. Wählen Sie oben einen Server oder nutzen Sie „SSH“ auf der Flotten-Seite (oder S in einer Zeile).',
  tabs: 'Geöffnete Terminals',
  close: 'Terminal {title} schließen',
  terminal: 'Terminal von {title}',
  toolbar: 'Terminal-Werkzeuge für {title}',
  noAddress: 'Dieser Server hat keine Adresse. Legen Sie eine in seinen SSH-Einstellungen fest.',
  state: {
    connecting: 'Verbinde…',
    verifying: 'Prüfe den Host-Schlüssel…',
    authenticating: 'Melde an…',
    ready: 'Verbunden',
    closed: 'Getrennt',
    failed: 'Fehlgeschlagen'
  },
  method: {
    none: 'frage den Server',
    agent: 'mit dem SSH-Agenten',
    publickey: 'mit einem Schlüssel',
    password: 'mit Passwort',
    passphrase: 'Schlüssel-Passphrase',
    'keyboard-interactive': 'Server-Abfrage'
  },
  code: {
    'auth-failed': 'Anmeldung fehlgeschlagen: Der Server hat jede Anmeldeart abgelehnt.',
    'host-key-rejected': 'Der Host-Schlüssel wurde nicht akzeptiert, es wurde nichts gesendet.',
    'host-key-changed': 'Blockiert: Der Host-Schlüssel hat sich geändert.',
    unreachable: 'Der Server ist nicht erreichbar.',
    'closed-by-server': 'Der Server hat die Verbindung geschlossen.',
    closed: 'Sitzung beendet.',
    timeout: 'Der Server hat nicht rechtzeitig geantwortet.',
    'no-address': 'Dieser Server hat keine Adresse.',
    error: 'Die SSH-Verbindung ist fehlgeschlagen.'
  },
  reconnect: 'Neu verbinden',
  popOut: 'Eigenes Fenster',
  popOutUnavailable: 'Terminals öffnen sich nur in der Desktop-App in einem eigenen Fenster.',
  startLog: 'Sitzungsprotokoll starten',
  stopLog: 'Sitzungsprotokoll beenden',
  logStarted: 'Diese Sitzung wird in {path} protokolliert',
  search: 'Im Terminal suchen',
  searchNext: 'Weitersuchen',
  hostKey: {
    newTitle: 'Erste Verbindung zu {host}',
    newBody: 'Flotilla kennt den Schlüssel dieses Servers noch nicht. Vergleichen Sie den Fingerabdruck mit dem des Servers (ssh-keygen -lf /etc/ssh/ssh_host_{type}_key.pub), bevor Sie ihm vertrauen.',
    changedTitle: 'Warnung: Der Host-Schlüssel von {host} hat sich geändert',
    changedBody: 'Der Server zeigt einen anderen Schlüssel als den gespeicherten. Das kann bedeuten, dass der Server neu installiert wurde – oder dass jemand die Verbindung abfängt. Es wurde nichts gesendet.',
    reinstalled: 'Flotilla hat diesen Server am {time} neu installiert; nach einer Neuinstallation ist ein neuer Host-Schlüssel zu erwarten.',
    type: 'Schlüsseltyp',
    fingerprint: 'Fingerabdruck',
    pinned: 'Gespeicherter Fingerabdruck',
    pinnedFrom: {
      flotilla: 'in Flotilla gespeichert',
      known_hosts: 'aus ~/.ssh/known_hosts'
    },
    trust: 'Vertrauen und verbinden',
    replace: 'Gespeicherten Schlüssel ersetzen',
    cancel: 'Abbrechen'
  },
  prompt: {
    password: 'Passwort',
    passphrase: 'Passphrase',
    passwordTitle: 'Passwort für {user}',
    passphraseTitle: 'Passphrase von {path}',
    kbdTitle: 'Der Server fragt',
    wrongPassphrase: 'Diese Passphrase öffnet den Schlüssel nicht. Bitte erneut versuchen.',
    remember: 'Im Schlüsselbund des Systems behalten',
    submit: 'Anmelden',
    cancel: 'Abbrechen',
    answer: 'Antwort {n}'
  },
  target: {
    heading: 'SSH-Einstellungen für {label}',
    address: 'Adresse',
    port: 'Port',
    user: 'Benutzer',
    keyPath: 'Privater Schlüssel (Datei)',
    providerAddresses: 'Adressen des Anbieters: {list}',
    save: 'SSH-Einstellungen speichern',
    saved: 'SSH-Einstellungen gespeichert.',
    edit: 'SSH-Einstellungen',
    defaultUser: 'Standardbenutzer für {account}'
  },
  paste: {
    title: 'Mehrere Zeilen einfügen?',
    body: 'Der Text hat {count} Zeilen; jeder Zeilenumbruch führt im Terminal einen Befehl aus.',
    confirm: 'Einfügen',
    cancel: 'Abbrechen'
  },
  agentNote: 'Anmeldereihenfolge: SSH-Agent (unter Windows der OpenSSH-Agent; Pageant unterstützt das installierte ssh2 1.17, upstream wurde es entfernt), Schlüsseldateien, von Flotilla gehaltene Schlüssel, dann Passwort oder Server-Abfragen.'
}
export default de
