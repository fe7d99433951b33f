// Measurement 5: `api.util.updateQueryData('getList', undefined, recipe)` on
// an entry whose data is a 2,000-item array of objects. The list is stored
// once with `upsertQueryData`; every sample then changes the title of a
// different item. The median per update is reported.
import { sampleEach, summarize } from '../harness.mjs'

export const LIST_LENGTH = 2000

const originalTitle = (index) => `item ${index}`
const updatedTitle = (index) => `item ${index} (edited)`

function makeList() {
  return Array.from({ length: LIST_LENGTH }, (_, index) => ({ id: index, title: originalTitle(index) }))
}

function check(peer, list, updated) {
  if (!Array.isArray(list) || list.length !== LIST_LENGTH) {
    throw new Error(`${peer.name}: getList holds ${list?.length} items, expected ${LIST_LENGTH}`)
  }
  for (let index = 0; index < LIST_LENGTH; index++) {
    const expected = index < updated ? updatedTitle(index) : originalTitle(index)
    if (list[index]?.title !== expected || list[index].id !== index) {
      throw new Error(`${peer.name}: getList[${index}] is ${JSON.stringify(list[index])}, expected title '${expected}'`)
    }
  }
}

export async function measureUpdateQueryData(peer) {
  if (!peer.supportsApiUtil) return undefined
  const { updateQueryDataWarmup: warmup, updateQueryDataSamples: samples } = peer.iterations
  // One item per update, never the same one twice.
  if (warmup + samples > LIST_LENGTH) throw new Error(`${peer.name}: more updates than items in the list`)

  const cache = peer.createCache()
  await cache.fillList(makeList())
  check(peer, cache.readList(), 0)

  let next = 0
  const times = await sampleEach({
    warmup,
    samples,
    op: () => {
      const index = next++
      if (!cache.updateListTitle(index, updatedTitle(index))) {
        throw new Error(`${peer.name}: updateQueryData on getList[${index}] produced no patches`)
      }
    },
  })
  // Items 0 … next-1 carry the new title, the rest the original one.
  check(peer, cache.readList(), next)
  cache.dispose()
  return { items: LIST_LENGTH, warmup, ...summarize(times) }
}
