// `npm run test:e2e`: real-browser tests of the Next.js example.
// Ensures Chromium and the dependencies, builds the library and example-next,
// serves it with `next start` on a free port, runs vitest with
// vitest.e2e.config.ts (E2E_BASE_URL = the server), always stops the server,
// and exits with vitest's code. Extra arguments go to vitest (e.g. a file filter).
// E2E_SKIP_BUILD=1 reuses the existing builds (dist/, example-next/.next) while iterating.
import { execSync, spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

const started = performance.now()
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)}s`
const log = (message) => console.log(`[e2e] ${message}`)
const run = (command, env = {}) => {
  log(`$ ${command}`)
  try {
    execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } })
  } catch (error) {
    console.error(`[e2e] \`${command}\` failed (exit code ${error.status ?? error.signal}); no tests were run.`)
    process.exit(1)
  }
}
const nextEnv = { NEXT_TELEMETRY_DISABLED: '1' }

run('node scripts/ensure-chromium.mjs')
run('node scripts/ensure-deps.mjs')
const skipBuild = process.env.E2E_SKIP_BUILD === '1' && existsSync('example-next/.next/BUILD_ID')
if (skipBuild) log('E2E_SKIP_BUILD=1: reusing dist/ and example-next/.next')
else run('npm run build')

// example-next links the library (`file:..`); install its dependencies when
// missing or older than its lock file, like scripts/ensure-deps.mjs does.
const marker = 'example-next/node_modules/.package-lock.json'
const lock = 'example-next/package-lock.json'
if (!existsSync(marker) || (existsSync(lock) && statSync(marker).mtimeMs < statSync(lock).mtimeMs)) {
  try {
    log('$ npm --prefix example-next ci --no-audit --no-fund')
    execSync('npm --prefix example-next ci --no-audit --no-fund', { stdio: ['ignore', 'inherit', 'pipe'] })
  } catch {
    log('npm ci refused the lock file; installing the locked versions with npm install…')
    run('npm --prefix example-next install --no-audit --no-fund')
  }
}
if (!skipBuild) run('npm --prefix example-next run build', nextEnv)

const port = await freePort(Number(process.env.E2E_PORT ?? 3210))
const baseUrl = `http://127.0.0.1:${port}`
mkdirSync('.vitest', { recursive: true })
const serverLogPath = '.vitest/e2e-server.log'
const serverLog = createWriteStream(serverLogPath)
log(`starting next start on ${baseUrl} (server output: ${serverLogPath})`)
// Its own process group, so stopping it also stops anything it spawned.
const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
  { cwd: 'example-next', env: { ...process.env, ...nextEnv, PORT: String(port) }, detached: true },
)
server.stdout.pipe(serverLog)
server.stderr.pipe(serverLog)
let serverExit = null
server.on('exit', (code, signal) => (serverExit = signal ?? code))

function stopServer() {
  if (serverExit !== null) return
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}
process.on('exit', stopServer)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServer()
    process.exit(130)
  })
}

let code = 1
try {
  await waitForServer()
  log(`server ready (${seconds()} since start); running vitest`)
  code = await new Promise((resolve) => {
    const vitest = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseUrl } },
    )
    vitest.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
} catch (error) {
  console.error(`[e2e] ${error.message}`)
} finally {
  stopServer()
  // Give `next start` a moment to exit before we do; then force it.
  for (let i = 0; i < 50 && serverExit === null; i++) await sleep(100)
  if (serverExit === null) {
    try {
      process.kill(-server.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  serverLog.end()
}
if (code !== 0) {
  const tail = readFileSync(serverLogPath, 'utf8').split('\n').slice(-40).join('\n')
  console.log(`[e2e] last lines of the server output (${serverLogPath}):\n${tail}`)
}
log(`done in ${seconds()} (exit code ${code})`)
process.exit(code)

async function freePort(preferred) {
  const tryListen = (candidate) =>
    new Promise((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(null))
      probe.listen(candidate, '127.0.0.1', () => {
        const { port: bound } = probe.address()
        probe.close(() => resolve(bound))
      })
    })
  return (await tryListen(preferred)) ?? (await tryListen(0))
}

async function waitForServer() {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (serverExit !== null) throw new Error(`next start exited (${serverExit}); see ${serverLogPath}`)
    try {
      const response = await globalThis.fetch(`${baseUrl}/api/posts`, { signal: globalThis.AbortSignal.timeout(2_000) })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`next start did not answer on ${baseUrl} within 60 s; see ${serverLogPath}`)
}
