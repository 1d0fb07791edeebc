// The log file in userData (pino, JSON lines). Every message and field passes
// through the Redactor first, so a credential cannot reach the file even when a
// provider echoes it back in an error. The file is size-capped and rotated
// (rotating-file.ts); the level is info unless FLOTILLA_LOG_LEVEL says debug.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import pino from 'pino'
import { Redactor } from './redact'
import { RotatingFile, type RotatingFileOptions } from './rotating-file'

export type LogFields = Record<string, unknown>

export interface Logger {
  /** Per-request detail: off at the default level (info). */
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** `debug` adds every HTTP request; `info` keeps errors and summaries (the default). Optional: test loggers may not. */
  setLevel?(level: 'debug' | 'info'): void
  /** Scrub this value from every later log line. */
  registerSecret(secret: string | null | undefined): void
  flush(): Promise<void>
}

export interface LoggerOptions {
  /** Log file path; omitted → stderr (harness, tests). */
  readonly file?: string
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /** Size cap and rotation of the file (defaults: 5 MiB, 3 old files). */
  readonly rotation?: RotatingFileOptions
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const redactor = new Redactor()
  const destination = options.file ? fileDestination(options.file, options.rotation) : pino.destination({ fd: 2, sync: true })
  const base = pino({ level: options.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination)
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: LogFields) => {
    base[level]((fields ? redactor.value(fields) : {}) as object, redactor.text(msg))
  }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level) => {
      base.level = level
    },
    registerSecret: (s) => redactor.register(s),
    // The destination writes synchronously, so nothing is ever buffered.
    flush: async () => undefined
  }
}

function fileDestination(file: string, rotation: RotatingFileOptions | undefined) {
  mkdirSync(dirname(file), { recursive: true })
  return new RotatingFile(file, rotation)
}
