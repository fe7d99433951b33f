import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
}

interface Call {
  arg: { url: string; id?: unknown }
  respond: (result: { data: unknown } | { error: unknown }) => void
  fail: (error: Error) => void
}

/** Every request waits until the test answers it through `calls`. */
function createControlledApi() {
  const calls: Call[] = []
  const baseQuery = vi.fn((arg: Call['arg']) => {
    const response = deferred<any>()
    calls.push({ arg, respond: response.resolve, fail: response.reject })
    return response.promise
  })
  const api = createApi({
    baseQuery,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => ({ url: 'post', id }) }),
      getPosts: build.query<Post[], { page: number; perPage: number }>({ query: (id) => ({ url: 'posts', id }) }),
      addPost: build.mutation<Post, string>({ query: (title) => ({ url: 'add', id: title }) }),
      deletePost: build.mutation<null, number>({ query: (id) => ({ url: 'delete', id }) }),
    }),
  })
  const store = setupStore(api)
  const last = () => calls[calls.length - 1]!
  return { api, store, calls, last }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('api.util.getRunningQueriesThunk', () => {
  it('lets a server render wait for every started query, after which the store holds the data', async () => {
    const { api, store, calls } = createControlledApi()
    store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.endpoints.getPost.initiate(2))
    store.dispatch(api.endpoints.getPosts.initiate({ page: 1, perPage: 10 }))

    const everything = Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
    calls[2]!.respond({ data: [{ id: 1, title: 'one' }] })
    calls[0]!.respond({ data: { id: 1, title: 'one' } })
    setTimeout(() => calls[1]!.respond({ data: { id: 2, title: 'two' } }), 5)
    const results = await everything

    expect(results.map((result) => result.isSuccess)).toEqual([true, true, true])
    const state = store.getState()
    expect(api.endpoints.getPost.select(1)(state).data).toEqual({ id: 1, title: 'one' })
    expect(api.endpoints.getPost.select(2)(state).data).toEqual({ id: 2, title: 'two' })
    expect(api.endpoints.getPosts.select({ page: 1, perPage: 10 })(state).data).toEqual([{ id: 1, title: 'one' }])
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
  })

  it('lists each running request once, and not the dispatches that reused the cache', async () => {
    const { api, store, calls } = createControlledApi()
    const cached = store.dispatch(api.endpoints.getPost.initiate(1))
    calls[0]!.respond({ data: { id: 1, title: 'one' } })
    await cached

    store.dispatch(api.endpoints.getPost.initiate(1)) // served from the cache
    const first = store.dispatch(api.endpoints.getPost.initiate(2))
    store.dispatch(api.endpoints.getPost.initiate(2)) // joins the running request

    const running = store.dispatch(api.util.getRunningQueriesThunk())
    expect(running.map((request) => request.requestId)).toEqual([first.requestId])
    expect(calls).toHaveLength(2)
  })

  it('resolves rather than rejects for failed queries, and forgets them once settled', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api, store, calls } = createControlledApi()
    store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.endpoints.getPost.initiate(2))
    const aborted = store.dispatch(api.endpoints.getPost.initiate(3))

    const everything = Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
    calls[0]!.respond({ error: { status: 500 } })
    calls[1]!.fail(new Error('network down'))
    aborted.abort()
    const results = await everything

    expect(results.map((result) => result.isError)).toEqual([true, true, true])
    expect(results[0]!.error).toEqual({ status: 500 })
    expect(results[1]!.error).toMatchObject({ message: 'network down' })
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
  })

  it('works without the middleware, listing what this store started (as in RTK Query)', () => {
    const { api } = createControlledApi()
    const store = setupStore(api, { withMiddleware: false })
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
  })
})

