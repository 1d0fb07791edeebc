// English strings of the SSH terminal (issue 15).
export default {
  title: 'Terminals',
  open: 'SSH',
  openLong: 'Open an SSH terminal',
  server: 'Server',
  choose: 'Choose a server…',
  connect: 'Connect',
  none: 'No terminal is open. Choose a server above, or use “SSH” on the Fleet page (or press S on a row).',
  tabs: 'Open terminals',
  close: 'Close terminal {title}',
  terminal: 'Terminal of {title}',
  toolbar: 'Terminal tools for {title}',
  noAddress: 'This server has no address. Set one in its SSH settings.',
  state: {
    connecting: 'Connecting…',
    verifying: 'Checking the host key…',
    authenticating: 'Signing in…',
    ready: 'Connected',
    closed: 'Disconnected',
    failed: 'Failed'
  },
  method: {
    none: 'asking the server',
    agent: 'with the SSH agent',
    publickey: 'with a key',
    password: 'with a password',
    passphrase: 'key passphrase',
    'keyboard-interactive': 'server prompt'
  },
  code: {
    'auth-failed': 'Sign-in failed: the server refused every way of signing in.',
    'host-key-rejected': 'The host key was not accepted, so nothing was sent.',
    'host-key-changed': 'Blocked: the host key changed.',
    unreachable: 'Cannot reach the server.',
    'closed-by-server': 'The server closed the connection.',
    closed: 'Session closed.',
    timeout: 'The server did not answer in time.',
    'no-address': 'This server has no address.',
    error: 'The SSH connection failed.'
  },
  reconnect: 'Reconnect',
  popOut: 'Pop out',
  popOutUnavailable: 'Terminals open in their own window only in the desktop app.',
  startLog: 'Start session log',
  stopLog: 'Stop session log',
  logStarted: 'Logging this session to {path}',
  search: 'Search in terminal',
  searchNext: 'Find next',
  hostKey: {
    newTitle: 'First connection to {host}',
    newBody: 'Flotilla has not seen this server’s key before. Compare the fingerprint with the one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_{type}_key.pub) before you trust it.',
    changedTitle: 'Warning: the host key of {host} has changed',
    changedBody: 'The server presents a different key than the one pinned. This can mean the server was reinstalled — or that someone is intercepting the connection. Nothing was sent.',
    reinstalled: 'Flotilla reinstalled this server on {time}; a new host key is expected after a reinstall.',
    type: 'Key type',
    fingerprint: 'Fingerprint',
    pinned: 'Pinned fingerprint',
    pinnedFrom: {
      flotilla: 'pinned in Flotilla',
      known_hosts: 'from ~/.ssh/known_hosts'
    },
    trust: 'Trust and connect',
    replace: 'Replace the pinned key',
    cancel: 'Cancel'
  },
  prompt: {
    password: 'Password',
    passphrase: 'Passphrase',
    passwordTitle: 'Password for {user}',
    passphraseTitle: 'Passphrase of {path}',
    kbdTitle: 'The server asks',
    wrongPassphrase: 'That passphrase did not open the key. Try again.',
    remember: 'Keep in the OS keychain',
    submit: 'Sign in',
    cancel: 'Cancel',
    answer: 'Answer {n}'
  },
  target: {
    heading: 'SSH settings for {label}',
    address: 'Address',
    port: 'Port',
    user: 'User',
    keyPath: 'Private key file',
    providerAddresses: 'Provider addresses: {list}',
    save: 'Save SSH settings',
    saved: 'SSH settings saved.',
    edit: 'SSH settings',
    defaultUser: 'Default user for {account}'
  },
  paste: {
    title: 'Paste several lines?',
    body: 'The text has {count} lines; each line break runs a command in the terminal.',
    confirm: 'Paste',
    cancel: 'Cancel'
  },
  agentNote: 'Sign-in order: SSH agent (on Windows the OpenSSH agent; Pageant is supported by the installed ssh2 1.17 but removed upstream), key files, keys Flotilla holds, then password or server prompts.'
}
