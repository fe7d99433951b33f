import type { UnknownAction } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery, QueryStatus } from 'api-slice'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deferred, flushPromises, setupStore } from './helpers/setup'

/** next-redux-wrapper's action: its payload is the whole root state the server rendered. */
const HYDRATE = '__NEXT_REDUX_WRAPPER_HYDRATE__'

interface Post {
  id: number
  title: string
}

type Source = (id: number) => Post | Promise<Post>

/** One build of the api, as both the server bundle and the client bundle would create it. */
function createPostsApi(options: {
  source: Source
  list?: () => Post[]
  isServer?: boolean
  keepUnusedDataFor?: number
}) {
  return createApi({
    baseQuery: fakeBaseQuery<{ status: number }>(),
    tagTypes: ['Post'],
    isServer: options.isServer,
    keepUnusedDataFor: options.keepUnusedDataFor,
    extractRehydrationInfo: (action, { reducerPath }) =>
      action.type === HYDRATE ? (action.payload as Record<string, unknown>)[reducerPath] : undefined,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: async (id) => ({ data: await options.source(id) }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      getPosts: build.query<Post[], void>({
        queryFn: () => ({ data: options.list ? options.list() : [] }),
        providesTags: (result) => (result ?? []).map((post) => ({ type: 'Post' as const, id: post.id })),
      }),
      renamePost: build.mutation<Post, Post>({
        queryFn: (post) => ({ data: post }),
        invalidatesTags: (_result, _error, post) => [{ type: 'Post', id: post.id }],
      }),
    }),
  })
}

type PostsApi = ReturnType<typeof createPostsApi>

const fromServer: Source = (id) => ({ id, title: `server ${id}` })

/** Renders on a "server" store, waits for its queries, and returns the state as Next sends it: through JSON. */
async function renderOnServer(api: PostsApi, ids: number[], options: { withList?: boolean } = {}) {
  const store = setupStore(api)
  for (const id of ids) store.dispatch(api.endpoints.getPost.initiate(id))
  if (options.withList) store.dispatch(api.endpoints.getPosts.initiate())
  await Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
  return JSON.parse(JSON.stringify(store.getState()))
}

