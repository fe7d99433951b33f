import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi, QueryStatus, type SubscriptionOptions } from 'api-slice'
import { deferred, setupStore } from './helpers/setup'

type Trigger = 'refetchOnFocus' | 'refetchOnReconnect'

const triggers: { option: Trigger; event: string; opposite: string; unrelated: string }[] = [
  { option: 'refetchOnFocus', event: '__rtkq/focused', opposite: '__rtkq/unfocused', unrelated: '__rtkq/online' },
  { option: 'refetchOnReconnect', event: '__rtkq/online', opposite: '__rtkq/offline', unrelated: '__rtkq/focused' },
]

interface Post {
  id: number
}

function createPostsApi(apiOptions: { refetchOnFocus?: boolean; refetchOnReconnect?: boolean } = {}) {
  const server = { reply: (id: number): unknown => ({ data: { id } }) }
  const baseQuery = vi.fn((id: number) => server.reply(id) as { data: Post })
  const api = createApi({
    baseQuery,
    isServer: false,
    ...apiOptions,
    endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
  })
  const store = setupStore(api)
  const subscribe = (id: number, subscriptionOptions?: SubscriptionOptions) =>
    store.dispatch(api.endpoints.getPost.initiate(id, { subscriptionOptions }))
  const requestsFor = (id: number) => baseQuery.mock.calls.filter(([arg]) => arg === id).length
  return { api, store, baseQuery, server, subscribe, requestsFor }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe.each(triggers)('$option (on $event)', ({ option, event, opposite, unrelated }) => {
  it(`refetches every subscribed query on ${event} when the api sets ${option}`, async () => {
    const { store, baseQuery, subscribe, requestsFor } = createPostsApi({ [option]: true })
    await subscribe(1)
    await subscribe(2)
    const subscriptionsBefore = store.getState().api.subscriptions

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)

    expect(baseQuery).toHaveBeenCalledTimes(4)
    expect(requestsFor(1)).toBe(2)
    expect(requestsFor(2)).toBe(2)
    // The refetches subscribe nobody.
    expect(store.getState().api.subscriptions).toEqual(subscriptionsBefore)
  })

  it('sends one request per cache key, however many subscribers it has', async () => {
    const { store, subscribe, requestsFor } = createPostsApi({ [option]: true })
    await subscribe(1)
    await subscribe(1)
    await subscribe(1, { [option]: true })

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
  })

  it('refetches an entry whose last request failed', async () => {
    const { store, server, subscribe, requestsFor } = createPostsApi({ [option]: true })
    server.reply = () => ({ error: { status: 503 } })
    await subscribe(1)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.rejected)

    server.reply = (id) => ({ data: { id } })
    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
    expect(store.getState().api.queries['getPost(1)']).toMatchObject({
      status: QueryStatus.fulfilled,
      data: { id: 1 },
    })
  })

  it(`refetches nothing when neither the api nor any subscriber sets ${option}`, async () => {
    const { store, baseQuery, subscribe } = createPostsApi()
    await subscribe(1)
    await subscribe(2, { pollingInterval: 0 })

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it(`refetches nothing on ${opposite} or ${unrelated}`, async () => {
    const { store, baseQuery, subscribe } = createPostsApi({ [option]: true })
    await subscribe(1, { [option]: true })

    store.dispatch({ type: opposite })
    store.dispatch({ type: unrelated })
    await vi.advanceTimersByTimeAsync(0)
    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it(`refetches a subscriber's query that sets ${option}: true although the api does not`, async () => {
    const { store, subscribe, requestsFor } = createPostsApi({ [option]: false })
    await subscribe(1, { [option]: true })
    await subscribe(2)

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
    expect(requestsFor(2)).toBe(1)
  })

  it(`refetches when one subscriber sets ${option}: true and another sets it to false`, async () => {
    const { store, subscribe, requestsFor } = createPostsApi()
    await subscribe(1, { [option]: false })
    await subscribe(1, { [option]: true })

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
  })

  it(`does not refetch when the api sets ${option} but the subscribers opt out (false) and none opts in`, async () => {
    const { store, subscribe, requestsFor } = createPostsApi({ [option]: true })
    await subscribe(1, { [option]: false })
    await subscribe(2, { [option]: false })
    await subscribe(2)

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(1)
    expect(requestsFor(2)).toBe(1)
  })

  it(`follows ${option} set later with updateSubscriptionOptions`, async () => {
    const { store, subscribe, requestsFor } = createPostsApi()
    const subscription = subscribe(1)
    await subscription

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(1)

    subscription.updateSubscriptionOptions({ [option]: true })
    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
  })

  it('does not refetch a cached entry that nobody subscribes to any more', async () => {
    const { store, subscribe, requestsFor } = createPostsApi({ [option]: true })
    const subscription = subscribe(1, { [option]: true })
    await subscription
    subscription.unsubscribe()
    await subscribe(2)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.fulfilled)

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(1)
    expect(requestsFor(2)).toBe(2)
  })

  it('does not refetch cache entries that never fetched: uninitialized or missing', async () => {
    const { api, baseQuery } = createPostsApi({ [option]: true })
    const config = setupStore(api).getState().api.config
    const subscriber = { 'preloaded-subscriber': { [option]: true } }
    const store = setupStore(api, {
      preloadedState: {
        api: {
          queries: { 'getPost(1)': { status: QueryStatus.uninitialized, endpointName: 'getPost', originalArgs: 1 } },
          mutations: {},
          provided: { tags: {}, keys: {} },
          subscriptions: { 'getPost(1)': subscriber, 'getPost(2)': subscriber },
          config: { ...config },
        },
      },
    })

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(baseQuery).not.toHaveBeenCalled()
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.uninitialized)
    expect(store.getState().api.queries['getPost(2)']).toBeUndefined()
  })

  it('does not start a second request for a query that is still loading', async () => {
    const { store, server, subscribe, requestsFor } = createPostsApi({ [option]: true })
    const response = deferred<{ data: Post }>()
    server.reply = () => response.promise
    const subscription = subscribe(1)

    store.dispatch({ type: event })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(1)

    response.resolve({ data: { id: 1 } })
    await subscription
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.fulfilled)
  })
})

describe('focus and reconnect together', () => {
  it('keeps the two options independent for one subscriber', async () => {
    const { store, subscribe, requestsFor } = createPostsApi({ refetchOnFocus: true, refetchOnReconnect: true })
    await subscribe(1, { refetchOnFocus: false })

    store.dispatch({ type: '__rtkq/focused' })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(1)

    store.dispatch({ type: '__rtkq/online' })
    await vi.advanceTimersByTimeAsync(0)
    expect(requestsFor(1)).toBe(2)
  })

  it('passes forced: true to the base query of a refetch', async () => {
    const { api, store, baseQuery, subscribe } = createPostsApi({ refetchOnFocus: true })
    await subscribe(1)

    store.dispatch({ type: '__rtkq/focused' })
    await vi.advanceTimersByTimeAsync(0)
    expect(baseQuery).toHaveBeenCalledTimes(2)
    const [, firstApi] = baseQuery.mock.calls[0] as unknown as [number, { forced?: boolean }]
    const [, refetchApi] = baseQuery.mock.calls[1] as unknown as [number, { forced?: boolean }]
    expect(firstApi.forced).toBeFalsy()
    expect(refetchApi.forced).toBe(true)
    expect(api.endpoints.getPost.select(1)(store.getState()).isSuccess).toBe(true)
  })
})
