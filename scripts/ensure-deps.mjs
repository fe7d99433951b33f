// Installs dependencies when they are missing or older than package-lock.json,
// so `npm test` and `npm start` work on a fresh clone.
//
// `npm ci` first. npm 11.19 (this machine's) writes lock files without other
// platforms' optional packages (rollup's native builds) and then its own
// `npm ci` rejects them as out of sync; in that case `npm install` installs
// the same locked versions.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  const run = (command) => execSync(command, { stdio: 'inherit' })
  console.log('[api-slice] installing dependencies (npm ci)…')
  try {
    // Its error output is a page of npm usage text; the message below says what happened.
    execSync('npm ci --no-audit --no-fund', { stdio: ['ignore', 'inherit', 'pipe'] })
  } catch {
    console.log('[api-slice] npm ci refused the lock file; installing the locked versions with npm install…')
    run('npm install --no-audit --no-fund')
  }
}
