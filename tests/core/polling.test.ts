import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi, QueryStatus } from 'api-slice'
import { deferred, setupStore } from './helpers/setup'

interface Post {
  id: number
  version: number
}

type Reply = { data: Post } | { error: { status: number } }

const SECOND = 1000
/** The delay before subscription changes are copied into `state.subscriptions` (a timer of its own). */
const SUBSCRIPTION_SYNC = 500

/**
 * An api whose base query counts requests. Tests replace `server.reply` to
 * make the next requests fail, throw or stall.
 */
function createPollingApi(options: { keepUnusedDataFor?: number } = {}) {
  let version = 0
  const server = {
    reply: (id: number): Reply | Promise<Reply> => ({ data: { id, version } }),
  }
  const baseQuery = vi.fn((id: number) => {
    version += 1
    return server.reply(id)
  })
  const api = createApi({
    baseQuery,
    isServer: false,
    keepUnusedDataFor: options.keepUnusedDataFor,
    endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
  })
  const store = setupStore(api)
  const subscribe = (id: number, subscriptionOptions: { pollingInterval?: number; skipPollingIfUnfocused?: boolean }) =>
    store.dispatch(api.endpoints.getPost.initiate(id, { subscriptionOptions }))
  return { api, store, baseQuery, server, subscribe }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('polling at the subscribers’ interval', () => {
  it('fetches again every pollingInterval while subscribed, without adding subscribers', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    expect(baseQuery).toHaveBeenCalledTimes(1)

    await vi.advanceTimersByTimeAsync(SECOND - 1)
    expect(baseQuery).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(5)

    const state = store.getState().api
    expect(state.queries['getPost(1)']?.data).toEqual({ id: 1, version: 5 })
    expect(Object.keys(state.subscriptions['getPost(1)'])).toHaveLength(1)
  })

  it('starts no poll timer for a subscription without a pollingInterval or with 0', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    await subscribe(1, {})
    await subscribe(2, { pollingInterval: 0 })
    await vi.advanceTimersByTimeAsync(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)

    await vi.advanceTimersByTimeAsync(60 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('ignores a pollingInterval given to a dispatch that does not subscribe', async () => {
    const { api, store, baseQuery } = createPollingApi()
    await store.dispatch(
      api.endpoints.getPost.initiate(1, { subscribe: false, subscriptionOptions: { pollingInterval: SECOND } }),
    )

    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('polls each cache key at its own interval', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    await subscribe(2, { pollingInterval: 3 * SECOND })

    await vi.advanceTimersByTimeAsync(6 * SECOND)
    const requestsFor = (id: number) => baseQuery.mock.calls.filter(([arg]) => arg === id).length
    expect(requestsFor(1)).toBe(1 + 6)
    expect(requestsFor(2)).toBe(1 + 2)
  })

  it('uses the lowest interval among the subscribers of a cache key, ignoring subscribers that do not poll', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    await subscribe(1, {})
    await subscribe(1, { pollingInterval: 5 * SECOND })
    const fast = subscribe(1, { pollingInterval: SECOND })
    await fast
    expect(baseQuery).toHaveBeenCalledTimes(1)

    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(4)

    // Without the fast subscriber the slower interval applies again.
    fast.unsubscribe()
    await vi.advanceTimersByTimeAsync(20 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(4 + 4)
  })

  it('counts the next poll from the latest response, so a manual refetch postpones it', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription

    await vi.advanceTimersByTimeAsync(600)
    await subscription.refetch()
    expect(baseQuery).toHaveBeenCalledTimes(2)

    await vi.advanceTimersByTimeAsync(SECOND - 1)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(baseQuery).toHaveBeenCalledTimes(3)
  })

  it('keeps the polls of each store to itself', async () => {
    const { api, baseQuery } = createPollingApi()
    const first = setupStore(api)
    const second = setupStore(api)
    const options = { subscriptionOptions: { pollingInterval: SECOND } }
    const inFirst = first.dispatch(api.endpoints.getPost.initiate(1, options))
    await inFirst
    await second.dispatch(api.endpoints.getPost.initiate(1, options))

    inFirst.unsubscribe()
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2 + 3)
    expect(second.getState().api.queries['getPost(1)']?.data?.version).toBe(5)
    expect(first.getState().api.queries['getPost(1)']?.data?.version).toBe(1)
  })
})

describe('changing the subscription options', () => {
  it('polls sooner after the interval is shortened', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    const subscription = subscribe(1, { pollingInterval: 10 * SECOND })
    await subscription

    subscription.updateSubscriptionOptions({ pollingInterval: SECOND })
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(2 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(4)
  })

  it('polls less often after the interval is lengthened', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription

    subscription.updateSubscriptionOptions({ pollingInterval: 5 * SECOND })
    await vi.advanceTimersByTimeAsync(20 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1 + 4)
  })

  it('stops polling when the pollingInterval is removed, and starts when one is added', async () => {
    const { baseQuery, subscribe } = createPollingApi()
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription

    subscription.updateSubscriptionOptions({})
    await vi.advanceTimersByTimeAsync(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)

    subscription.updateSubscriptionOptions({ pollingInterval: 2 * SECOND })
    await vi.advanceTimersByTimeAsync(4 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(3)
  })
})

describe('when polling stops', () => {
  it('stops when the last polling subscriber leaves while others stay subscribed', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, {})
    const polling = subscribe(1, { pollingInterval: SECOND })
    await polling

    polling.unsubscribe()
    await vi.advanceTimersByTimeAsync(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(store.getState().api.subscriptions['getPost(1)']).toBeDefined()
  })

  it('stops when the last subscriber leaves, leaving only the removal timer', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription

    subscription.unsubscribe()
    await vi.advanceTimersByTimeAsync(60 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    await vi.advanceTimersByTimeAsync(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('starts no timer at all after the last subscriber leaves an entry kept forever', async () => {
    const { subscribe } = createPollingApi({ keepUnusedDataFor: Infinity })
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription

    subscription.unsubscribe()
    await vi.advanceTimersByTimeAsync(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not poll again after the subscriber leaves during a poll request', async () => {
    const { baseQuery, server, subscribe } = createPollingApi({ keepUnusedDataFor: Infinity })
    const subscription = subscribe(1, { pollingInterval: SECOND })
    await subscription
    const response = deferred<Reply>()
    server.reply = () => response.promise

    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    subscription.unsubscribe()
    response.resolve({ data: { id: 1, version: 2 } })

    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops every poll on resetApiState', async () => {
    const { api, store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    await subscribe(2, { pollingInterval: 2 * SECOND })

    store.dispatch(api.util.resetApiState())
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('does not resume polling when a poll request that was running during resetApiState settles', async () => {
    const { api, store, baseQuery, server, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    const response = deferred<Reply>()
    server.reply = () => response.promise

    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    store.dispatch(api.util.resetApiState())
    response.resolve({ data: { id: 1, version: 2 } })

    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('polls around failing and slow requests', () => {
  it('keeps polling after a poll gets an error result, and recovers with the next success', async () => {
    const { store, baseQuery, server, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    const succeed = server.reply
    server.reply = () => ({ error: { status: 500 } })

    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.rejected)

    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(3)

    server.reply = succeed
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(4)
    expect(store.getState().api.queries['getPost(1)']).toMatchObject({
      status: QueryStatus.fulfilled,
      data: { id: 1, version: 4 },
    })
  })

  it('keeps polling after a poll’s base query throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { store, baseQuery, server, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    server.reply = () => {
      throw new Error('server down')
    }

    await vi.advanceTimersByTimeAsync(2 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(3)
    expect(store.getState().api.queries['getPost(1)']?.error).toMatchObject({ message: 'server down' })
    expect(consoleError).toHaveBeenCalled()
  })

  it('does not start another poll while a slow poll request runs, and schedules the next one after it settles', async () => {
    const { baseQuery, server, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    const response = deferred<Reply>()
    server.reply = () => response.promise

    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)

    server.reply = (id) => ({ data: { id, version: 3 } })
    response.resolve({ data: { id: 1, version: 2 } })
    await vi.advanceTimersByTimeAsync(SECOND - 1)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(baseQuery).toHaveBeenCalledTimes(3)
  })

  it('does not start another request when the first request is still loading at the first poll', async () => {
    const { baseQuery, server, subscribe } = createPollingApi()
    const response = deferred<Reply>()
    server.reply = () => response.promise
    subscribe(1, { pollingInterval: SECOND })

    await vi.advanceTimersByTimeAsync(5 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)

    server.reply = (id) => ({ data: { id, version: 2 } })
    response.resolve({ data: { id: 1, version: 1 } })
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })
})

describe('skipPollingIfUnfocused', () => {
  it('skips polls while the window is unfocused and resumes after it is focused again', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND, skipPollingIfUnfocused: true })

    store.dispatch({ type: '__rtkq/unfocused' })
    await vi.advanceTimersByTimeAsync(5 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)

    store.dispatch({ type: '__rtkq/focused' })
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(3)
  })

  it('skips when any polling subscriber of the cache key asks for it', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })
    await subscribe(1, { pollingInterval: 2 * SECOND, skipPollingIfUnfocused: true })

    store.dispatch({ type: '__rtkq/unfocused' })
    await vi.advanceTimersByTimeAsync(5 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('keeps polling while unfocused when no subscriber asks to skip', async () => {
    const { store, baseQuery, subscribe } = createPollingApi()
    await subscribe(1, { pollingInterval: SECOND })

    store.dispatch({ type: '__rtkq/unfocused' })
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(4)
  })
})

describe('polling on the server', () => {
  it('starts no poll timer when isServer is left to its default where there is no window', async () => {
    const baseQuery = vi.fn((id: number) => ({ data: { id, version: 1 } }))
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1, { subscriptionOptions: { pollingInterval: SECOND } }))

    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('starts no poll timer with isServer: true, even after the options change', async () => {
    const baseQuery = vi.fn((id: number) => ({ data: { id, version: 1 } }))
    const api = createApi({
      baseQuery,
      isServer: true,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const subscription = store.dispatch(
      api.endpoints.getPost.initiate(1, { subscriptionOptions: { pollingInterval: SECOND } }),
    )
    await subscription
    subscription.updateSubscriptionOptions({ pollingInterval: SECOND / 2 })
    await subscription.refetch()

    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })
})
