import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
  version: number
}

/** A server whose posts change version on every read, so a refetch is visible in the data. */
function createPostsApi() {
  let version = 0
  const baseQuery = vi.fn(async (id: number) => {
    version += 1
    return { data: { id, title: `post ${id}`, version } }
  })
  const api = createApi({
    baseQuery,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => id }),
      savePost: build.mutation<Post, number>({ query: (id) => id }),
    }),
  })
  const store = setupStore(api)
  const cached = (id: number) => api.endpoints.getPost.select(id)(store.getState())
  return { api, store, baseQuery, cached }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('api.util.prefetch', () => {
  it('fills the cache without subscribing', async () => {
    const { api, store, baseQuery, cached } = createPostsApi()

    store.dispatch(api.util.prefetch('getPost', 1))
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(cached(1).data).toEqual({ id: 1, title: 'post 1', version: 1 })
    expect(store.getState().api.subscriptions).toEqual({})
  })

  it('reuses cached data by default', async () => {
    const { api, store, baseQuery, cached } = createPostsApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    store.dispatch(api.util.prefetch('getPost', 1))
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(cached(1).data?.version).toBe(1)
  })

  it('does not start a second request while one is running', async () => {
    const response = deferred<{ data: Post }>()
    const baseQuery = vi.fn(() => response.promise)
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    store.dispatch(api.endpoints.getPost.initiate(1))

    store.dispatch(api.util.prefetch('getPost', 1))
    store.dispatch(api.util.prefetch('getPost', 1, { force: true }))
    response.resolve({ data: { id: 1, title: 'one', version: 1 } })
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('refetches cached data with force: true', async () => {
    const { api, store, baseQuery, cached } = createPostsApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    store.dispatch(api.util.prefetch('getPost', 1, { force: true }))
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(cached(1).data?.version).toBe(2)
    expect(Object.keys(store.getState().api.subscriptions['getPost(1)'] ?? {})).toHaveLength(1)
  })

  it('refetches with ifOlderThan only when the cached data is at least that many seconds old', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2024-05-01T12:00:00Z'))
    const { api, store, baseQuery, cached } = createPostsApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    vi.setSystemTime(new Date('2024-05-01T12:00:59Z'))
    store.dispatch(api.util.prefetch('getPost', 1, { ifOlderThan: 60 }))
    await flushPromises()
    expect(baseQuery).toHaveBeenCalledTimes(1)

    vi.setSystemTime(new Date('2024-05-01T12:01:01Z'))
    store.dispatch(api.util.prefetch('getPost', 1, { ifOlderThan: 60 }))
    await flushPromises()
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(cached(1).data?.version).toBe(2)

    // The refetch made the data fresh again.
    vi.setSystemTime(new Date('2024-05-01T12:01:30Z'))
    store.dispatch(api.util.prefetch('getPost', 1, { ifOlderThan: 60 }))
    await flushPromises()
    expect(baseQuery).toHaveBeenCalledTimes(2)
  })

  it('fetches with ifOlderThan when nothing is cached yet', async () => {
    const { api, store, baseQuery, cached } = createPostsApi()

    store.dispatch(api.util.prefetch('getPost', 5, { ifOlderThan: 3600 }))
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(cached(5).isSuccess).toBe(true)
  })

  it('reuses cached data with ifOlderThan: false', async () => {
    vi.useFakeTimers()
    const { api, store, baseQuery } = createPostsApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000)

    store.dispatch(api.util.prefetch('getPost', 1, { ifOlderThan: false }))
    await flushPromises()

    expect(baseQuery).toHaveBeenCalledTimes(1)
  })

  it('throws a clear error for an unknown endpoint', () => {
    const { api, store } = createPostsApi()

    expect(() => store.dispatch(api.util.prefetch('getUser' as never, 1 as never))).toThrow(
      /^\[api-slice\].*prefetch.*unknown endpoint 'getUser'.*Known endpoints: getPost, savePost/s,
    )
  })

  it('throws a clear error for a mutation endpoint', () => {
    const { api, store, baseQuery } = createPostsApi()

    expect(() => store.dispatch(api.util.prefetch('savePost' as never, 1 as never))).toThrow(
      /^\[api-slice\].*needs a query endpoint.*'savePost' is a mutation/s,
    )
    expect(baseQuery).not.toHaveBeenCalled()
  })
})