describe('api.util.getRunningQueryThunk', () => {
  it('returns what the dispatch that started the request returned', async () => {
    const { api, store, calls } = createControlledApi()
    const started = store.dispatch(api.endpoints.getPosts.initiate({ page: 2, perPage: 5 }))

    const running = store.dispatch(api.util.getRunningQueryThunk('getPosts', { perPage: 5, page: 2 }))
    expect(running?.requestId).toBe(started.requestId)
    expect(running?.queryCacheKey).toBe(started.queryCacheKey)

    calls[0]!.respond({ data: [{ id: 6, title: 'six' }] })
    await expect(running!.unwrap()).resolves.toEqual([{ id: 6, title: 'six' }])
  })

  it('returns undefined for other arguments, for cached entries and once the request settled', async () => {
    const { api, store, calls } = createControlledApi()
    const request = store.dispatch(api.endpoints.getPost.initiate(1))

    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 2))).toBeUndefined()
    calls[0]!.respond({ data: { id: 1, title: 'one' } })
    await request

    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))).toBeUndefined()
    store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))).toBeUndefined()
  })

  it('throws a clear error for an unknown endpoint', () => {
    const { api, store } = createControlledApi()

    expect(() => store.dispatch(api.util.getRunningQueryThunk('getUser' as never, 1 as never))).toThrow(
      /^\[api-slice\].*unknown endpoint 'getUser'.*Known endpoints: getPost, getPosts, addPost, deletePost/s,
    )
  })
})

describe('api.util.getRunningMutationsThunk and getRunningMutationThunk', () => {
  it('list the running mutations until they settle', async () => {
    const { api, store, calls } = createControlledApi()
    const add = store.dispatch(api.endpoints.addPost.initiate('hello'))
    const remove = store.dispatch(api.endpoints.deletePost.initiate(4))

    const running = store.dispatch(api.util.getRunningMutationsThunk())
    expect(running.map((mutation) => mutation.requestId).sort()).toEqual([add.requestId, remove.requestId].sort())

    calls[0]!.respond({ data: { id: 3, title: 'hello' } })
    await add
    expect(store.dispatch(api.util.getRunningMutationsThunk()).map((m) => m.requestId)).toEqual([remove.requestId])

    calls[1]!.respond({ error: { status: 403 } })
    await remove
    expect(store.dispatch(api.util.getRunningMutationsThunk())).toEqual([])
  })

  it('finds a running mutation by request id', async () => {
    const { api, store, calls } = createControlledApi()
    const add = store.dispatch(api.endpoints.addPost.initiate('hello'))

    const running = store.dispatch(api.util.getRunningMutationThunk('addPost', add.requestId))
    expect(running?.requestId).toBe(add.requestId)
    expect(store.dispatch(api.util.getRunningMutationThunk('deletePost', add.requestId))).toBeUndefined()

    calls[0]!.respond({ data: { id: 3, title: 'hello' } })
    await expect(running!).resolves.toEqual({ data: { id: 3, title: 'hello' } })
    expect(store.dispatch(api.util.getRunningMutationThunk('addPost', add.requestId))).toBeUndefined()
  })

  it('finds a running mutation by fixedCacheKey', async () => {
    const { api, store, last } = createControlledApi()
    const add = store.dispatch(api.endpoints.addPost.initiate('hello', { fixedCacheKey: 'new-post' }))

    expect(store.dispatch(api.util.getRunningMutationThunk('addPost', 'new-post'))?.requestId).toBe(add.requestId)
    expect(store.dispatch(api.util.getRunningMutationThunk('addPost', 'other-key'))).toBeUndefined()

    last().respond({ data: { id: 3, title: 'hello' } })
    await add
    await flushPromises()
    expect(store.dispatch(api.util.getRunningMutationThunk('addPost', 'new-post'))).toBeUndefined()
  })

  it('throws a clear error for an unknown mutation endpoint', () => {
    const { api, store } = createControlledApi()

    expect(() => store.dispatch(api.util.getRunningMutationThunk('editPost' as never, 'id'))).toThrow(
      /^\[api-slice\].*unknown endpoint 'editPost'.*Known endpoints:/s,
    )
  })
})
