// `npm start`: installs what is missing, builds the library, then installs,
// builds and serves the Next.js example (example-next/) against its embedded
// API on http://localhost:3000 (PORT=… to serve on another port).
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

// Next.js would otherwise try to send telemetry; this machine has no network.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: process.env.PORT || '3000' }
const run = (command) => execSync(command, { stdio: 'inherit', env })

run('node scripts/ensure-deps.mjs')
run('npm run build')
if (existsSync('example-next/package.json')) {
  const marker = 'example-next/node_modules/.package-lock.json'
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('example-next/package-lock.json').mtimeMs) {
    console.log('[api-slice] installing the example’s dependencies (example-next/)…')
    run('npm --prefix example-next install --no-audit --no-fund')
  }
  run('npm --prefix example-next run build')
  console.log(`[api-slice] serving the example on http://localhost:${env.PORT}`)
  run('npm --prefix example-next start')
} else {
  console.log(
    '[api-slice] The library is built in dist/. The Next.js example (example-next/) has not landed yet, ' +
      'so there is nothing to serve; `npm start` will run it on http://localhost:3000 once it exists.',
  )
}