function hydrate(payload: unknown): UnknownAction {
  return { type: HYDRATE, payload }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2024-01-01T00:00:00Z'))
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('rehydrating from a server render', () => {
  it("gives the client the server's entries and the tags they provide", async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1, 2])
    const clientSource = vi.fn(fromServer)
    const api = createPostsApi({ source: clientSource })
    const client = setupStore(api)

    client.dispatch(hydrate(serverState))

    const state = client.getState()
    expect(api.endpoints.getPost.select(1)(state)).toMatchObject({
      status: QueryStatus.fulfilled,
      isSuccess: true,
      data: { id: 1, title: 'server 1' },
      originalArgs: 1,
    })
    expect(api.endpoints.getPost.select(2)(state).data).toEqual({ id: 2, title: 'server 2' })
    expect(state.api.provided.keys['getPost(1)']).toEqual([{ type: 'Post', id: 1 }])
    expect(state.api.provided.tags.Post?.['2']).toEqual(['getPost(2)'])
    expect(api.util.selectInvalidatedBy(state, [{ type: 'Post', id: 1 }]).map((e) => e.queryCacheKey)).toEqual([
      'getPost(1)',
    ])

    // The hydrated entry is used as cached data: no request on the client.
    const result = await client.dispatch(api.endpoints.getPost.initiate(1))
    expect(result.data).toEqual({ id: 1, title: 'server 1' })
    expect(clientSource).not.toHaveBeenCalled()
  })

  it('refetches a subscribed hydrated entry and drops an unsubscribed one when their tag is invalidated', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1, 2])
    const clientSource = vi.fn((id: number) => ({ id, title: `client ${id}` }))
    const api = createPostsApi({ source: clientSource })
    const client = setupStore(api)
    client.dispatch(hydrate(serverState))
    client.dispatch(api.endpoints.getPost.initiate(1))

    client.dispatch(
      api.util.invalidateTags([
        { type: 'Post', id: 1 },
        { type: 'Post', id: 2 },
      ]),
    )
    await Promise.all(client.dispatch(api.util.getRunningQueriesThunk()))

    expect(clientSource).toHaveBeenCalledTimes(1)
    expect(clientSource).toHaveBeenCalledWith(1)
    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'client 1' })
    expect(client.getState().api.queries['getPost(2)']).toBeUndefined()
    expect(client.getState().api.provided.keys['getPost(2)']).toBeUndefined()
  })

  it('keeps fresher client data when an older HYDRATE arrives', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1])
    vi.advanceTimersByTime(5_000)
    const api = createPostsApi({ source: (id) => ({ id, title: `client ${id}` }) })
    const client = setupStore(api)
    await client.dispatch(api.endpoints.getPost.initiate(1))
    const fetched = client.getState().api.queries['getPost(1)']

    client.dispatch(hydrate(serverState))

    const entry = client.getState().api.queries['getPost(1)']
    expect(entry).toBe(fetched)
    expect(entry?.data).toEqual({ id: 1, title: 'client 1' })
    expect(entry?.fulfilledTimeStamp).toBeGreaterThan(serverState.api.queries['getPost(1)'].fulfilledTimeStamp)
  })

  it('takes newer server data over an older client entry', async () => {
    const api = createPostsApi({ source: (id) => ({ id, title: `client ${id}` }) })
    const client = setupStore(api)
    await client.dispatch(api.endpoints.getPost.initiate(1))
    vi.advanceTimersByTime(5_000)
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1])

    client.dispatch(hydrate(serverState))

    const entry = client.getState().api.queries['getPost(1)']
    expect(entry?.data).toEqual({ id: 1, title: 'server 1' })
    expect(entry?.fulfilledTimeStamp).toBe(serverState.api.queries['getPost(1)'].fulfilledTimeStamp)
    expect(entry?.requestId).toBe(serverState.api.queries['getPost(1)'].requestId)
  })

  it('never replaces a pending client entry, and the client request still settles it', async () => {
    const response = deferred<Post>()
    const api = createPostsApi({ source: () => response.promise })
    const client = setupStore(api)
    const request = client.dispatch(api.endpoints.getPost.initiate(1))
    const pending = client.getState().api.queries['getPost(1)']
    vi.advanceTimersByTime(5_000)
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1])

    client.dispatch(hydrate(serverState))
    expect(client.getState().api.queries['getPost(1)']).toBe(pending)
    expect(pending?.status).toBe(QueryStatus.pending)

    response.resolve({ id: 1, title: 'client 1' })
    await request
    expect(client.getState().api.queries['getPost(1)']).toMatchObject({
      status: QueryStatus.fulfilled,
      data: { id: 1, title: 'client 1' },
      requestId: request.requestId,
    })
  })

  it('ignores pending and uninitialized server entries, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const never = deferred<Post>()
    const serverApi = createPostsApi({ source: (id) => (id === 2 ? never.promise : fromServer(id)) })
    const server = setupStore(serverApi)
    await server.dispatch(serverApi.endpoints.getPost.initiate(1))
    server.dispatch(serverApi.endpoints.getPost.initiate(2))
    const serverState = JSON.parse(JSON.stringify(server.getState()))
    serverState.api.queries['getPost(3)'] = { status: QueryStatus.uninitialized, endpointName: 'getPost' }
    expect(serverState.api.queries['getPost(2)'].status).toBe(QueryStatus.pending)

    const clientSource = vi.fn(fromServer)
    const api = createPostsApi({ source: clientSource })
    const client = setupStore(api)
    client.dispatch(hydrate(serverState))

    expect(Object.keys(client.getState().api.queries)).toEqual(['getPost(1)'])
    expect(warn).not.toHaveBeenCalled()
    // The client fetches the entry the server never finished.
    await client.dispatch(api.endpoints.getPost.initiate(2))
    expect(clientSource).toHaveBeenCalledWith(2)
    expect(api.endpoints.getPost.select(2)(client.getState()).isSuccess).toBe(true)
  })

  it('returns the identical state object when the same HYDRATE is dispatched twice', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1, 2], { withList: true })
    const api = createPostsApi({ source: fromServer, isServer: false })
    const client = setupStore(api)

    client.dispatch(hydrate(serverState))
    const rootAfterFirst = client.getState()
    const apiAfterFirst = rootAfterFirst.api
    expect(Object.keys(apiAfterFirst.queries)).toHaveLength(3)

    client.dispatch(hydrate(JSON.parse(JSON.stringify(serverState))))
    expect(client.getState().api).toBe(apiAfterFirst)
    expect(client.getState()).toBe(rootAfterFirst)
  })

  it('removes the old provided tags of a key replaced by rehydration and indexes the new ones', async () => {
    let clientList = [
      { id: 1, title: 'one' },
      { id: 2, title: 'two' },
    ]
    const api = createPostsApi({ source: fromServer, list: () => clientList })
    const client = setupStore(api)
    await client.dispatch(api.endpoints.getPosts.initiate())
    expect(client.getState().api.provided.tags.Post?.['1']).toEqual(['getPosts(undefined)'])
    vi.advanceTimersByTime(5_000)
    const serverApi = createPostsApi({
      source: fromServer,
      list: () => [
        { id: 2, title: 'two' },
        { id: 3, title: 'three' },
      ],
    })
    const serverState = await renderOnServer(serverApi, [], { withList: true })
    clientList = []

    client.dispatch(hydrate(serverState))

    const { provided } = client.getState().api
    expect(provided.keys['getPosts(undefined)']).toEqual([
      { type: 'Post', id: 2 },
      { type: 'Post', id: 3 },
    ])
    expect(provided.tags.Post?.['1']).toBeUndefined()
    expect(provided.tags.Post?.['2']).toEqual(['getPosts(undefined)'])
    expect(provided.tags.Post?.['3']).toEqual(['getPosts(undefined)'])
    expect(api.util.selectInvalidatedBy(client.getState(), [{ type: 'Post', id: 1 }])).toEqual([])
    expect(api.util.selectInvalidatedBy(client.getState(), [{ type: 'Post', id: 3 }])).toEqual([
      { endpointName: 'getPosts', originalArgs: undefined, queryCacheKey: 'getPosts(undefined)' },
    ])
  })

  it('recomputes provided tags from providesTags when the payload carries none', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [4])
    delete serverState.api.provided
    const api = createPostsApi({ source: fromServer })
    const client = setupStore(api)

    client.dispatch(hydrate(serverState))

    expect(client.getState().api.provided.keys['getPost(4)']).toEqual([{ type: 'Post', id: 4 }])
    expect(client.getState().api.provided.tags.Post?.['4']).toEqual(['getPost(4)'])
  })

  it('carries over shared (fixedCacheKey) mutation results but not per-request ones', async () => {
    const serverApi = createPostsApi({ source: fromServer })
    const server = setupStore(serverApi)
    await server.dispatch(
      serverApi.endpoints.renamePost.initiate({ id: 1, title: 'shared' }, { fixedCacheKey: 'rename' }),
    )
    const own = await server.dispatch(serverApi.endpoints.renamePost.initiate({ id: 2, title: 'own' })).requestId
    const serverState = JSON.parse(JSON.stringify(server.getState()))
    expect(serverState.api.mutations[own]).toBeDefined()

    const api = createPostsApi({ source: fromServer })
    const client = setupStore(api)
    client.dispatch(hydrate(serverState))

    expect(api.endpoints.renamePost.select({ fixedCacheKey: 'rename' })(client.getState())).toMatchObject({
      isSuccess: true,
      data: { id: 1, title: 'shared' },
    })
    expect(client.getState().api.mutations[own]).toBeUndefined()
  })
})

