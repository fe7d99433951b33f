import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, type ApiState, type BaseQueryApi } from 'api-slice'
import { deferred, setupStore, subscriptionsOf } from './helpers/setup'

interface Post {
  id: number
  title: string
}

type Outcome = { data: unknown } | { error: unknown }

/** An api whose baseQuery is a mock the test controls; `getPost(id)` asks the baseQuery for `posts/${id}`. */
function makeApi(
  baseQuery: (arg: unknown, api: BaseQueryApi) => Outcome | Promise<Outcome>,
  options: { refetchOnMountOrArgChange?: boolean | number } = {},
) {
  const mock = vi.fn(baseQuery)
  const api = createApi({
    baseQuery: mock,
    ...options,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => `posts/${id}` }),
    }),
  })
  return { api, baseQuery: mock, store: setupStore(api) }
}

const postFrom = (arg: unknown): Outcome => ({ data: { id: Number(String(arg).split('/')[1]), title: `post ${arg}` } })

function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('query initiate', () => {
  it('resolves to the selected entry with flags, arguments, request id and timestamps', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const response = deferred<Outcome>()
    const { api, store } = makeApi(() => response.promise)

    const promise = store.dispatch(api.endpoints.getPost.initiate(7))
    vi.setSystemTime(1_000_500)
    response.resolve({ data: { id: 7, title: 'seven' } })
    const result = await promise

    expect(result).toMatchObject({
      status: 'fulfilled',
      isUninitialized: false,
      isLoading: false,
      isSuccess: true,
      isError: false,
      data: { id: 7, title: 'seven' },
      originalArgs: 7,
      endpointName: 'getPost',
      requestId: promise.requestId,
      startedTimeStamp: 1_000_000,
      fulfilledTimeStamp: 1_000_500,
    })
    expect(result).toEqual(api.endpoints.getPost.select(7)(store.getState()))
    expect(promise.arg).toBe(7)
    expect(promise.queryCacheKey).toBe('getPost(7)')
  })

  it('makes one request for concurrent dispatches of the same argument, and resolves both', async () => {
    const response = deferred<Outcome>()
    const { api, baseQuery, store } = makeApi(() => response.promise)

    const first = store.dispatch(api.endpoints.getPost.initiate(1))
    const second = store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(api.endpoints.getPost.select(1)(store.getState()).isLoading).toBe(true)

    response.resolve({ data: { id: 1, title: 'one' } })
    const [a, b] = await Promise.all([first, second])
    expect(a.data).toEqual({ id: 1, title: 'one' })
    expect(b.data).toEqual({ id: 1, title: 'one' })
    expect(b.requestId).toBe(first.requestId)
    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('makes separate requests for different arguments', async () => {
    const { api, baseQuery, store } = makeApi(postFrom)
    const [one, two] = await Promise.all([
      store.dispatch(api.endpoints.getPost.initiate(1)),
      store.dispatch(api.endpoints.getPost.initiate(2)),
    ])
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(one.data?.id).toBe(1)
    expect(two.data?.id).toBe(2)
  })

  it('serves cached data to a later dispatch without a request', async () => {
    const { api, baseQuery, store } = makeApi(postFrom)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const again = await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(again).toMatchObject({ isSuccess: true, data: { id: 1, title: 'post posts/1' } })
  })
})

describe('query subscriptions', () => {
  it('counts subscribers per cache key and drops the key when the last one leaves', async () => {
    const { api, store } = makeApi(postFrom)
    const first = store.dispatch(api.endpoints.getPost.initiate(1))
    const second = store.dispatch(api.endpoints.getPost.initiate(1))
    const other = store.dispatch(api.endpoints.getPost.initiate(2))
    await Promise.all([first, second, other])

    const subscribers = () => Object.keys(subscriptionsOf(store, api)['getPost(1)'] ?? {}).sort()
    expect(subscribers()).toEqual([first.requestId, second.requestId].sort())
    expect(Object.keys(subscriptionsOf(store, api)['getPost(2)'] ?? {})).toEqual([other.requestId])

    first.unsubscribe()
    expect(subscribers()).toEqual([second.requestId])

    second.unsubscribe()
    expect(Object.keys(subscriptionsOf(store, api))).toEqual(['getPost(2)'])
    expect(apiState(store).queries['getPost(1)']?.status).toBe('fulfilled')
  })

  it('adds no subscriber with subscribe: false, yet caches the result', async () => {
    const { api, store } = makeApi(postFrom)
    const result = await store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))
    expect(result.isSuccess).toBe(true)
    expect(subscriptionsOf(store, api)).toEqual({})
    expect(apiState(store).queries['getPost(1)']?.data).toEqual({ id: 1, title: 'post posts/1' })
  })

  it('keeps the subscription options a dispatch passes', async () => {
    const { api, store } = makeApi(postFrom)
    const promise = store.dispatch(api.endpoints.getPost.initiate(1, { subscriptionOptions: { pollingInterval: 0 } }))
    await promise
    expect(apiState(store).subscriptions['getPost(1)']?.[promise.requestId]).toEqual({ pollingInterval: 0 })
  })
})

