// English strings of the SSH keys feature.
export default {
  tabs: 'SSH key sections',
  refresh: 'Refresh keys',
  matrix: 'Keys by account',
  key: 'Key',
  present: 'present',
  absent: '—',
  unknown: 'unknown',
  deleteAt: 'Delete {name} from {account}',
  confirmDelete: 'Delete the key {name} from {account}? Servers that already have it keep it.',
  accountFailed: '{account}: keys could not be loaded ({message})',
  pushTitle: 'Add a key to accounts',
  name: 'Key name',
  publicKey: 'Public key (OpenSSH)',
  publicKeyHint: "Paste one line such as “ssh-ed25519 AAAA… user{'@'}host”.",
  keyLooksRight: 'Looks like a valid {type} public key.',
  problem: {
    empty: 'The key is empty.',
    'private-key': 'This is a private key. Paste the public half (the .pub file) instead.',
    'multiple-lines': 'Paste exactly one key, on one line.',
    'unknown-type': 'Unknown key type: it must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp….',
    'bad-base64': 'The key data is damaged or cut off.',
    'type-mismatch': 'The key data does not match its type.'
  },
  accounts: 'Accounts',
  push: 'Add to chosen accounts',
  pushResults: 'Result per account',
  outcome: {
    added: 'added',
    'already-present': 'already there',
    failed: 'failed — {message}'
  },
  generateTitle: 'Generate a key pair',
  noGenerate: 'None of your accounts can generate keys (elizon can).',
  account: 'Account',
  generate: 'Generate',
  privateKey: 'Private key',
  shownOnce: 'This private key is shown only now. Flotilla keeps no copy: save it where you choose.',
  download: 'Save private key…',
  forget: 'I have saved it — hide'
}
