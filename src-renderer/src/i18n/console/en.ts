// English strings of the console feature.
export default {
  server: 'Server',
  choose: 'Choose a server…',
  open: 'Open console',
  none: 'No console is open. Choose a server above, or use “Console” on the Fleet page.',
  tabs: 'Open consoles',
  close: 'Close console {label}',
  toolbar: 'Console tools for {label}',
  screen: 'Screen of {label}',
  output: 'Console output of {label}',
  connectionState: 'Connection state',
  state: {
    connecting: 'Connecting…',
    connected: 'Connected',
    connectedTo: 'Connected to {name}',
    wrongPassword: 'Wrong password — the server refused the console password.',
    credentialsRequired: 'The server asks for a password.',
    disconnected: 'Disconnected',
    unreachable: 'Could not connect to {host} (the connection was refused, timed out or its token was not accepted).',
    networkLost: 'The connection to {host} was lost.',
    closedByServer: '{host} closed the console session.',
    ticketFailed: 'No console ticket: {reason}'
  },
  gaveUp: 'Stopped after {n} attempts. Use Reconnect to try again.',
  reconnectIn: 'Reconnecting in {seconds} s',
  cancelReconnect: 'Cancel reconnect',
  reconnect: 'Reconnect',
  disconnect: 'Disconnect',
  password: 'Console password',
  sendPassword: 'Send password',
  ctrlAltDel: 'Ctrl+Alt+Del',
  sent: '{keys} sent',
  modifier: {
    control: 'Ctrl',
    alt: 'Alt',
    super: 'Super'
  },
  functionKeys: 'F1–F12',
  scaling: {
    label: 'Scaling',
    fit: 'Fit to window',
    actual: '1:1',
    remote: 'Resize remote screen'
  },
  viewOnly: 'View only',
  fullscreen: 'Fullscreen',
  screenshot: 'Save screenshot',
  screenshotSaved: 'Screenshot saved',
  serverClipboard: 'Server clipboard',
  copy: 'Copy',
  popOut: 'Open in own window',
  popOutUnavailable: 'Consoles open in their own window only in the desktop app.',
  popIn: 'Back to main window',
  cancel: 'Cancel',
  command: 'Command',
  send: 'Send',
  stream: {
    open: 'Streaming',
    openPower: 'Streaming — server {power}',
    closed: 'Stream ended: {reason}'
  },
  embed: {
    opened: 'The console of {label} opened in a separate, isolated window.',
    unavailable: 'The console of {label} is the provider’s own web page; it can only be shown in the desktop app.'
  },
  power: {
    group: 'Power',
    start: 'Start',
    shutdown: 'Shut down',
    stop: 'Force stop',
    restart: 'Restart',
    confirm: '{action} “{label}”?',
    confirmTitle: '{action} {label}?',
    confirmAt: '{action} “{label}” at {account}? The running system is cut short.',
    acceptNamed: '{action} {label}',
    none: 'No power actions for this server now'
  },
  powerDone: '{action}: request sent',
  paste: {
    open: 'Paste as keystrokes',
    title: 'Paste as keystrokes',
    text: 'Text to type',
    help: 'Types the text key by key on a US keyboard layout: printable ASCII, newlines and tabs.',
    delay: 'Delay between keys (ms)',
    untypable: 'These characters cannot be typed and will be skipped: {chars}',
    progress: '{typed} of {total} characters typed',
    type: 'Type'
  }
}
