// Measurement 2: 1,000 distinct queries started together on a fresh store
// (start all, then await all). Repeated on a new store each time; the median
// is reported.
import { collectGarbage, summarize, timeOnce } from '../harness.mjs'

export const MANY_QUERIES = 1000

export async function measureManyQueries(peer) {
  // Measurement 1 has already run this peer's code thousands of times; these
  // untimed rounds warm the path of many requests running at once.
  for (let i = 0; i < peer.iterations.manyQueriesWarmup; i++) {
    const warm = peer.createCache()
    await warm.queryMany(MANY_QUERIES)
    warm.dispose()
  }

  const repeats = peer.iterations.manyQueriesRepeats
  const times = []
  for (let i = 0; i < repeats; i++) {
    const cache = peer.createCache()
    collectGarbage()
    times.push(await timeOnce(() => cache.queryMany(MANY_QUERIES)))
    const settled = cache.countSettled()
    if (settled !== MANY_QUERIES) throw new Error(`${peer.name}: ${settled} settled entries, expected ${MANY_QUERIES}`)
    cache.dispose()
  }
  return { queries: MANY_QUERIES, repeats, ...summarize(times) }
}
