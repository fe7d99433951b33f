// Measurement 4: `api.util.upsertQueryEntries` with 5,000 entries, dispatched
// as ONE action on a fresh store. The figure is that one dispatch (building
// the action, i.e. the 5,000 cache keys, included), repeated on a new store
// each time; the median is reported.
import { collectGarbage, summarize, timeOnce } from '../harness.mjs'

export const UPSERT_ENTRIES = 5000

/** Fresh objects every time: Redux peers may freeze what they store. */
function makeEntries() {
  const entries = new Array(UPSERT_ENTRIES)
  for (let i = 0; i < UPSERT_ENTRIES; i++) {
    entries[i] = { endpointName: 'getItem', arg: i, value: { id: i, title: `item ${i}` } }
  }
  return entries
}

function check(peer, cache) {
  const settled = cache.countSettled()
  if (settled !== UPSERT_ENTRIES) {
    throw new Error(`${peer.name}: ${settled} fulfilled entries after upsertQueryEntries, expected ${UPSERT_ENTRIES}`)
  }
  for (const id of [0, UPSERT_ENTRIES >> 1, UPSERT_ENTRIES - 1]) {
    const data = cache.readItem(id)
    if (data?.id !== id || data.title !== `item ${id}`) {
      throw new Error(`${peer.name}: getItem(${id}) holds ${JSON.stringify(data)} after upsertQueryEntries`)
    }
  }
}

export async function measureUpsertEntries(peer) {
  if (!peer.supportsApiUtil) return undefined
  for (let i = 0; i < peer.iterations.upsertEntriesWarmup; i++) {
    const warm = peer.createCache()
    warm.upsertEntries(makeEntries())
    warm.dispose()
  }

  const repeats = peer.iterations.upsertEntriesRepeats
  const times = []
  for (let i = 0; i < repeats; i++) {
    const cache = peer.createCache()
    const entries = makeEntries()
    collectGarbage()
    times.push(await timeOnce(() => cache.upsertEntries(entries)))
    check(peer, cache)
    cache.dispose()
  }
  return { entries: UPSERT_ENTRIES, repeats, ...summarize(times) }
}
