// `npm start`: installs what is missing, builds the library, then serves the
// Next.js example against its embedded API once example-next/ exists.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const run = (command) => execSync(command, { stdio: 'inherit' })

run('node scripts/ensure-deps.mjs')
run('npm run build')
if (existsSync('example-next/package.json')) {
  run('npm --prefix example-next start')
} else {
  console.log(
    '[api-slice] The library is built in dist/. The Next.js example (example-next/) has not landed yet, ' +
      'so there is nothing to serve; `npm start` will run it on http://localhost:3000 once it exists.',
  )
}
