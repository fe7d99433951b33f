import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
}

const SECOND = 1000
/** The delay before subscription changes are copied into `state.subscriptions` in the browser. */
const SUBSCRIPTION_SYNC = 500

function createPostsApi(
  options: { keepUnusedDataFor?: number; isServer?: boolean; commentKeepUnusedDataFor?: number } = {},
) {
  const baseQuery = vi.fn(async (arg: { kind: string; id: number }) => ({
    data: { id: arg.id, title: `${arg.kind} ${arg.id}` },
  }))
  const api = createApi({
    baseQuery,
    isServer: 'isServer' in options ? options.isServer : false,
    keepUnusedDataFor: options.keepUnusedDataFor,
    tagTypes: ['Post'],
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        query: (id) => ({ kind: 'post', id }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      getComment: build.query<Post, number>({
        query: (id) => ({ kind: 'comment', id }),
        keepUnusedDataFor: options.commentKeepUnusedDataFor,
      }),
    }),
  })
  const store = setupStore(api)
  return { api, store, baseQuery }
}

async function fetchAndUnsubscribe(
  store: ReturnType<typeof createPostsApi>['store'],
  api: ReturnType<typeof createPostsApi>['api'],
  id: number,
) {
  const request = store.dispatch(api.endpoints.getPost.initiate(id))
  await request
  request.unsubscribe()
}

