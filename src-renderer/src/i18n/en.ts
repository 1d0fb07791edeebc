// English UI strings: the reference set. `de.ts` must match its shape exactly
// (enforced by the `Messages` type). vue-i18n syntax: `{x}` interpolates, `|`
// separates plural forms; avoid a bare `@` (linked messages).

import fleetTable from './fleet/en'
import console_ from './console/en'
import billing from './billing/en'
import orders from './orders/en'
import sshKeys from './ssh-keys/en'
import tickets from './tickets/en'
import settings from './settings/en'
import ssh from './ssh/en'
// @feature-imports

const en = {
  app: {
    name: 'Flotilla',
    loading: 'Loading…'
  },
  nav: {
    main: 'Main',
    fleet: 'Fleet',
    consoles: 'Consoles',
    terminals: 'Terminals',
    billing: 'Billing',
    orders: 'Orders',
    sshKeys: 'SSH keys',
    tickets: 'Tickets',
    accounts: 'Accounts',
    activity: 'Activity',
    settings: 'Settings'
  },
  header: {
    language: 'Language',
    theme: 'Theme',
    system: 'System',
    light: 'Light',
    dark: 'Dark'
  },
  health: {
    heading: 'Account health',
    none: 'No accounts yet.',
    unknown: 'Not checked yet',
    ok: 'OK',
    refreshing: 'Refreshing…',
    needsSignIn: 'Needs sign-in',
    rateLimited: 'Rate-limited (retry in {seconds} s)',
    rateLimitedLater: 'Rate-limited (retry later)',
    offline: 'Offline',
    error: 'Error',
    errorWithMessage: 'Error: {message}'
  },
  warnings: {
    region: 'Warnings',
    dismiss: 'Dismiss warning',
    accountsFileCorrupt:
      'accounts.json could not be read. It was kept as {path}; add your accounts again or restore that file. Their credentials are still in the keychain.',
    settingsFileCorrupt: 'settings.json could not be read and was kept as {path}; the default settings are used.',
    localDataReset: 'Local data was reset as you asked: cached server lists, invoices, tickets and the activity log were removed and are read again from the providers.',
    setAside: '{file} could not be read and was kept as {path}; {consequence}',
    notMoved: '{file} cannot be read (it is not a readable file) and could not be moved aside; {consequence}',
    consequence: {
      accounts: 'Flotilla starts with no accounts: add them again or restore that file. Their credentials are still in the keychain.',
      settings: 'the default settings are used.',
      serverMeta: 'local tags, notes and favourites start empty.',
      liveInterval: 'the live refresh interval is back to 30 s.',
      invoiceSync: '"Keep invoices offline" is off until you turn it on again.'
    }
  },
  fleet: {
    refresh: 'Refresh fleet',
    refreshLabel: 'Refresh',
    progress: 'Refreshing the fleet',
    table: 'Servers',
    name: 'Name',
    account: 'Account',
    provider: 'Provider',
    status: 'Status',
    primaryIp: 'Primary IP',
    noIp: '—',
    noServers: 'These accounts have no servers.',
    emptyBefore: 'No accounts yet — add one on the',
    emptyLink: 'Accounts page',
    lastUpdated: 'Last updated {time}',
    notUpdated: 'Not updated yet',
    offlineCached: 'offline — showing servers from {time}',
    offlineNoCache: 'offline',
    accountProblem: '{account}: {state}',
    power: {
      running: 'running',
      stopped: 'stopped',
      starting: 'starting',
      stopping: 'stopping',
      unknown: 'power unknown',
      notApplicable: '—'
    }
  },
  accounts: {
    add: 'Add account',
    table: 'Accounts',
    label: 'Label',
    provider: 'Provider',
    colour: 'Colour',
    baseUrl: 'Base URL',
    health: 'Health',
    actions: 'Actions',
    defaultBaseUrl: 'default',
    edit: 'Edit',
    editNamed: 'Edit {label}',
    remove: 'Remove',
    removeNamed: 'Remove {label}',
    empty: 'No accounts yet. Add an aluy or elizon account to see its servers.',
    confirmHeader: 'Remove account',
    confirmMessage: 'Remove “{label}”? Its stored credential is deleted from this computer. The servers at the provider are not touched.',
    cancel: 'Cancel',
    saved: 'Account “{label}” saved.',
    removed: 'Account “{label}” removed.'
  },
  form: {
    addTitle: 'Add account',
    editTitle: 'Edit {label}',
    provider: 'Provider',
    label: 'Label',
    colour: 'Colour',
    sessionCookie: 'Session cookie',
    sessionCookieHelp: 'Paste the session-token value, name=value, or a whole Cookie: header',
    apiKey: 'API key',
    apiKeyHelp: 'The key from the elizon dashboard (sent as x-api-key).',
    keepCredential: 'Leave empty to keep the stored credential.',
    advanced: 'Advanced',
    baseUrl: 'Base URL',
    baseUrlHelp: 'Only for staging or testing. Leave empty to use the default.',
    check: 'Check',
    save: 'Save',
    saveAnyway: 'Save anyway',
    cancel: 'Cancel',
    problems: 'Please correct the following:',
    checkFirst: 'Enter a credential to check it.',
    credentialForNewHost: 'The base URL now points to another host ({host}). Paste the credential again to use it there: the stored one is only sent where you gave it.'
  },
  verify: {
    signedIn: 'Signed in',
    signedInAluy: 'Signed in — balance {balance}, billing {mode}',
    signedInElizon: 'Signed in — no servers | Signed in — {n} server | Signed in — {n} servers',
    sessionExpired: 'Session expired — copy a fresh cookie',
    notReseller: 'Not a reseller account',
    apiKeyRejected: 'API key rejected',
    keyLacksPermission: 'The API key lacks a permission',
    unreachable: 'Cannot reach host',
    rateLimited: 'Rate-limited — try again in {seconds} s',
    waiting: 'Rate-limited by the provider — waiting {seconds} s, then checking again',
    tryAgainAt: 'Rate-limited — try again at {time}',
    rateLimitedLater: 'Rate-limited — try again later',
    providerError: 'The provider reported an error',
    invalidResponse: 'The provider’s answer could not be read'
  },
  errors: {
    authExpired: 'The session expired — copy a fresh cookie.',
    notReseller: 'This is not a reseller account.',
    authRejected: 'The API key was rejected.',
    forbidden: 'The API key lacks a permission.',
    rateLimited: 'Too many requests — try again shortly.',
    quotaExceeded: 'The account’s server quota is reached.',
    badRequest: 'The provider refused the request.',
    paymentRequired: 'The balance is too low for this.',
    notFound: 'Not found at the provider.',
    conflict: 'The provider reported a conflict.',
    upstream: 'The provider had a server error.',
    unavailable: 'This feature is not available at the provider.',
    offline: 'Cannot reach host.',
    timeout: 'The provider did not answer in time.',
    invalidResponse: 'The provider’s answer could not be read.',
    tooLarge: 'The provider’s answer was too large and was not read.',
    tooSlow: 'The provider’s answer was too slow and was stopped.',
    tlsUntrusted: 'The host’s security certificate is not trusted.',
    foreignHost: 'Flotilla refused to send the account’s credential to another host.',
    keychainUnavailable: 'The system keychain is not available.',
    keychainLocked: 'The system keychain is locked or refused access.',
    credentialMissing: 'No credential found in the keychain — it may be locked (unlock it and refresh), or edit the account and enter it again.',
    validation: 'Some input is not valid.',
    ipcRejected: 'The window’s request was refused.',
    storage: 'A file could not be read or written.',
    cancelled: 'Cancelled.',
    internal: 'Something went wrong inside Flotilla.'
  },
  // Feature blocks, one line each (messages in ./<feature>/en.ts); keep this marker last.
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

/** The shape every locale must have: the same keys, string leaves. */
export type MessageSchema<T> = { [K in keyof T]: T[K] extends string ? string : MessageSchema<T[K]> }
export type Messages = MessageSchema<typeof en>

const typed: Messages = en
export default typed
