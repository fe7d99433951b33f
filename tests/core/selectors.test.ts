import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, skipToken, type ApiState } from 'api-slice'
import { deferred, setupStore } from './helpers/setup'

const uninitialized = {
  status: 'uninitialized',
  isUninitialized: true,
  isLoading: false,
  isSuccess: false,
  isError: false,
}

function makeApi() {
  const api = createApi({
    baseQuery: (arg: unknown) => ({ data: arg }),
    endpoints: (build) => ({
      getPost: build.query<unknown, number>({ query: (id) => ({ post: id }) }),
      getUser: build.query<unknown, string>({ query: (name) => ({ user: name }) }),
      addPost: build.mutation<unknown, string>({ query: (title) => ({ created: title }) }),
    }),
  })
  return { api, store: setupStore(api) }
}

function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('query select', () => {
  it('returns the uninitialized flags for an argument never requested', () => {
    const { api, store } = makeApi()
    expect(api.endpoints.getPost.select(404)(store.getState())).toEqual(uninitialized)
  })

  it('returns the uninitialized flags for skipToken, even when other entries exist', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(api.endpoints.getPost.select(skipToken)(store.getState())).toEqual(uninitialized)
  })

  it('reports the pending, fulfilled and rejected phases with their flags', async () => {
    const api = createApi({
      baseQuery: (arg: unknown) => (arg === 'bad' ? { error: 'nope' } : { data: arg }),
      endpoints: (build) => ({ getThing: build.query<unknown, string>({ query: (arg) => arg }) }),
    })
    const store = setupStore(api)
    const promise = store.dispatch(api.endpoints.getThing.initiate('good'))
    expect(api.endpoints.getThing.select('good')(store.getState())).toMatchObject({
      status: 'pending',
      isLoading: true,
      isSuccess: false,
      isUninitialized: false,
      isError: false,
    })
    await promise
    expect(api.endpoints.getThing.select('good')(store.getState())).toMatchObject({ isSuccess: true, isLoading: false })
    await store.dispatch(api.endpoints.getThing.initiate('bad'))
    expect(api.endpoints.getThing.select('bad')(store.getState())).toMatchObject({
      status: 'rejected',
      isError: true,
      error: 'nope',
    })
  })

  it('returns the same object while its entry is unchanged, and a new one when the entry changes', async () => {
    const response = deferred<{ data: unknown }>()
    let requestsOfOne = 0
    const api = createApi({
      baseQuery: (arg: unknown) => (arg === 1 && ++requestsOfOne === 2 ? response.promise : { data: arg }),
      endpoints: (build) => ({ getPost: build.query<unknown, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise
    const select = api.endpoints.getPost.select(1)
    const before = select(store.getState())

    store.dispatch({ type: 'unrelated/action' })
    expect(select(store.getState())).toBe(before)
    await store.dispatch(api.endpoints.getPost.initiate(2))
    expect(select(store.getState())).toBe(before)
    promise.unsubscribe()
    expect(select(store.getState())).toBe(before)

    const refetch = store.dispatch(api.endpoints.getPost.initiate(1, { forceRefetch: true }))
    const during = select(store.getState())
    expect(during).not.toBe(before)
    expect(during.isLoading).toBe(true)
    response.resolve({ data: 'updated' })
    await refetch
    expect(select(store.getState())).not.toBe(during)
    expect(select(store.getState()).data).toBe('updated')
  })

  it('returns the same uninitialized object for an unknown entry across dispatches', () => {
    const { api, store } = makeApi()
    const select = api.endpoints.getPost.select(9)
    const first = select(store.getState())
    store.dispatch({ type: 'unrelated/action' })
    expect(select(store.getState())).toBe(first)
  })
})

describe('mutation select', () => {
  it('reads a mutation by its request id, as a string or as { requestId }', async () => {
    const { api, store } = makeApi()
    const promise = store.dispatch(api.endpoints.addPost.initiate('hello'))
    expect(api.endpoints.addPost.select(promise.requestId)(store.getState()).isLoading).toBe(true)
    await promise

    const expected = {
      status: 'fulfilled',
      isSuccess: true,
      data: { created: 'hello' },
      requestId: promise.requestId,
    }
    expect(api.endpoints.addPost.select(promise.requestId)(store.getState())).toMatchObject(expected)
    expect(api.endpoints.addPost.select({ requestId: promise.requestId })(store.getState())).toMatchObject(expected)
  })

  it('returns the uninitialized flags for skipToken and unknown request ids', () => {
    const { api, store } = makeApi()
    expect(api.endpoints.addPost.select(skipToken)(store.getState())).toEqual(uninitialized)
    expect(api.endpoints.addPost.select('no-such-request')(store.getState())).toEqual(uninitialized)
  })
})

describe('the plain-object state shape', () => {
  it('exposes queries as a plain enumerable object that survives a JSON round trip', async () => {
    const { api, store } = makeApi()
    const one = store.dispatch(api.endpoints.getPost.initiate(1))
    const user = store.dispatch(api.endpoints.getUser.initiate('ann'))
    const [oneResult, userResult] = await Promise.all([one, user])

    const queries = apiState(store).queries
    expect(Object.getPrototypeOf(queries)).toBe(Object.prototype)
    expect(Object.keys(queries)).toEqual(['getPost(1)', 'getUser("ann")'])
    expect({ ...queries }).toEqual(queries)

    const expected = {
      'getPost(1)': {
        status: 'fulfilled',
        endpointName: 'getPost',
        requestId: one.requestId,
        originalArgs: 1,
        data: { post: 1 },
        startedTimeStamp: oneResult.startedTimeStamp,
        fulfilledTimeStamp: oneResult.fulfilledTimeStamp,
      },
      'getUser("ann")': {
        status: 'fulfilled',
        endpointName: 'getUser',
        requestId: user.requestId,
        originalArgs: 'ann',
        data: { user: 'ann' },
        startedTimeStamp: userResult.startedTimeStamp,
        fulfilledTimeStamp: userResult.fulfilledTimeStamp,
      },
    }
    expect(JSON.parse(JSON.stringify(queries))).toEqual(expected)
    expect(typeof expected['getPost(1)'].fulfilledTimeStamp).toBe('number')
  })

  it('keeps the same queries object across unrelated dispatches and subscription changes', async () => {
    const { api, store } = makeApi()
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise
    const queries = apiState(store).queries

    store.dispatch({ type: 'unrelated/action' })
    expect(apiState(store).queries).toBe(queries)
    promise.unsubscribe()
    expect(apiState(store).queries).toBe(queries)

    await store.dispatch(api.endpoints.getPost.initiate(2))
    expect(apiState(store).queries).not.toBe(queries)
    expect(Object.keys(apiState(store).queries)).toEqual(['getPost(1)', 'getPost(2)'])
  })

  it('exposes mutations and subscriptions as plain objects too', async () => {
    const { api, store } = makeApi()
    const query = store.dispatch(api.endpoints.getPost.initiate(1))
    const mutation = store.dispatch(api.endpoints.addPost.initiate('t'))
    await Promise.all([query, mutation])

    const state = apiState(store)
    expect(JSON.parse(JSON.stringify(state.subscriptions))).toEqual({ 'getPost(1)': { [query.requestId]: {} } })
    expect(JSON.parse(JSON.stringify(state.mutations))).toEqual({
      [mutation.requestId]: expect.objectContaining({
        status: 'fulfilled',
        data: { created: 't' },
        endpointName: 'addPost',
      }),
    })
  })
})

describe('selectCachedArgsForQuery', () => {
  it('lists the arguments of one endpoint’s cached entries, pending ones included', async () => {
    const response = deferred<{ data: unknown }>()
    const api = createApi({
      baseQuery: (arg: unknown) => (arg === 3 ? response.promise : { data: arg }),
      endpoints: (build) => ({
        getPost: build.query<unknown, number>({ query: (id) => id }),
        getUser: build.query<unknown, string>({ query: (name) => name }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getUser.initiate('ann'))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    const pending = store.dispatch(api.endpoints.getPost.initiate(3))

    expect(api.util.selectCachedArgsForQuery(store.getState(), 'getPost')).toEqual([1, 2, 3])
    expect(api.util.selectCachedArgsForQuery(store.getState(), 'getUser')).toEqual(['ann'])
    response.resolve({ data: 3 })
    await pending
  })

  it('returns an empty list for an endpoint with nothing cached, and drops args after resetApiState', async () => {
    const { api, store } = makeApi()
    expect(api.util.selectCachedArgsForQuery(store.getState(), 'getUser')).toEqual([])
    await store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.util.resetApiState())
    expect(api.util.selectCachedArgsForQuery(store.getState(), 'getPost')).toEqual([])
  })
})
