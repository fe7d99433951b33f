// The adapter for a library with RTK Query's API (api-slice and RTK Query
// itself): the same endpoint, store setup and calls for both, so the only
// difference between the two peers is the `createApi` they are given.
import { configureStore } from '@reduxjs/toolkit'

const FILL_BATCH = 500

function appReducer(state = { pings: 0 }) {
  // Trivial and unchanged by the benchmark's actions: both stores pay the same for it.
  return state
}

function createItemApi({ createApi, fakeBaseQuery }) {
  return createApi({
    reducerPath: 'api',
    baseQuery: fakeBaseQuery(),
    endpoints: (build) => ({
      // Resolves at once, so the figures measure the library, not the request.
      getItem: build.query({ queryFn: (id) => Promise.resolve({ data: { id, title: `item ${id}` } }) }),
      // Filled with upsertQueryData by measurement 5; the queryFn is never called there.
      getList: build.query({ queryFn: () => Promise.resolve({ data: [] }) }),
    }),
  })
}

function checkResult(result, id) {
  if (!result.isSuccess || result.data?.id !== id) {
    throw new Error(`query getItem(${id}) did not settle with its data: ${JSON.stringify(result).slice(0, 200)}`)
  }
}

/**
 * @param {{ name: string, createApi: Function, fakeBaseQuery: Function, iterations: object }} options
 */
export function createReduxPeer({ name, createApi, fakeBaseQuery, iterations }) {
  return {
    name,
    iterations,
    supportsActions: true,
    supportsApiUtil: true,

    /** A store with the api's reducer and middleware (default options), and an empty cache. */
    createCache() {
      const api = createItemApi({ createApi, fakeBaseQuery })
      const store = configureStore({
        reducer: { app: appReducer, [api.reducerPath]: api.reducer },
        middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
      })
      const { initiate } = api.endpoints.getItem
      const { util } = api
      let nextId = 0

      const queryMany = async (count) => {
        const firstId = nextId
        const promises = new Array(count)
        for (let i = 0; i < count; i++) promises[i] = store.dispatch(initiate(nextId++))
        const results = await Promise.all(promises)
        for (let i = 0; i < count; i++) checkResult(results[i], firstId + i)
      }

      return {
        store,
        /** How many distinct args were started so far. */
        get started() {
          return nextId
        },
        /** Starts a query with a never-used arg (a cache miss) and waits until it settles. */
        async queryOne() {
          const id = nextId++
          checkResult(await store.dispatch(initiate(id)), id)
        },
        queryMany,
        /** Adds settled entries until `total` distinct args have been started. */
        async fill(total) {
          while (nextId < total) await queryMany(Math.min(FILL_BATCH, total - nextId))
        },
        /** Dispatches `api.util.upsertQueryEntries(entries)`: one action for all of them. */
        upsertEntries(entries) {
          store.dispatch(util.upsertQueryEntries(entries))
        },
        /** Stores `list` as the data of `getList(undefined)` with `api.util.upsertQueryData`, and waits until it settles. */
        async fillList(list) {
          const result = await store.dispatch(util.upsertQueryData('getList', undefined, list))
          if (result?.error) throw new Error(`upsertQueryData('getList') failed: ${JSON.stringify(result.error)}`)
        },
        /** `api.util.updateQueryData` on `getList(undefined)`, changing item `index`'s title; returns the patch count. */
        updateListTitle(index, title) {
          const { patches } = store.dispatch(
            util.updateQueryData('getList', undefined, (draft) => {
              draft[index].title = title
            }),
          )
          return patches.length
        },
        /** The cached data of `getList(undefined)`, read with the endpoint's selector (outside timing). */
        readList() {
          return api.endpoints.getList.select(undefined)(store.getState()).data
        },
        /** The cached data of `getItem(id)`, read with the endpoint's selector (outside timing). */
        readItem(id) {
          return api.endpoints.getItem.select(id)(store.getState()).data
        },
        /** Fulfilled entries in the store, read the way an app would (outside timing). */
        countSettled() {
          return Object.values(store.getState()[api.reducerPath].queries).filter((e) => e?.status === 'fulfilled')
            .length
        },
        dispose() {
          store.dispatch(api.util.resetApiState())
        },
      }
    },

    /** A store with the same trivial reducer and default middleware, and no api. */
    createPlainStore() {
      return configureStore({
        reducer: { app: appReducer },
        middleware: (getDefaultMiddleware) => getDefaultMiddleware(),
      })
    },
  }
}
