// Binds the SSH service to its slice of the IPC contract.
import type { HandlerTable } from '../../shared/contract'
import type { sshContract } from '../../shared/contracts/ssh'
import type { SshService } from './ssh-service'

type SshChannel = keyof typeof sshContract

export function sshHandlers(ssh: SshService): Pick<HandlerTable, SshChannel> {
  return {
    'ssh.target': async ({ serverKey }) => ssh.target(serverKey),
    'ssh.setOverride': async ({ serverKey, override }) => ssh.setOverride(serverKey, override),
    'ssh.prefs': async () => ssh.prefs.get(),
    'ssh.setPrefs': async (patch) => ssh.prefs.set(patch),
    'ssh.open': async ({ serverKey, cols, rows }) => ssh.open(serverKey, cols, rows),
    'ssh.input': async ({ sessionId, data }) => ({ ok: ssh.input(sessionId, data) }),
    'ssh.resize': async ({ sessionId, cols, rows }) => {
      ssh.resize(sessionId, cols, rows)
      return { ok: true }
    },
    'ssh.ack': async ({ sessionId, bytes }) => {
      ssh.ack(sessionId, bytes)
      return { ok: true }
    },
    'ssh.close': async ({ sessionId }) => ({ closed: ssh.close(sessionId) }),
    'ssh.answerHostKey': async ({ sessionId, accept, replace }) => ({ ok: ssh.answerHostKey(sessionId, accept, replace === true) }),
    'ssh.answerPrompt': async ({ sessionId, promptId, answers, remember }) => ({
      ok: ssh.answerPrompt(sessionId, promptId, answers, remember === true)
    }),
    'ssh.reconnect': async ({ sessionId, cols, rows }) => ssh.reconnect(sessionId, cols, rows),
    'ssh.startLog': async ({ sessionId }) => ({ path: await ssh.startLog(sessionId) }),
    'ssh.stopLog': async ({ sessionId }) => ({ ok: ssh.stopLog(sessionId) }),
    'ssh.popOut': async ({ serverKey }) => ({ opened: await ssh.popOut(serverKey) })
  }
}
