// German strings of the support tickets feature.
import type en from './en'

const de: typeof en = {
  refresh: 'Tickets aktualisieren',
  new: 'Neues Ticket',
  notify: 'Benachrichtigen, wenn der Support antwortet',
  notificationTitle: 'Antwort vom Support: {subject}',
  accountCached: '{account}: offline – gespeicherte Tickets vom {at}',
  accountFailed: '{account}: Tickets konnten nicht geladen werden ({message})',
  filter: 'Status',
  all: 'Alle',
  state: {
    open: 'Offen',
    'awaiting-customer': 'Beantwortet – Sie sind dran',
    'awaiting-staff': 'Wartet auf den Support',
    closed: 'Geschlossen'
  },
  listTitle: 'Tickets',
  subject: 'Betreff',
  account: 'Konto',
  status: 'Status',
  updated: 'Aktualisiert',
  unread: 'neue Antwort',
  openUnread: '{subject} (neue Antwort)',
  threadTitle: 'Ticket {subject}',
  fromCache: 'Offline: Das ist die Kopie vom {at}.',
  services: 'Server',
  staff: '{author} (Support)',
  reply: 'Ihre Antwort',
  send: 'Antwort senden',
  close: 'Ticket schließen',
  reopen: 'Ticket wieder öffnen',
  export: 'Als HTML exportieren',
  newTitle: 'Neues Ticket',
  about: 'Betrifft:',
  onePerAccount: 'Diese Server gehören zu {count} Konten: Bei jedem wird ein Ticket eröffnet.',
  message: 'Nachricht',
  create: 'Ticket eröffnen'
}

export default de
