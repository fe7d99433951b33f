// `npm run bench:next-data`: the size of `__NEXT_DATA__` on example-next's list
// page `/` with api-slice (the example as it is, state sent through
// toClientState) and with RTK Query (the same pages built with API_PEER=rtk:
// lib/peer/rtkApi.ts and lib/peer/rtkStore.ts, RTK Query's documented
// next-redux-wrapper setup, which sends the raw state).
// Builds the library, then example-next twice (RTK Query into .next-rtk, then
// api-slice into .next, so the example's own build is the last one), serves
// each with `next start` on a free port, fetches `/` and measures the
// `<script id="__NEXT_DATA__">` text. Removes .next-rtk afterwards unless --keep.
// --skip-build reuses the existing builds (both must exist).
import { Buffer } from 'node:buffer'
import { execSync, spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { isDeepStrictEqual } from 'node:util'
import { gzipSync } from 'node:zlib'
import { setTimeout as sleep } from 'node:timers/promises'

const args = new Set(process.argv.slice(2))
const app = 'example-next'
const next = 'node_modules/next/dist/bin/next'
const variants = [
  { name: 'RTK Query', peer: 'rtk', distDir: '.next-rtk' },
  { name: 'api-slice', peer: undefined, distDir: '.next' },
]
const log = (message) => console.log(`[next-data] ${message}`)

function envFor(variant, extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra }
  delete env.API_PEER
  if (variant.peer) env.API_PEER = variant.peer
  return env
}

function run(command, options = {}) {
  log(`$ ${command}${options.env?.API_PEER ? ` (API_PEER=${options.env.API_PEER})` : ''}`)
  execSync(command, { stdio: 'inherit', ...options })
}

if (!args.has('--skip-build')) {
  run('npm run build')
  if (!existsSync(`${app}/node_modules/next`)) run(`npm --prefix ${app} install --no-audit --no-fund`)
  for (const variant of variants) run(`node ${next} build --webpack`, { cwd: app, env: envFor(variant) })
}

const results = []
try {
  for (const variant of variants) {
    if (!existsSync(`${app}/${variant.distDir}/BUILD_ID`)) throw new Error(`${app}/${variant.distDir} is not built`)
    results.push({ ...variant, ...(await measure(variant)) })
  }
} finally {
  if (!args.has('--keep')) rmSync(`${app}/.next-rtk`, { recursive: true, force: true })
}

// Same page, same data: the five seeded posts in both, and both render them.
const [rtk, ours] = results
if (!isDeepStrictEqual(rtk.posts, ours.posts) || ours.posts.length !== 5) {
  throw new Error(`the two pages do not hold the same 5 posts:\n${JSON.stringify(results.map((r) => r.posts))}`)
}
for (const result of results) {
  const missing = result.posts.filter(
    ({ id, title }) => !new RegExp(`data-testid="post-link-${id}"[^>]*>${title}</a>`).test(result.rendered),
  )
  if (missing.length > 0) throw new Error(`${result.name}: / does not render posts ${missing.map((p) => p.id)}`)
}

const rows = Object.fromEntries(
  results.map((r) => [
    r.name,
    {
      '__NEXT_DATA__ (bytes)': r.bytes,
      'gzip -9 (bytes)': r.gzipBytes,
      'api state (bytes)': r.apiBytes,
      'api share': `${((r.apiBytes / r.bytes) * 100).toFixed(1)}%`,
      'posts data (bytes)': r.postsBytes,
    },
  ]),
)
console.log('')
console.table(rows)
console.log(
  `api-slice / RTK Query: __NEXT_DATA__ ${(ours.bytes / rtk.bytes).toFixed(3)}×` +
    ` (gzip ${(ours.gzipBytes / rtk.gzipBytes).toFixed(3)}×), api state ${(ours.apiBytes / rtk.apiBytes).toFixed(3)}×`,
)
console.log(`Both pages hold the same ${ours.posts.length} posts and render them.`)

async function measure(variant) {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  log(`${variant.name}: next start on ${baseUrl} (${variant.distDir})`)
  const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: envFor(variant, { PORT: String(port) }),
    detached: true, // its own process group, stopped as a whole below
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let exited = null
  server.on('exit', (code, signal) => (exited = signal ?? code))
  try {
    const html = await fetchPage(`${baseUrl}/`, () => exited)
    const match = html.match(/<script id="__NEXT_DATA__" type="application\/json"[^>]*>([\s\S]*?)<\/script>/)
    if (!match) throw new Error(`${variant.name}: no __NEXT_DATA__ script in /`)
    const text = match[1]
    const data = JSON.parse(text)
    const apiState = data.props.pageProps.initialState?.api
    const posts = apiState?.queries?.['getPosts(undefined)']?.data
    if (!Array.isArray(posts)) throw new Error(`${variant.name}: __NEXT_DATA__ holds no getPosts data`)
    return {
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text, { level: 9 }).length,
      apiBytes: Buffer.byteLength(JSON.stringify(apiState)),
      postsBytes: Buffer.byteLength(JSON.stringify(posts)),
      posts,
      rendered: html.slice(0, match.index),
    }
  } finally {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && exited === null; i++) await sleep(100)
    if (exited === null) process.kill(-server.pid, 'SIGKILL')
  }
}

async function fetchPage(url, exitedWith) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (exitedWith() !== null) throw new Error(`next start exited (${exitedWith()})`)
    try {
      const response = await globalThis.fetch(url, { signal: globalThis.AbortSignal.timeout(5_000) })
      if (response.ok) return await response.text()
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`next start did not answer ${url} within 60 s`)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}
