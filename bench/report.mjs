// Turns the raw measurements into table rows, prints them, and writes the
// same results as JSON.
import { writeFileSync } from 'node:fs'
import { formatDuration, formatRatio, ratioOf } from './harness.mjs'

const TARGETS_MS = {
  singleQuery5000: 0.04,
  manyQueries: 30,
  actionOverhead: 0.0005,
}
// Targets given as "at least this many times faster than RTK Query" (RTK ÷ api-slice).
const TARGET_RTK_RATIOS = {
  upsertEntries: 5,
  updateQueryData: 5,
}
// Below 10 ns the overhead is within noise: a ratio against it means nothing.
const MIN_OVERHEAD_MS = 0.00001

const fmtCount = (n) => n.toLocaleString('en-US')

function row({ id, label, values, target, targetRtkRatio, minDenominator = 0 }) {
  const { apiSlice, rtkQuery, tanstackQuery } = values
  const rtkOverApiSlice = ratioOf(rtkQuery, apiSlice, minDenominator)
  let targetMet
  if (target !== undefined && apiSlice !== undefined) targetMet = apiSlice <= target
  else if (targetRtkRatio !== undefined && rtkOverApiSlice !== undefined) targetMet = rtkOverApiSlice >= targetRtkRatio
  return {
    id,
    label,
    apiSliceMs: apiSlice,
    rtkQueryMs: rtkQuery,
    tanstackQueryMs: tanstackQuery,
    rtkOverApiSlice,
    tanstackOverApiSlice: ratioOf(tanstackQuery, apiSlice, minDenominator),
    targetMs: target,
    targetRtkRatio,
    targetMet,
  }
}

/**
 * `results[peerKey]` holds each peer's { singleQuery, manyQueries, actionOverhead, upsertEntries, updateQueryData }
 * (the last three undefined for a peer without a Redux store).
 */
export function buildRows(results) {
  const pick = (peerKey, get) => {
    const peer = results[peerKey]
    return peer ? get(peer) : undefined
  }
  const rows = []
  for (const { entries } of results.apiSlice.singleQuery) {
    const at = (peer) => peer.singleQuery.find((r) => r.entries === entries)?.medianMs
    rows.push(
      row({
        id: `singleQuery${entries}`,
        label: `1. one query, ${fmtCount(entries)} cached`,
        values: {
          apiSlice: pick('apiSlice', at),
          rtkQuery: pick('rtkQuery', at),
          tanstackQuery: pick('tanstackQuery', at),
        },
        target: TARGETS_MS[`singleQuery${entries}`],
      }),
    )
  }
  const many = (peer) => peer.manyQueries.medianMs
  rows.push(
    row({
      id: 'manyQueries',
      label: `2. ${fmtCount(results.apiSlice.manyQueries.queries)} queries, fresh store`,
      values: {
        apiSlice: pick('apiSlice', many),
        rtkQuery: pick('rtkQuery', many),
        tanstackQuery: pick('tanstackQuery', many),
      },
      target: TARGETS_MS.manyQueries,
    }),
  )
  for (const { entries } of results.apiSlice.actionOverhead) {
    const at = (peer) => peer.actionOverhead?.find((r) => r.entries === entries)?.overheadPerActionMs
    rows.push(
      row({
        id: `actionOverhead${entries}`,
        label: `3. per-action overhead, ${fmtCount(entries)} cached`,
        values: { apiSlice: pick('apiSlice', at), rtkQuery: pick('rtkQuery', at), tanstackQuery: undefined },
        target: TARGETS_MS.actionOverhead,
        minDenominator: MIN_OVERHEAD_MS,
      }),
    )
  }
  const upsert = (peer) => peer.upsertEntries?.medianMs
  rows.push(
    row({
      id: 'upsertEntries',
      label: `4. upsertQueryEntries, ${fmtCount(results.apiSlice.upsertEntries.entries)} entries`,
      values: { apiSlice: pick('apiSlice', upsert), rtkQuery: pick('rtkQuery', upsert), tanstackQuery: undefined },
      targetRtkRatio: TARGET_RTK_RATIOS.upsertEntries,
    }),
  )
  const update = (peer) => peer.updateQueryData?.medianMs
  rows.push(
    row({
      id: 'updateQueryData',
      label: `5. updateQueryData, ${fmtCount(results.apiSlice.updateQueryData.items)}-item list`,
      values: { apiSlice: pick('apiSlice', update), rtkQuery: pick('rtkQuery', update), tanstackQuery: undefined },
      targetRtkRatio: TARGET_RTK_RATIOS.updateQueryData,
    }),
  )
  return rows
}

function formatTarget(r) {
  if (r.targetMs !== undefined) return `≤ ${formatDuration(r.targetMs)}`
  if (r.targetRtkRatio !== undefined) return `≥ ${r.targetRtkRatio}× RTK`
  return ''
}

