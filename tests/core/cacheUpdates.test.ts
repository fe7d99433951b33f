import { afterEach, describe, expect, it, vi } from 'vitest'
import { combineReducers, configureStore, type Middleware, type Reducer, type UnknownAction } from '@reduxjs/toolkit'
import { createApi, type QueryLifecycles } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
}

type Outcome = { data: unknown } | { error: unknown }

/** Posts from a fake server; `getPost` answers through `next` when a test wants to hold a request. */
function makeApi(options: { isServer?: boolean; getPost?: QueryLifecycles<number, Post, unknown> } = {}) {
  const server = { next: undefined as undefined | (() => Promise<Outcome>) }
  const baseQuery = vi.fn(async (arg: { kind: string; id?: number }): Promise<Outcome> => {
    if (arg.kind === 'one') return server.next ? server.next() : { data: { id: arg.id, title: `post ${arg.id}` } }
    return { data: [1, 2].map((id) => ({ id, title: `post ${id}` })) }
  })
  const api = createApi({
    baseQuery,
    isServer: options.isServer ?? true,
    tagTypes: ['Post'],
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        query: (id) => ({ kind: 'one', id }),
        providesTags: (post) => (post ? [{ type: 'Post', id: post.id }] : []),
        ...options.getPost,
      }),
      getPosts: build.query<Post[], void>({
        query: () => ({ kind: 'all' }),
        providesTags: (posts = []) => posts.map(({ id }) => ({ type: 'Post' as const, id })),
      }),
      getCount: build.query<number, void>({ queryFn: () => ({ data: 1 }) }),
    }),
  })
  return { api, baseQuery, server, store: setupStore(api) }
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('api.util.updateQueryData', () => {
  it("changes only that entry's data and returns the patches it applied", async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    const other = api.endpoints.getPost.select(2)(store.getState()).data

    const patch = store.dispatch(
      api.util.updateQueryData('getPost', 1, (draft) => {
        draft.title = 'renamed'
      }),
    )

    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'renamed' })
    expect(api.endpoints.getPost.select(2)(store.getState()).data).toBe(other)
    expect(patch.patches).toEqual([{ op: 'replace', path: ['title'], value: 'renamed' }])
    expect(patch.inversePatches).toEqual([{ op: 'replace', path: ['title'], value: 'post 1' }])
  })

  it('reverts the change and the provided tags with undo()', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPosts.initiate())
    const before = api.endpoints.getPosts.select()(store.getState()).data
    const tagsBefore = store.getState().api.provided.keys['getPosts(undefined)']

    const patch = store.dispatch(
      api.util.updateQueryData('getPosts', undefined, (draft) => {
        draft.push({ id: 3, title: 'new' })
        draft[0]!.title = 'changed'
      }),
    )
    expect(api.endpoints.getPosts.select()(store.getState()).data).toHaveLength(3)
    patch.undo()
    expect(api.endpoints.getPosts.select()(store.getState()).data).toEqual(before)
    expect(store.getState().api.provided.keys['getPosts(undefined)']).toEqual(tagsBefore)
  })

  it('changes nothing and returns empty patches when the entry is not cached', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const state = store.getState()
    const recipe = vi.fn()

    const patch = store.dispatch(api.util.updateQueryData('getPost', 7, recipe))

    expect(recipe).not.toHaveBeenCalled()
    expect(patch.patches).toEqual([])
    expect(patch.inversePatches).toEqual([])
    patch.undo()
    expect(store.getState()).toBe(state)
    expect(store.getState().api.queries['getPost(7)']).toBeUndefined()
  })

  it('does not call the recipe for an entry still loading its first data', async () => {
    const { api, store, server } = makeApi()
    const response = deferred<Outcome>()
    server.next = () => response.promise
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    const recipe = vi.fn((draft: Post) => {
      draft.title = 'too early'
    })

    const patch = store.dispatch(api.util.updateQueryData('getPost', 1, recipe))

    expect(recipe).not.toHaveBeenCalled()
    expect(patch.patches).toEqual([])
    response.resolve({ data: { id: 1, title: 'loaded' } })
    await expect(request.unwrap()).resolves.toEqual({ id: 1, title: 'loaded' })
  })

  it('recomputes the provided tags from the new data, unless updateProvided is false', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPosts.initiate())
    const addPost = (id: number) => (draft: Post[]) => {
      draft.push({ id, title: `post ${id}` })
    }

    store.dispatch(api.util.updateQueryData('getPosts', undefined, addPost(3), false))
    expect(api.util.selectInvalidatedBy(store.getState(), [{ type: 'Post', id: 3 }])).toEqual([])

    store.dispatch(api.util.updateQueryData('getPosts', undefined, addPost(4)))
    expect(store.getState().api.provided.keys['getPosts(undefined)']).toEqual(
      [1, 2, 3, 4].map((id) => ({ type: 'Post', id })),
    )
    expect(api.util.selectInvalidatedBy(store.getState(), [{ type: 'Post', id: 3 }])).toEqual([
      { endpointName: 'getPosts', originalArgs: undefined, queryCacheKey: 'getPosts(undefined)' },
    ])
  })

  it('replaces the data with the value a recipe returns', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPosts.initiate())
    await store.dispatch(api.endpoints.getCount.initiate())

    store.dispatch(api.util.updateQueryData('getPosts', undefined, () => [{ id: 9, title: 'only' }]))
    const patch = store.dispatch(api.util.updateQueryData('getCount', undefined, (count) => count + 41))

    expect(api.endpoints.getPosts.select()(store.getState()).data).toEqual([{ id: 9, title: 'only' }])
    expect(api.endpoints.getCount.select()(store.getState()).data).toBe(42)
    patch.undo()
    expect(api.endpoints.getCount.select()(store.getState()).data).toBe(1)
  })
})