describe('removal timers of rehydrated entries', () => {
  it('starts a removal timer on the client for each rehydrated entry nobody subscribes to', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1, 2])
    const api = createPostsApi({ source: fromServer, isServer: false, keepUnusedDataFor: 30 })
    const client = setupStore(api)
    client.dispatch(hydrate(serverState))
    client.dispatch(api.endpoints.getPost.initiate(2))

    vi.advanceTimersByTime(29_000)
    expect(client.getState().api.queries['getPost(1)']).toBeDefined()

    vi.advanceTimersByTime(1_000)
    await flushPromises()
    expect(client.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(client.getState().api.provided.keys['getPost(1)']).toBeUndefined()
    // A component subscribed to the other entry: it stays.
    expect(client.getState().api.queries['getPost(2)']?.data).toEqual({ id: 2, title: 'server 2' })
  })

  it('starts no timer on the server', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1])
    const api = createPostsApi({ source: fromServer, isServer: true, keepUnusedDataFor: 30 })
    const store = setupStore(api)
    const timersBefore = vi.getTimerCount()

    store.dispatch(hydrate(serverState))

    expect(vi.getTimerCount()).toBe(timersBefore)
    vi.advanceTimersByTime(10 * 60_000)
    expect(store.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'server 1' })
  })
})

describe('preloadedState from a server render', () => {
  it('reads the preloaded entries and does not refetch them', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1], { withList: true })
    const clientSource = vi.fn(fromServer)
    const api = createPostsApi({ source: clientSource })
    const client = setupStore(api, { preloadedState: serverState })

    expect(api.endpoints.getPost.select(1)(client.getState())).toMatchObject({
      isSuccess: true,
      data: { id: 1, title: 'server 1' },
    })
    const result = await client.dispatch(api.endpoints.getPost.initiate(1))
    expect(result.data).toEqual({ id: 1, title: 'server 1' })
    expect(clientSource).not.toHaveBeenCalled()
    expect(
      api.util.selectInvalidatedBy(client.getState(), [{ type: 'Post', id: 1 }]).map((e) => e.queryCacheKey),
    ).toEqual(['getPost(1)'])
  })

  it('refetches a preloaded entry when its tag is invalidated', async () => {
    const serverState = await renderOnServer(createPostsApi({ source: fromServer }), [1])
    const api = createPostsApi({ source: (id) => ({ id, title: `client ${id}` }) })
    const client = setupStore(api, { preloadedState: serverState })
    client.dispatch(api.endpoints.getPost.initiate(1))

    client.dispatch(api.util.invalidateTags([{ type: 'Post', id: 1 }]))
    await Promise.all(client.dispatch(api.util.getRunningQueriesThunk()))

    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'client 1' })
  })
})