function renderTable(rows) {
  const header = [
    'Measurement',
    'api-slice',
    'RTK Query',
    'TanStack',
    'RTK ÷ api-slice',
    'TanStack ÷ api-slice',
    'Target',
    'Met',
  ]
  const lines = rows.map((r) => [
    r.label,
    formatDuration(r.apiSliceMs),
    formatDuration(r.rtkQueryMs),
    formatDuration(r.tanstackQueryMs),
    formatRatio(r.rtkOverApiSlice),
    formatRatio(r.tanstackOverApiSlice),
    formatTarget(r),
    r.targetMet === undefined ? '' : r.targetMet ? 'yes' : 'NO',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' │ ')
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─')
  return [format(header), rule, ...lines.map(format)].join('\n')
}

function renderNotes(results, meta) {
  const notes = []
  for (const [key, peer] of Object.entries(results)) {
    const counts = peer.singleQuery.map((r) => `${r.iterations} @ ${fmtCount(r.entries)}`).join(', ')
    const fills = peer.singleQuery
      .filter((r) => r.entries > 0)
      .map((r) => `${formatDuration(r.fillMs)} to ${fmtCount(r.entries)}`)
      .join(', ')
    notes.push(`1. ${peer.name}: samples ${counts} entries (filling took ${fills})`)
    if (key === 'rtkQuery')
      notes.push('   RTK Query gets fewer samples at 1,000 and 5,000: each one costs milliseconds there.')
  }
  for (const peer of Object.values(results)) {
    const m = peer.manyQueries
    notes.push(
      `2. ${peer.name}: median of ${m.repeats} fresh stores (min ${formatDuration(m.minMs)}, max ${formatDuration(m.maxMs)})`,
    )
  }
  for (const peer of Object.values(results)) {
    for (const r of peer.actionOverhead ?? []) {
      notes.push(
        `3. ${peer.name}, ${fmtCount(r.entries)} cached: ${formatDuration(r.apiPerActionMs)}/action with the api vs ` +
          `${formatDuration(r.plainPerActionMs)} plain (median of ${r.rounds} rounds × ${fmtCount(r.actions)} actions)`,
      )
    }
  }
  notes.push(`3. TanStack Query has no Redux store: n/a.`)
  for (const peer of Object.values(results)) {
    const u = peer.upsertEntries
    if (!u) continue
    notes.push(
      `4. ${peer.name}: one dispatch of ${fmtCount(u.entries)} entries, median of ${u.repeats} fresh stores ` +
        `(min ${formatDuration(u.minMs)}, max ${formatDuration(u.maxMs)})`,
    )
  }
  for (const peer of Object.values(results)) {
    const u = peer.updateQueryData
    if (!u) continue
    notes.push(
      `5. ${peer.name}: median of ${fmtCount(u.samples)} updates after ${fmtCount(u.warmup)} warm-up ones, each on a different item ` +
        `(min ${formatDuration(u.minMs)}, max ${formatDuration(u.maxMs)})`,
    )
  }
  notes.push(`4., 5. TanStack Query has no api.util: n/a.`)
  notes.push(
    `node ${meta.node}, ${meta.cpus} CPUs, NODE_ENV=${meta.nodeEnv}, ` +
      `gc between samples: ${meta.gcExposed ? 'yes' : 'no (run node with --expose-gc to enable)'}, total ${formatDuration(meta.totalMs)}`,
  )
  const load = (values) => values.map((v) => v.toFixed(2)).join(' ')
  notes.push(`load average (1/5/15 min) before: ${load(meta.loadBefore)}, after: ${load(meta.loadAfter)}`)
  if (meta.loadBefore[0] > meta.cpus * 0.5) {
    notes.push('The machine was busy when the run started: expect noisy figures, and run again on a quiet machine.')
  }
  return notes.join('\n')
}

export function printReport(results, meta) {
  const rows = buildRows(results)
  console.log(
    '\nOne query = median per start-and-settle of a never-cached arg. Overhead = µs per action over a plain store.\n' +
      'upsertQueryEntries = one dispatch on a fresh store. updateQueryData = median per call, one item changed.\n',
  )
  console.log(renderTable(rows))
  console.log(`\n${renderNotes(results, meta)}`)
  const failed = rows.filter((r) => r.targetMet === false).map((r) => r.label)
  console.log(
    failed.length
      ? `\napi-slice missed ${failed.length} target(s): ${failed.join('; ')}`
      : '\napi-slice met every target.',
  )
  return rows
}

export function writeJson(path, results, rows, meta) {
  const json = { meta, targetsMs: TARGETS_MS, targetRtkRatios: TARGET_RTK_RATIOS, rows, results }
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`)
}
