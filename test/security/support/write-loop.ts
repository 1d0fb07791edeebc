// Child process for the kill-during-write test: saves settings.json through
// the app's own atomic writer as fast as it can until it is killed.
import { writeJsonAtomic } from '../../../src-main/core/storage/json-file'

const path = process.argv[2]!
let n = 0
process.stdout.write('ready\n')
for (;;) {
  n++
  // Big enough that a kill lands mid-write now and then.
  await writeJsonAtomic(path, { locale: 'en', theme: n % 2 === 0 ? 'dark' : 'light', padding: 'x'.repeat(64 * 1024), n })
}
