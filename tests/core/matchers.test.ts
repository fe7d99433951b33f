import { describe, expect, it } from 'vitest'
import { configureStore, createSlice, type Middleware } from '@reduxjs/toolkit'
import { createApi } from 'api-slice'

function makeApi() {
  return createApi({
    baseQuery: (arg: { fail?: boolean; value: unknown }) =>
      arg.fail ? { error: `failed ${arg.value}` } : { data: arg.value },
    endpoints: (build) => ({
      getPost: build.query<string, number>({ query: (id) => ({ value: `post ${id}`, fail: id < 0 }) }),
      getUser: build.query<string, string>({ query: (name) => ({ value: `user ${name}` }) }),
      addPost: build.mutation<string, string>({ query: (title) => ({ value: `added ${title}`, fail: title === '' }) }),
    }),
  })
}

/** Another slice that logs what the api's matchers let through. */
function makeStore(api: ReturnType<typeof makeApi>) {
  const log = createSlice({
    name: 'log',
    initialState: [] as string[],
    reducers: {},
    extraReducers: (builder) => {
      const { getPost, getUser, addPost } = api.endpoints
      builder
        .addMatcher(getPost.matchPending, (state, action) => {
          state.push(`getPost pending ${String(action.meta.arg.originalArgs)}`)
        })
        .addMatcher(getPost.matchFulfilled, (state, action) => {
          state.push(`getPost fulfilled ${action.payload}`)
        })
        .addMatcher(getPost.matchRejected, (state, action) => {
          state.push(`getPost rejected ${String(action.payload)}`)
        })
        .addMatcher(getUser.matchPending, (state) => {
          state.push('getUser pending')
        })
        .addMatcher(getUser.matchFulfilled, (state, action) => {
          state.push(`getUser fulfilled ${action.payload}`)
        })
        .addMatcher(getUser.matchRejected, (state) => {
          state.push('getUser rejected')
        })
        .addMatcher(addPost.matchPending, (state) => {
          state.push('addPost pending')
        })
        .addMatcher(addPost.matchFulfilled, (state, action) => {
          state.push(`addPost fulfilled ${action.payload}`)
        })
        .addMatcher(addPost.matchRejected, (state, action) => {
          state.push(`addPost rejected ${String(action.payload)}`)
        })
    },
  })
  return configureStore({
    reducer: { [api.reducerPath]: api.reducer, log: log.reducer },
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware({ serializableCheck: false, immutableCheck: false }).concat(api.middleware),
  })
}

describe('endpoint matchers in another slice', () => {
  it('see the pending and fulfilled actions of their own query endpoint only', async () => {
    const api = makeApi()
    const store = makeStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.getState().log).toEqual(['getPost pending 1', 'getPost fulfilled post 1'])

    await store.dispatch(api.endpoints.getUser.initiate('ann'))
    expect(store.getState().log.slice(2)).toEqual(['getUser pending', 'getUser fulfilled user ann'])
  })

  it('see a rejected query with its error payload', async () => {
    const api = makeApi()
    const store = makeStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(-1))
    expect(store.getState().log).toEqual(['getPost pending -1', 'getPost rejected failed post -1'])
  })

  it('see nothing for a dispatch served from the cache', async () => {
    const api = makeApi()
    const store = makeStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.getState().log).toEqual(['getPost pending 1', 'getPost fulfilled post 1'])
  })

  it('tell mutation actions apart from query actions', async () => {
    const api = makeApi()
    const store = makeStore(api)
    await store.dispatch(api.endpoints.addPost.initiate('hi'))
    await store.dispatch(api.endpoints.addPost.initiate(''))
    expect(store.getState().log).toEqual([
      'addPost pending',
      'addPost fulfilled added hi',
      'addPost pending',
      'addPost rejected failed added ',
    ])
  })

  it('do not match actions of another api with the same endpoint names', async () => {
    const api = makeApi()
    const other = createApi({
      reducerPath: 'other',
      baseQuery: () => ({ data: 'other' }),
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => id }) }),
    })
    const otherActions: unknown[] = []
    const recorder: Middleware = () => (next) => (action) => {
      otherActions.push(action)
      return next(action)
    }
    const otherStore = configureStore({
      reducer: { other: other.reducer },
      middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(other.middleware, recorder),
    })
    await otherStore.dispatch(other.endpoints.getPost.initiate(1))

    const fulfilled = otherActions.filter((action) => other.endpoints.getPost.matchFulfilled(action))
    expect(fulfilled).toHaveLength(1)
    expect(otherActions.some((action) => api.endpoints.getPost.matchPending(action))).toBe(false)
    expect(otherActions.some((action) => api.endpoints.getPost.matchFulfilled(action))).toBe(false)
  })
})
