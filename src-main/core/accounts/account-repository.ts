// Non-secret account metadata in userData/accounts.json. The credential of each
// account lives in the keychain under the same id, never here.
import { join } from 'node:path'
import { z } from 'zod'
import { Account, type AppWarning } from '../../shared/domain'
import { setAsideWarning } from '../storage/file-warning'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import { SerialQueue } from '../storage/serial-queue'

const AccountsFile = z.object({ version: z.literal(1), accounts: z.array(Account) })

export class AccountRepository {
  private accounts: Account[] = []
  readonly path: string
  /** put/remove compute the next list from the current one: one at a time, or a change is lost. */
  private readonly writes = new SerialQueue()

  constructor(userDataDir: string) {
    this.path = join(userDataDir, 'accounts.json')
  }

  /** Loads the file; a damaged one is set aside and reported, and the app starts with no accounts. */
  async load(): Promise<AppWarning | null> {
    const read = await readJsonFile(this.path, AccountsFile)
    if (read.status === 'ok') {
      this.accounts = read.value.accounts
      return null
    }
    this.accounts = []
    const code = read.status === 'unreadable' && read.movedTo === null ? 'accounts-file-unreadable' : 'accounts-file-corrupt'
    return setAsideWarning(code, 'accounts.json', read, 'Flotilla starts with no accounts: add them again or restore that file. Their credentials are still in the keychain.')
  }

  list(): Account[] {
    return [...this.accounts]
  }

  get(id: string): Account | undefined {
    return this.accounts.find((a) => a.id === id)
  }

  put(account: Account): Promise<void> {
    return this.writes.run(async () => {
      const next = this.accounts.some((a) => a.id === account.id)
        ? this.accounts.map((a) => (a.id === account.id ? account : a))
        : [...this.accounts, account]
      await this.save(next)
    })
  }

  remove(id: string): Promise<boolean> {
    return this.writes.run(async () => {
      if (!this.get(id)) return false
      await this.save(this.accounts.filter((a) => a.id !== id))
      return true
    })
  }

  // Memory changes only after the file is safely written, so the two never disagree.
  private async save(next: Account[]): Promise<void> {
    await writeJsonAtomic(this.path, { version: 1, accounts: next })
    this.accounts = next
  }
}
