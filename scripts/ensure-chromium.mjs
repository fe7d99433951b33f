// The end-to-end tests drive Debian's Chromium (/usr/bin/chromium). When it is
// missing, install it with apt (CI runs as root); elsewhere say how to.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = '/usr/bin/chromium'

function version() {
  // Debian's launcher script prints shell noise on stderr; only stdout matters.
  return execSync(`${chromium} --version`, { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim()
}

if (existsSync(chromium)) {
  console.log(`[e2e] using ${version()} (${chromium})`)
} else {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `[e2e] ${chromium} is missing. The end-to-end tests need Debian's Chromium: ` +
        'install it with `sudo apt-get update && sudo apt-get install -y chromium`, then run `npm run test:e2e` again.',
    )
    process.exit(1)
  }
  const command = 'apt-get update && apt-get install -y chromium'
  console.log(`[e2e] ${chromium} is missing; installing Debian's Chromium: ${command}`)
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  console.log(`[e2e] installed ${version()}`)
}
