// Measurement 1: start and settle ONE query while 0, 1,000 and 5,000 entries
// are already cached. Every sample starts a never-used arg, so each one is a
// real cache miss that adds an entry; the median per operation is reported.
import { collectGarbage, sampleEach, summarize } from '../harness.mjs'

export const SINGLE_QUERY_SIZES = [0, 1000, 5000]
const WARMUP_ENTRIES = 200
const WARMUP_QUERIES = 200

export async function measureSingleQuery(peer) {
  // Warm the JIT on a throwaway cache, so the size-0 figure is not a cold start.
  const warm = peer.createCache()
  await warm.fill(WARMUP_ENTRIES)
  for (let i = 0; i < WARMUP_QUERIES; i++) await warm.queryOne()
  warm.dispose()
  collectGarbage()

  const cache = peer.createCache()
  const results = []
  for (const entries of SINGLE_QUERY_SIZES) {
    // Fill is incremental: entries added by earlier samples count towards the next size.
    const fillStart = performance.now()
    await cache.fill(entries)
    const fillMs = performance.now() - fillStart
    if (cache.started !== entries) throw new Error(`${peer.name}: expected ${entries} cached entries`)
    const iterations = peer.iterations.singleQuery[entries]
    const times = await sampleEach({ samples: iterations, op: () => cache.queryOne() })
    const settled = cache.countSettled()
    if (settled !== entries + iterations) {
      throw new Error(`${peer.name}: ${settled} settled entries, expected ${entries + iterations}`)
    }
    results.push({ entries, iterations, fillMs, ...summarize(times) })
  }
  cache.dispose()
  return results
}
