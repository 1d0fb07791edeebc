// The SSH terminal's slice of the IPC contract (issue 15). ssh2 runs in main;
// credentials (passwords, passphrases, keys) travel renderer → main only as
// answers to a prompt main raised, and never back. Terminal output is raw bytes:
// both transports (Electron IPC and the harness's JSON WebSocket) carry it as
// base64 in `ssh.output`, which the renderer decodes to a Uint8Array and hands
// to xterm unchanged, so a UTF-8 character split across chunks is never garbled.
import { z } from 'zod'

const ServerKey = z.string().min(3).max(512)
export const SshSessionId = z.string().regex(/^ssh_[a-z0-9]{8,32}$/, 'not an SSH session id')
const Cols = z.number().int().min(2).max(1000)
const Rows = z.number().int().min(1).max(500)

/** Per-server overrides, kept locally with the server's tags and notes (userData/server-meta.json). */
export const SshOverride = z.object({
  user: z.string().trim().max(64).regex(/^[A-Za-z0-9._@-]*$/, 'not a user name').optional(),
  port: z.number().int().min(1).max(65535).optional(),
  address: z.string().trim().max(255).regex(/^[A-Za-z0-9.:%_-]*$/, 'not an address').optional(),
  /** A private key file to try after the agent (absolute path on this machine). */
  keyPath: z.string().trim().max(1024).optional()
})
export type SshOverride = z.infer<typeof SshOverride>

export const SshPrefs = z.object({
  /** Default login per account id (overridden per server). */
  defaultUsers: z.record(z.string(), z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/)),
  /** Seconds between keepalives; 0 turns keepalive off. */
  keepaliveSec: z.number().int().min(0).max(3600),
  scrollback: z.number().int().min(100).max(100_000),
  copyOnSelect: z.boolean()
})
export type SshPrefs = z.infer<typeof SshPrefs>
export const DEFAULT_SSH_PREFS: SshPrefs = { defaultUsers: {}, keepaliveSec: 30, scrollback: 5000, copyOnSelect: false }

/** Where a server would be reached, before any override is applied and after. */
export const SshTarget = z.object({
  serverKey: ServerKey,
  label: z.string(),
  accountId: z.string(),
  accountLabel: z.string(),
  /** The account's default user (SshPrefs.defaultUsers), used when the server has no user override. */
  accountDefaultUser: z.string().nullable(),
  /** The provider's addresses (IPv4 first), for the override form's hint. */
  providerAddresses: z.array(z.string()),
  address: z.string().nullable(),
  port: z.number().int(),
  user: z.string(),
  keyPath: z.string().nullable(),
  override: SshOverride
})
export type SshTarget = z.infer<typeof SshTarget>

export const SshOpened = z.object({
  sessionId: SshSessionId,
  serverKey: ServerKey,
  title: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string()
})
export type SshOpened = z.infer<typeof SshOpened>

export const SSH_STATES = ['connecting', 'verifying', 'authenticating', 'ready', 'closed', 'failed'] as const
export const SshStateEvent = z.object({
  sessionId: SshSessionId,
  state: z.enum(SSH_STATES),
  /** Why it closed or failed, in words; a `code` for the renderer's own translation. */
  code: z
    .enum(['auth-failed', 'host-key-rejected', 'host-key-changed', 'unreachable', 'closed-by-server', 'closed', 'timeout', 'no-address', 'error'])
    .optional(),
  message: z.string().optional(),
  /** Authentication methods still to try or tried, for the status line. */
  method: z.string().optional()
})
export type SshStateEvent = z.infer<typeof SshStateEvent>

export const SshHostKeyEvent = z.object({
  sessionId: SshSessionId,
  /** `new`: never seen, asks; `changed`: differs from the pinned key, blocked until replaced. */
  kind: z.enum(['new', 'changed']),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  pinnedFingerprint: z.string().nullable(),
  /** Where the pinned key came from. */
  pinnedFrom: z.enum(['flotilla', 'known_hosts']).nullable(),
  /** ISO time of the last reinstall Flotilla ran on this server, if any. */
  reinstalledAt: z.string().nullable()
})
export type SshHostKeyEvent = z.infer<typeof SshHostKeyEvent>

export const SshPromptEvent = z.object({
  sessionId: SshSessionId,
  promptId: z.string(),
  kind: z.enum(['password', 'passphrase', 'keyboard-interactive']),
  user: z.string(),
  /** The server's or key file's words (keyboard-interactive name/instructions; key path). */
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  /** A keychain entry can hold the answer (password and passphrase). */
  canRemember: z.boolean()
})
export type SshPromptEvent = z.infer<typeof SshPromptEvent>

export const SshOutputEvent = z.object({
  sessionId: SshSessionId,
  /** base64 of the raw bytes. */
  data: z.string(),
  /** Byte count of `data` once decoded: what the renderer acks after xterm wrote it. */
  bytes: z.number().int()
})
export type SshOutputEvent = z.infer<typeof SshOutputEvent>

const SessionOnly = z.object({ sessionId: SshSessionId })
const Ok = z.object({ ok: z.boolean() })

export const sshContract = {
  'ssh.target': { input: z.object({ serverKey: ServerKey }), output: SshTarget },
  'ssh.setOverride': { input: z.object({ serverKey: ServerKey, override: SshOverride }), output: SshTarget },
  'ssh.prefs': { input: z.undefined(), output: SshPrefs },
  'ssh.setPrefs': { input: SshPrefs.partial(), output: SshPrefs },
  'ssh.open': { input: z.object({ serverKey: ServerKey, cols: Cols, rows: Rows }), output: SshOpened },
  /** Keystrokes or a confirmed paste, as xterm hands them (UTF-8 text). */
  'ssh.input': { input: z.object({ sessionId: SshSessionId, data: z.string().min(1).max(1_000_000) }), output: Ok },
  'ssh.resize': { input: z.object({ sessionId: SshSessionId, cols: Cols, rows: Rows }), output: Ok },
  'ssh.ack': { input: z.object({ sessionId: SshSessionId, bytes: z.number().int().min(0).max(64 * 1024 * 1024) }), output: Ok },
  'ssh.close': { input: SessionOnly, output: z.object({ closed: z.boolean() }) },
  /** accept: pin a new key; replace: explicit replacement of a changed pinned key. */
  'ssh.answerHostKey': {
    input: z.object({ sessionId: SshSessionId, accept: z.boolean(), replace: z.boolean().optional() }),
    output: Ok
  },
  /** answers null = cancel. remember: keep this password/passphrase in the OS keychain. */
  'ssh.answerPrompt': {
    input: z.object({
      sessionId: SshSessionId,
      promptId: z.string().max(64),
      answers: z.array(z.string().max(8192)).max(16).nullable(),
      remember: z.boolean().optional()
    }),
    output: Ok
  },
  /** Connects a closed or failed session again, same tab, same id. */
  'ssh.reconnect': { input: z.object({ sessionId: SshSessionId, cols: Cols, rows: Rows }), output: SshOpened },
  'ssh.startLog': { input: SessionOnly, output: z.object({ path: z.string().nullable() }) },
  'ssh.stopLog': { input: SessionOnly, output: Ok },
  /** Opens the server's terminal in its own window (Electron); `opened` false where there are no windows (harness). */
  'ssh.popOut': { input: z.object({ serverKey: ServerKey }), output: z.object({ opened: z.boolean() }) }
} as const

export const sshEvents = {
  'ssh.output': SshOutputEvent,
  'ssh.state': SshStateEvent,
  'ssh.hostKey': SshHostKeyEvent,
  'ssh.prompt': SshPromptEvent
} as const