describe('cache collection of unused entries (isServer: false)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('removes an unsubscribed entry after the default 60 seconds and not a moment before', async () => {
    const { api, store } = createPostsApi()
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(60 * SECOND - 1)
    expect(store.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'post 1' })

    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(api.endpoints.getPost.select(1)(store.getState()).isUninitialized).toBe(true)
  })

  it('leaves no provided tags or subscriptions behind for a removed entry', async () => {
    const { api, store } = createPostsApi()
    await fetchAndUnsubscribe(store, api, 1)
    expect(store.getState().api.provided.keys['getPost(1)']).toEqual([{ type: 'Post', id: 1 }])

    // 60 s, then the batched copy of the subscriptions into the state.
    vi.advanceTimersByTime(60 * SECOND + SUBSCRIPTION_SYNC)
    const state = store.getState().api
    expect(state.provided.keys).not.toHaveProperty('getPost(1)')
    expect(state.provided.tags).not.toHaveProperty('Post')
    expect(state.subscriptions).not.toHaveProperty('getPost(1)')
  })

  it('uses the global keepUnusedDataFor option', async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: 10 })
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(10 * SECOND - 1)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it("lets an endpoint's keepUnusedDataFor override a shorter global value", async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: 5, commentKeepUnusedDataFor: 120 })
    const comment = store.dispatch(api.endpoints.getComment.initiate(1))
    await comment
    comment.unsubscribe()
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(5 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(store.getState().api.queries['getComment(1)']).toBeDefined()

    vi.advanceTimersByTime(115 * SECOND - 1)
    expect(store.getState().api.queries['getComment(1)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getComment(1)']).toBeUndefined()
  })

  it("lets an endpoint's keepUnusedDataFor override a longer global value", async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: 300, commentKeepUnusedDataFor: 2 })
    const comment = store.dispatch(api.endpoints.getComment.initiate(7))
    await comment
    comment.unsubscribe()

    vi.advanceTimersByTime(2 * SECOND - 1)
    expect(store.getState().api.queries['getComment(7)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getComment(7)']).toBeUndefined()
  })

  it('keeps an entry while any subscriber remains', async () => {
    const { api, store } = createPostsApi()
    const first = store.dispatch(api.endpoints.getPost.initiate(1))
    const second = store.dispatch(api.endpoints.getPost.initiate(1))
    await Promise.all([first, second])

    first.unsubscribe()
    vi.advanceTimersByTime(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()

    second.unsubscribe()
    vi.advanceTimersByTime(60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it('cancels the removal when the entry is subscribed again before the timer fires', async () => {
    const { api, store, baseQuery } = createPostsApi()
    await fetchAndUnsubscribe(store, api, 1)
    vi.advanceTimersByTime(30 * SECOND)

    const again = store.dispatch(api.endpoints.getPost.initiate(1))
    await again
    expect(baseQuery).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)

    vi.advanceTimersByTime(10 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'post 1' })
  })

  it('starts a full new delay when the last subscriber leaves again', async () => {
    const { api, store } = createPostsApi()
    await fetchAndUnsubscribe(store, api, 1)
    vi.advanceTimersByTime(30 * SECOND)
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(60 * SECOND - 1)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it('never removes an entry with keepUnusedDataFor: Infinity', async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: Infinity })
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(SUBSCRIPTION_SYNC)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(365 * 24 * 60 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'post 1' })
  })

  it("clamps huge values to setTimeout's limit instead of removing the entry at once", async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: 1e10 })
    await fetchAndUnsubscribe(store, api, 1)

    vi.advanceTimersByTime(1 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
    vi.advanceTimersByTime(24 * 60 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()

    // setTimeout's limit is 2^31 - 1 ms (about 24.8 days): the clamped timer fires by then.
    vi.advanceTimersByTime(2_147_483_647)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it('removes an entry fetched with subscribe: false after the delay', async () => {
    const { api, store } = createPostsApi()
    await store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))
    expect(store.getState().api.subscriptions).not.toHaveProperty('getPost(1)')

    vi.advanceTimersByTime(60 * SECOND - 1)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it('removes a prefetched entry after the delay', async () => {
    const { api, store } = createPostsApi({ keepUnusedDataFor: 20 })
    store.dispatch(api.util.prefetch('getPost', 3))
    await flushPromises()
    expect(store.getState().api.queries['getPost(3)']?.data).toEqual({ id: 3, title: 'post 3' })

    vi.advanceTimersByTime(20 * SECOND - 1)
    expect(store.getState().api.queries['getPost(3)']).toBeDefined()
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(3)']).toBeUndefined()
  })

  it('keeps a prefetched entry that a component subscribes to before the delay ends', async () => {
    const { api, store } = createPostsApi()
    store.dispatch(api.util.prefetch('getPost', 3))
    await flushPromises()
    vi.advanceTimersByTime(10 * SECOND)
    store.dispatch(api.endpoints.getPost.initiate(3))

    vi.advanceTimersByTime(10 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(3)']).toBeDefined()
  })

  it('removes a pending entry keepUnusedDataFor after its last subscriber left, and aborts its request', async () => {
    const response = deferred<{ data: Post }>()
    let signal: AbortSignal | undefined
    const api = createApi({
      baseQuery: (id: number, { signal: requestSignal }) => {
        signal = requestSignal
        return response.promise
      },
      isServer: false,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    request.unsubscribe()

    vi.advanceTimersByTime(60 * SECOND - 1)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('pending')
    expect(signal?.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(signal?.aborted).toBe(true)

    // The answer that comes after all is dropped: the entry stays removed.
    response.resolve({ data: { id: 1, title: 'late' } })
    await request
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it('removes an unused rejected entry as well', async () => {
    const api = createApi({
      baseQuery: async () => ({ error: { status: 500 } }),
      isServer: false,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await request
    request.unsubscribe()
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('rejected')

    vi.advanceTimersByTime(60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
  })
})

describe('cache collection on the server', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts no removal timer with isServer: true', async () => {
    const { api, store } = createPostsApi({ isServer: true })
    await fetchAndUnsubscribe(store, api, 1)
    await store.dispatch(api.endpoints.getPost.initiate(2, { subscribe: false }))

    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
    expect(store.getState().api.queries['getPost(2)']).toBeDefined()
  })

  it('treats node (no window) as the server by default', async () => {
    expect(typeof window).toBe('undefined')
    const { api, store } = createPostsApi({ isServer: undefined })
    await fetchAndUnsubscribe(store, api, 1)

    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10 * 60 * SECOND)
    expect(store.getState().api.queries['getPost(1)']).toBeDefined()
  })
})