describe('api.util.patchQueryData', () => {
  it('applies Immer patches to the entry', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.util.patchQueryData('getPost', 1, [{ op: 'replace', path: ['title'], value: 'patched' }]))
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'patched' })
  })

  it('recomputes the provided tags only when asked to', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPosts.initiate())
    const tags = () => store.getState().api.provided.keys['getPosts(undefined)']
    const tagsBefore = tags()

    store.dispatch(api.util.patchQueryData('getPosts', undefined, [{ op: 'add', path: [2], value: { id: 3 } }]))
    expect(tags()).toEqual(tagsBefore)
    store.dispatch(api.util.patchQueryData('getPosts', undefined, [{ op: 'add', path: [3], value: { id: 4 } }], true))
    expect(tags()).toEqual([1, 2, 3, 4].map((id) => ({ type: 'Post', id })))
  })
})

describe('api.util.upsertQueryData', () => {
  it('creates a fulfilled entry without calling the baseQuery, running the lifecycles', async () => {
    const started = vi.fn()
    const loaded = vi.fn()
    const { api, store, baseQuery } = makeApi({
      getPost: {
        onQueryStarted: async (id, { queryFulfilled }) => started(id, await queryFulfilled),
        onCacheEntryAdded: async (id, { cacheDataLoaded }) => loaded(id, await cacheDataLoaded),
      },
    })
    const post = { id: 5, title: 'upserted' }

    const result = await store.dispatch(api.util.upsertQueryData('getPost', 5, post))
    await flushPromises()

    const selected = api.endpoints.getPost.select(5)(store.getState())
    expect(selected).toMatchObject({ status: 'fulfilled', isSuccess: true, data: post, originalArgs: 5 })
    expect(result).toEqual(selected)
    expect(baseQuery).not.toHaveBeenCalled()
    expect(started).toHaveBeenCalledWith(5, { data: post, meta: undefined })
    expect(loaded).toHaveBeenCalledWith(5, { data: post, meta: undefined })
    expect(store.getState().api.provided.keys['getPost(5)']).toEqual([{ type: 'Post', id: 5 }])
    expect(store.getState().api.subscriptions['getPost(5)']).toBeUndefined()
  })

  it('replaces the data of an existing entry', async () => {
    const added = vi.fn()
    const { api, store, baseQuery } = makeApi({ getPost: { onCacheEntryAdded: added } })
    await store.dispatch(api.endpoints.getPost.initiate(1))

    const result = await store.dispatch(api.util.upsertQueryData('getPost', 1, { id: 1, title: 'replaced' }))

    expect(result.data).toEqual({ id: 1, title: 'replaced' })
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'replaced' })
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(added).toHaveBeenCalledTimes(1)
  })

  it('never shows an existing entry as pending while it replaces the data, as in RTK Query', async () => {
    const { api, store } = makeApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const statuses: string[] = []
    const unsubscribe = store.subscribe(() => statuses.push(api.endpoints.getPost.select(1)(store.getState()).status))

    await store.dispatch(api.util.upsertQueryData('getPost', 1, { id: 1, title: 'replaced' }))
    unsubscribe()

    expect(statuses).not.toContain('pending')
    expect(statuses.at(-1)).toBe('fulfilled')
  })

  it('lets a request that was already running land its result after the upsert, as in RTK Query', async () => {
    const { api, store, server } = makeApi()
    const response = deferred<Outcome>()
    server.next = () => response.promise
    const request = store.dispatch(api.endpoints.getPost.initiate(1))

    await store.dispatch(api.util.upsertQueryData('getPost', 1, { id: 1, title: 'upserted' }))
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'upserted' })
    // The running request is still the one that owns the entry.
    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))?.requestId).toBe(request.requestId)

    response.resolve({ data: { id: 1, title: 'response' } })
    await request
    expect(api.endpoints.getPost.select(1)(store.getState())).toMatchObject({
      status: 'fulfilled',
      data: { id: 1, title: 'response' },
    })
  })
})

