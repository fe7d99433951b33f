// TanStack Query's framework-free core (devDependency @tanstack/query-core),
// driven through queryClient.fetchQuery. It has no Redux store, so the
// per-action measurement does not apply to it. Under node its default gcTime
// is Infinity, so it starts no timers.
import { QueryClient } from '@tanstack/query-core'

const FILL_BATCH = 500

function checkData(data, id) {
  if (data?.id !== id) throw new Error(`fetchQuery(['item', ${id}]) did not resolve with its data`)
}

export const tanstackQueryPeer = {
  name: 'TanStack Query',
  iterations: { singleQuery: { 0: 300, 1000: 300, 5000: 300 }, manyQueriesRepeats: 9, manyQueriesWarmup: 2 },
  supportsActions: false,

  createCache() {
    const client = new QueryClient()
    let nextId = 0
    const fetchItem = (id) =>
      client.fetchQuery({
        queryKey: ['item', id],
        // Resolves at once, so the figures measure the library, not the request.
        queryFn: () => Promise.resolve({ id, title: `item ${id}` }),
      })

    const queryMany = async (count) => {
      const firstId = nextId
      const promises = new Array(count)
      for (let i = 0; i < count; i++) promises[i] = fetchItem(nextId++)
      const results = await Promise.all(promises)
      for (let i = 0; i < count; i++) checkData(results[i], firstId + i)
    }

    return {
      client,
      get started() {
        return nextId
      },
      async queryOne() {
        const id = nextId++
        checkData(await fetchItem(id), id)
      },
      queryMany,
      async fill(total) {
        while (nextId < total) await queryMany(Math.min(FILL_BATCH, total - nextId))
      },
      countSettled() {
        return client
          .getQueryCache()
          .getAll()
          .filter((query) => query.state.status === 'success').length
      },
      dispose() {
        client.clear()
      },
    }
  },
}
