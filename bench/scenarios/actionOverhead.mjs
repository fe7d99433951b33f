// Measurement 3: what the api's reducer and middleware add to every action
// that is not theirs. Two stores with the same trivial reducer and default
// middleware, one of them with the api added, each dispatch 10,000
// `{ type: 'unrelated/ping' }`; the difference per action is the overhead.
// Measured with an empty cache and with 1,000 cached entries.
import { collectGarbage, median } from '../harness.mjs'

export const ACTIONS = 10_000
export const OVERHEAD_SIZES = [0, 1000]
const WARMUP_ROUNDS = 5
const ROUNDS = 31
const ping = { type: 'unrelated/ping' }

function dispatchPings(store) {
  const { dispatch } = store
  const start = performance.now()
  for (let i = 0; i < ACTIONS; i++) dispatch(ping)
  return performance.now() - start
}

export async function measureActionOverhead(peer) {
  if (!peer.supportsActions) return undefined
  const results = []
  for (const entries of OVERHEAD_SIZES) {
    const plain = peer.createPlainStore()
    const cache = peer.createCache()
    await cache.fill(entries)
    const withApi = cache.store
    for (let i = 0; i < WARMUP_ROUNDS; i++) {
      dispatchPings(plain)
      dispatchPings(withApi)
    }
    collectGarbage()
    const plainTimes = []
    const apiTimes = []
    // Alternate which store goes first, so drift in the machine's speed hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        plainTimes.push(dispatchPings(plain))
        apiTimes.push(dispatchPings(withApi))
      } else {
        apiTimes.push(dispatchPings(withApi))
        plainTimes.push(dispatchPings(plain))
      }
    }
    const plainPerActionMs = median(plainTimes) / ACTIONS
    const apiPerActionMs = median(apiTimes) / ACTIONS
    results.push({
      entries,
      actions: ACTIONS,
      rounds: ROUNDS,
      plainPerActionMs,
      apiPerActionMs,
      overheadPerActionMs: apiPerActionMs - plainPerActionMs,
    })
    cache.dispose()
  }
  return results
}