describe('api.util.upsertQueryEntries', () => {
  /** A store whose recorder sees every action that reaches the api. */
  function recordingStore(api: ReturnType<typeof makeApi>['api']) {
    const actions: UnknownAction[] = []
    const recorder: Middleware = () => (next) => (action) => {
      actions.push(action as UnknownAction)
      return next(action)
    }
    const store = configureStore({
      reducer: combineReducers({ api: api.reducer }) as Reducer<any>,
      middleware: (gDM) => gDM().concat(recorder, api.middleware),
    })
    return { store, actions }
  }

  it('writes entries of several endpoints in one action, with their provided tags', async () => {
    const { api } = makeApi()
    const { store, actions } = recordingStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    actions.length = 0

    store.dispatch(
      api.util.upsertQueryEntries([
        { endpointName: 'getPost', arg: 1, value: { id: 1, title: 'replaced' } },
        { endpointName: 'getPost', arg: 2, value: { id: 2, title: 'new' } },
        { endpointName: 'getPosts', arg: undefined, value: [{ id: 3, title: 'listed' }] },
      ]),
    )

    expect(actions.map((action) => action.type)).toEqual(['api/queries/cacheEntriesUpserted'])
    const state = store.getState()
    expect(api.endpoints.getPost.select(1)(state)).toMatchObject({ isSuccess: true, data: { title: 'replaced' } })
    expect(api.endpoints.getPost.select(2)(state)).toMatchObject({ isSuccess: true, data: { title: 'new' } })
    expect(api.endpoints.getPosts.select()(state).data).toEqual([{ id: 3, title: 'listed' }])
    expect(state.api.provided.keys).toMatchObject({
      'getPost(1)': [{ type: 'Post', id: 1 }],
      'getPost(2)': [{ type: 'Post', id: 2 }],
      'getPosts(undefined)': [{ type: 'Post', id: 3 }],
    })
  })

  it('starts onCacheEntryAdded for new entries and resolves their cacheDataLoaded', async () => {
    const loaded = vi.fn()
    const { api, store } = makeApi({
      getPost: { onCacheEntryAdded: async (id, { cacheDataLoaded }) => loaded(id, (await cacheDataLoaded).data) },
    })
    store.dispatch(api.util.upsertQueryEntries([{ endpointName: 'getPost', arg: 4, value: { id: 4, title: 'four' } }]))
    await flushPromises()
    expect(loaded).toHaveBeenCalledWith(4, { id: 4, title: 'four' })
  })

  it('removes upserted entries nobody subscribes to after keepUnusedDataFor (isServer: false)', async () => {
    vi.useFakeTimers()
    const { api, store } = makeApi({ isServer: false })
    const subscription = store.dispatch(api.endpoints.getPost.initiate(1))
    await subscription

    store.dispatch(
      api.util.upsertQueryEntries([
        { endpointName: 'getPost', arg: 1, value: { id: 1, title: 'subscribed' } },
        { endpointName: 'getPost', arg: 2, value: { id: 2, title: 'unused' } },
      ]),
    )
    await vi.advanceTimersByTimeAsync(59_000)
    expect(store.getState().api.queries['getPost(2)']).toBeDefined()

    await vi.advanceTimersByTimeAsync(1_000)
    expect(store.getState().api.queries['getPost(2)']).toBeUndefined()
    expect(store.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'subscribed' })
  })

  it('lets a request that was already running land its result after the upsert, as in RTK Query', async () => {
    const { api, store, server } = makeApi()
    const response = deferred<Outcome>()
    server.next = () => response.promise
    const request = store.dispatch(api.endpoints.getPost.initiate(1))

    store.dispatch(
      api.util.upsertQueryEntries([{ endpointName: 'getPost', arg: 1, value: { id: 1, title: 'upserted' } }]),
    )
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'upserted' })
    response.resolve({ data: { id: 1, title: 'response' } })
    await request

    expect(api.endpoints.getPost.select(1)(store.getState())).toMatchObject({
      status: 'fulfilled',
      data: { id: 1, title: 'response' },
    })
  })
})
