// German strings of the SSH keys feature.
import type en from './en'

const de: typeof en = {
  tabs: 'Bereiche der SSH-Schlüssel',
  refresh: 'Schlüssel aktualisieren',
  matrix: 'Schlüssel nach Konto',
  key: 'Schlüssel',
  present: 'vorhanden',
  absent: '—',
  unknown: 'unbekannt',
  deleteAt: '{name} aus {account} löschen',
  confirmDelete: 'Den Schlüssel {name} aus {account} löschen? Server, die ihn schon haben, behalten ihn.',
  accountFailed: '{account}: Schlüssel konnten nicht geladen werden ({message})',
  pushTitle: 'Schlüssel zu Konten hinzufügen',
  name: 'Name des Schlüssels',
  publicKey: 'Öffentlicher Schlüssel (OpenSSH)',
  publicKeyHint: "Eine Zeile einfügen, etwa „ssh-ed25519 AAAA… user{'@'}host“.",
  keyLooksRight: 'Sieht nach einem gültigen öffentlichen {type}-Schlüssel aus.',
  problem: {
    empty: 'Der Schlüssel ist leer.',
    'private-key': 'Das ist ein privater Schlüssel. Bitte die öffentliche Hälfte (die .pub-Datei) einfügen.',
    'multiple-lines': 'Genau einen Schlüssel in einer Zeile einfügen.',
    'unknown-type': 'Unbekannter Schlüsseltyp: Er muss mit ssh-ed25519, ssh-rsa oder ecdsa-sha2-nistp… beginnen.',
    'bad-base64': 'Die Schlüsseldaten sind beschädigt oder abgeschnitten.',
    'type-mismatch': 'Die Schlüsseldaten passen nicht zum Typ.'
  },
  accounts: 'Konten',
  push: 'Zu gewählten Konten hinzufügen',
  pushResults: 'Ergebnis je Konto',
  outcome: {
    added: 'hinzugefügt',
    'already-present': 'schon vorhanden',
    failed: 'fehlgeschlagen – {message}'
  },
  generateTitle: 'Schlüsselpaar erzeugen',
  noGenerate: 'Keines Ihrer Konten kann Schlüssel erzeugen (elizon kann es).',
  account: 'Konto',
  generate: 'Erzeugen',
  privateKey: 'Privater Schlüssel',
  shownOnce: 'Dieser private Schlüssel wird nur jetzt angezeigt. Flotilla schreibt ihn nur dorthin, wo Sie ihn speichern, und vergisst ihn, sobald Sie ihn ausblenden (spätestens nach 10 Minuten).',
  download: 'Privaten Schlüssel speichern …',
  forget: 'Gespeichert – ausblenden',
  savedTo: 'Gespeichert unter {path}, nur für Sie lesbar.',
  downloaded: 'Als {name} heruntergeladen. Verschieben Sie die Datei in Ihren .ssh-Ordner und machen Sie sie nur für sich lesbar (chmod 600).',
  saveCancelled: 'Nicht gespeichert. Der Schlüssel bleibt noch eine Weile hier: Speichern Sie ihn jetzt, sonst ist er verloren.'
}

export default de