describe('refetching', () => {
  it('refetch() requests again without adding a subscriber', async () => {
    let version = 0
    const { api, baseQuery, store } = makeApi(() => ({ data: { id: 1, title: `v${++version}` } }))
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise

    const refetched = await promise.refetch()
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(refetched.data).toEqual({ id: 1, title: 'v2' })
    expect(Object.keys(apiState(store).subscriptions['getPost(1)'] ?? {})).toEqual([promise.requestId])
  })

  it('forceRefetch: true requests even though data is cached', async () => {
    const { api, baseQuery, store } = makeApi(postFrom)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(1, { forceRefetch: true }))
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('forceRefetch in seconds requests only when the data is at least that old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(5_000_000)
    const { api, baseQuery, store } = makeApi(postFrom)
    await store.dispatch(api.endpoints.getPost.initiate(1))

    vi.setSystemTime(5_000_000 + 10_000)
    await store.dispatch(api.endpoints.getPost.initiate(1, { forceRefetch: 30 }))
    expect(baseQuery).toHaveBeenCalledTimes(1)

    vi.setSystemTime(5_000_000 + 31_000)
    await store.dispatch(api.endpoints.getPost.initiate(1, { forceRefetch: 30 }))
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('refetchOnMountOrArgChange: true refetches on subscribing dispatches only', async () => {
    const { api, baseQuery, store } = makeApi(postFrom, { refetchOnMountOrArgChange: true })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(2)

    await store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('refetchOnMountOrArgChange in seconds refetches subscribing dispatches once the data is that old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(9_000_000)
    const { api, baseQuery, store } = makeApi(postFrom, { refetchOnMountOrArgChange: 10 })
    await store.dispatch(api.endpoints.getPost.initiate(1))

    vi.setSystemTime(9_000_000 + 5_000)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(1)

    vi.setSystemTime(9_000_000 + 11_000)
    await store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))
    expect(baseQuery).toHaveBeenCalledTimes(1)

    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('refetches an entry whose request was rejected, but not one that was fulfilled', async () => {
    let calls = 0
    const { api, baseQuery, store } = makeApi((arg) => (++calls === 1 ? { error: { status: 500 } } : postFrom(arg)))

    const failed = await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(failed.isError).toBe(true)

    const recovered = await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(recovered).toMatchObject({ isSuccess: true, data: { id: 1 } })

    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })
})

describe('unwrap and abort', () => {
  it('unwrap() resolves to the data', async () => {
    const { api, store } = makeApi(postFrom)
    await expect(store.dispatch(api.endpoints.getPost.initiate(3)).unwrap()).resolves.toEqual({
      id: 3,
      title: 'post posts/3',
    })
  })

  it('unwrap() throws the error the baseQuery returned', async () => {
    const { api, store } = makeApi(() => ({ error: { status: 404, data: 'missing' } }))
    await expect(store.dispatch(api.endpoints.getPost.initiate(3)).unwrap()).rejects.toEqual({
      status: 404,
      data: 'missing',
    })
  })

  it('abort() settles the entry as rejected with an AbortError without waiting for the baseQuery', async () => {
    let signal: AbortSignal | undefined
    const { api, store } = makeApi((_arg, baseQueryApi) => {
      signal = baseQueryApi.signal
      return new Promise<Outcome>(() => {})
    })

    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    promise.abort()
    const result = await promise

    expect(signal?.aborted).toBe(true)
    expect(result).toMatchObject({ status: 'rejected', isError: true, error: { name: 'AbortError' } })
    expect(apiState(store).queries['getPost(1)']).toMatchObject({
      status: 'rejected',
      requestId: promise.requestId,
      error: { name: 'AbortError' },
    })
    await expect(promise.unwrap()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('fetches again after an aborted request', async () => {
    let calls = 0
    const { api, store } = makeApi((arg) => (++calls === 1 ? new Promise<Outcome>(() => {}) : postFrom(arg)))
    const aborted = store.dispatch(api.endpoints.getPost.initiate(1))
    aborted.abort()
    await aborted

    const result = await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(calls).toBe(2)
    expect(result).toMatchObject({ isSuccess: true, data: { id: 1 } })
  })
})
