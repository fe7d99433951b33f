// Runs every measurement for every peer in this one process, prints the table
// and writes bench/results-latest.json. Run with `npm run bench` (it builds
// first and sets NODE_ENV=production).
import { cpus, loadavg } from 'node:os'
import { fileURLToPath, URL } from 'node:url'
import { gcExposed } from './harness.mjs'
import { printReport, writeJson } from './report.mjs'
import { measureActionOverhead } from './scenarios/actionOverhead.mjs'
import { measureManyQueries } from './scenarios/manyQueries.mjs'
import { measureSingleQuery } from './scenarios/singleQuery.mjs'
import { measureUpdateQueryData } from './scenarios/updateQueryData.mjs'
import { measureUpsertEntries } from './scenarios/upsertEntries.mjs'

if (process.env.NODE_ENV !== 'production') {
  console.warn(
    `[bench] NODE_ENV is '${process.env.NODE_ENV}', not 'production': development checks will skew the figures.`,
  )
}

let peers
try {
  const [{ apiSlicePeer }, { rtkQueryPeer }, { tanstackQueryPeer }] = await Promise.all([
    import('./peers/apiSlice.mjs'),
    import('./peers/rtkQuery.mjs'),
    import('./peers/tanstackQuery.mjs'),
  ])
  peers = { apiSlice: apiSlicePeer, rtkQuery: rtkQueryPeer, tanstackQuery: tanstackQueryPeer }
} catch (cause) {
  console.error('[bench] Could not load a peer. Build api-slice first (`npm run build`) and install devDependencies.')
  throw cause
}

const loadBefore = loadavg()
const started = performance.now()
const results = {}
for (const [key, peer] of Object.entries(peers)) {
  const peerStart = performance.now()
  process.stdout.write(`[bench] ${peer.name}: one query…`)
  const singleQuery = await measureSingleQuery(peer)
  process.stdout.write(' many queries…')
  const manyQueries = await measureManyQueries(peer)
  process.stdout.write(peer.supportsActions ? ' per-action overhead…' : '')
  const actionOverhead = await measureActionOverhead(peer)
  process.stdout.write(peer.supportsApiUtil ? ' upsertQueryEntries…' : '')
  const upsertEntries = await measureUpsertEntries(peer)
  process.stdout.write(peer.supportsApiUtil ? ' updateQueryData…' : '')
  const updateQueryData = await measureUpdateQueryData(peer)
  console.log(` done in ${((performance.now() - peerStart) / 1000).toFixed(1)} s`)
  results[key] = { name: peer.name, singleQuery, manyQueries, actionOverhead, upsertEntries, updateQueryData }
}

const meta = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  nodeEnv: process.env.NODE_ENV,
  gcExposed,
  totalMs: performance.now() - started,
  loadBefore,
  loadAfter: loadavg(),
}
const rows = printReport(results, meta)
const jsonPath = fileURLToPath(new URL('./results-latest.json', import.meta.url))
writeJson(jsonPath, results, rows, meta)
console.log(`\nResults written to ${jsonPath}`)
// RTK Query leaves cache timers running; they must not keep the process alive.
process.exit(0)
