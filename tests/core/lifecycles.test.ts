import { afterEach, describe, expect, it, vi } from 'vitest'
import { combineReducers, configureStore, type Reducer, type UnknownAction } from '@reduxjs/toolkit'
import { createApi, type BaseQueryFn, type MutationLifecycles, type QueryLifecycles } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
}

type Outcome = { data: unknown; meta?: object } | { error: unknown; meta?: object }
type TestBaseQuery = BaseQueryFn<any, unknown, unknown>

/**
 * `getPost(id)` and `getPosts()` read from `posts`; `editPost` is answered by
 * `mutationOutcome`. Each endpoint takes the lifecycles the test passes.
 */
function makeApi(
  options: {
    getPost?: QueryLifecycles<number, Post, unknown>
    getPosts?: QueryLifecycles<void, Post[], unknown>
    editPost?: MutationLifecycles<Post, Post, unknown>
    baseQuery?: TestBaseQuery
    isServer?: boolean
  } = {},
) {
  const posts: Post[] = [
    { id: 1, title: 'first' },
    { id: 2, title: 'second' },
  ]
  const mutationOutcome = { next: (post: Post): Outcome | Promise<Outcome> => ({ data: post }) }
  const baseQuery = vi.fn<TestBaseQuery>(
    options.baseQuery ??
      (async (arg: { kind: string; id?: number; post?: Post }): Promise<Outcome> => {
        if (arg.kind === 'edit') return mutationOutcome.next(arg.post as Post)
        if (arg.kind === 'one') return { data: { ...posts.find((p) => p.id === arg.id) }, meta: { kind: 'one' } }
        return { data: posts.map((p) => ({ ...p })) }
      }),
  )
  const api = createApi({
    baseQuery,
    isServer: options.isServer ?? true,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => ({ kind: 'one', id }), ...options.getPost }),
      getPosts: build.query<Post[], void>({ query: () => ({ kind: 'all' }), ...options.getPosts }),
      editPost: build.mutation<Post, Post>({ query: (post) => ({ kind: 'edit', post }), ...options.editPost }),
    }),
  })
  return { api, baseQuery, posts, mutationOutcome, store: setupStore(api) }
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('onQueryStarted', () => {
  it('runs once per request with the arg, the request id, the thunk extra argument, getState and dispatch', async () => {
    const seen: { arg: unknown; requestId: string; extra: unknown; status: unknown }[] = []
    const { api } = makeApi({
      getPost: {
        onQueryStarted: (arg, { requestId, extra, getState, dispatch }) => {
          seen.push({ arg, requestId, extra, status: getState().api.queries[`getPost(${arg})`]?.status })
          dispatch({ type: 'log/fromLifecycle' })
        },
      },
    })
    const extra = { token: 'secret' }
    const log: Reducer<string[], UnknownAction> = (state = [], action) =>
      action.type.startsWith('log/') ? [...state, action.type] : state
    const store = configureStore({
      reducer: combineReducers({ api: api.reducer, log }),
      middleware: (gDM) => gDM({ thunk: { extraArgument: extra } }).concat(api.middleware),
    })

    const first = store.dispatch(api.endpoints.getPost.initiate(1))
    await first
    await store.dispatch(api.endpoints.getPost.initiate(1)) // served from the cache: no request
    const refetch = first.refetch()
    await refetch

    expect(seen).toEqual([
      { arg: 1, requestId: first.requestId, extra, status: 'pending' },
      { arg: 1, requestId: refetch.requestId, extra, status: 'pending' },
    ])
    expect(store.getState().log).toEqual(['log/fromLifecycle', 'log/fromLifecycle'])
  })

  it('resolves queryFulfilled with the data and meta of its request', async () => {
    const settled = vi.fn()
    const { api, store } = makeApi({
      getPost: { onQueryStarted: async (_arg, { queryFulfilled }) => settled(await queryFulfilled) },
    })
    await store.dispatch(api.endpoints.getPost.initiate(2))
    await flushPromises()
    expect(settled).toHaveBeenCalledWith({ data: { id: 2, title: 'second' }, meta: { kind: 'one' } })
  })

  it('rejects queryFulfilled with { error, isUnhandledError: false, meta } for an error result', async () => {
    const rejection = vi.fn()
    const { api, store } = makeApi({
      baseQuery: async () => ({ error: { status: 404 }, meta: { attempt: 1 } }),
      getPost: { onQueryStarted: (_arg, { queryFulfilled }) => queryFulfilled.catch(rejection) },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await flushPromises()
    expect(rejection).toHaveBeenCalledWith({ error: { status: 404 }, isUnhandledError: false, meta: { attempt: 1 } })
  })

  it('rejects queryFulfilled with isUnhandledError: true when the baseQuery throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const rejection = vi.fn()
    const { api, store } = makeApi({
      baseQuery: async () => {
        throw new Error('network down')
      },
      getPost: { onQueryStarted: (_arg, { queryFulfilled }) => queryFulfilled.catch(rejection) },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await flushPromises()
    expect(rejection).toHaveBeenCalledTimes(1)
    expect(rejection.mock.calls[0]![0]).toMatchObject({ isUnhandledError: true, error: { message: 'network down' } })
    expect(console.error).toHaveBeenCalledTimes(1) // the baseQuery's report, not a lifecycle failure
  })

  it('gives the entry as it is now through getCacheEntry', async () => {
    const entries: { isLoading?: boolean; isSuccess?: boolean; data?: unknown }[] = []
    const { api, store } = makeApi({
      getPost: {
        onQueryStarted: async (_arg, { getCacheEntry, queryFulfilled }) => {
          entries.push(getCacheEntry())
          await queryFulfilled
          entries.push(getCacheEntry())
        },
      },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await flushPromises()
    expect(entries[0]).toMatchObject({ isLoading: true })
    expect(entries[0]?.data).toBeUndefined()
    expect(entries[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'first' } })
  })

  it('undoes an optimistic update when the mutation fails', async () => {
    const { api, store, mutationOutcome } = makeApi({
      editPost: {
        onQueryStarted: async (post, { dispatch, queryFulfilled }) => {
          const patch = dispatch(
            api.util.updateQueryData('getPosts', undefined, (draft) => {
              const found = draft.find((p) => p.id === post.id)
              if (found) found.title = post.title
            }),
          )
          try {
            await queryFulfilled
          } catch {
            patch.undo()
          }
        },
      },
    })
    await store.dispatch(api.endpoints.getPosts.initiate())
    const before = api.endpoints.getPosts.select()(store.getState()).data
    const failure = deferred<Outcome>()
    mutationOutcome.next = () => failure.promise

    const mutation = store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'optimistic' }))
    expect(api.endpoints.getPosts.select()(store.getState()).data?.[0]?.title).toBe('optimistic')

    failure.resolve({ error: { status: 500 } })
    await mutation
    await flushPromises()
    expect(api.endpoints.getPosts.select()(store.getState()).data).toEqual(before)
  })

  it('writes the server response into the cache after the mutation succeeds (pessimistic update)', async () => {
    const { api, store, baseQuery, mutationOutcome } = makeApi({
      editPost: {
        onQueryStarted: async (_post, { dispatch, queryFulfilled }) => {
          const { data } = await queryFulfilled
          dispatch(api.util.updateQueryData('getPost', data.id, () => data))
        },
      },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const response = deferred<Outcome>()
    mutationOutcome.next = () => response.promise
    const mutation = store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'saved' }))
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('first')

    response.resolve({ data: { id: 1, title: 'saved by server' } })
    await mutation
    await flushPromises()
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'saved by server' })
    expect(baseQuery).toHaveBeenCalledTimes(2) // the query and the mutation, no refetch
  })

  it('runs for mutations with their arg, and queryFulfilled resolves with the mutation result', async () => {
    const seen: unknown[] = []
    const { api, store } = makeApi({
      editPost: {
        onQueryStarted: async (post, { queryFulfilled, getCacheEntry, requestId }) => {
          seen.push(post, getCacheEntry().status)
          seen.push(requestId, (await queryFulfilled).data, getCacheEntry().data)
        },
      },
    })
    const mutation = store.dispatch(api.endpoints.editPost.initiate({ id: 2, title: 'edited' }))
    await mutation
    await flushPromises()
    const saved = { id: 2, title: 'edited' }
    expect(seen).toEqual([saved, 'pending', mutation.requestId, saved, saved])
  })
})

describe('onCacheEntryAdded', () => {
  it('runs once for each new entry and not again when the entry is refetched', async () => {
    const added = vi.fn()
    const { api, store } = makeApi({ getPost: { onCacheEntryAdded: added } })
    const first = store.dispatch(api.endpoints.getPost.initiate(1))
    await first
    await first.refetch()
    await store.dispatch(api.endpoints.getPost.initiate(2))
    expect(added.mock.calls.map(([arg, { requestId }]) => [arg, requestId])).toEqual([
      [1, first.requestId],
      [2, expect.any(String)],
    ])
  })

  it('runs before onQueryStarted for a request that adds an entry, as in RTK Query', async () => {
    const order: string[] = []
    const { api, store } = makeApi({
      getPost: { onCacheEntryAdded: () => void order.push('added'), onQueryStarted: () => void order.push('started') },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(order).toEqual(['added', 'started'])
  })

  it('resolves cacheDataLoaded with the first data, and can update the entry with updateCachedData', async () => {
    const loaded = vi.fn()
    const messages = new Set<(title: string) => void>()
    const { api, store } = makeApi({
      getPosts: {
        onCacheEntryAdded: async (_arg, { cacheDataLoaded, cacheEntryRemoved, updateCachedData }) => {
          loaded(await cacheDataLoaded)
          const listener = (title: string) =>
            updateCachedData((draft: Post[]) => {
              draft.push({ id: draft.length + 1, title })
            })
          messages.add(listener)
          await cacheEntryRemoved
          messages.delete(listener)
        },
      },
    })
    const request = store.dispatch(api.endpoints.getPosts.initiate())
    await request
    await flushPromises()
    expect(loaded).toHaveBeenCalledWith({
      data: [expect.objectContaining({ id: 1 }), expect.anything()],
      meta: undefined,
    })

    for (const send of messages) send('streamed')
    expect(
      api.endpoints.getPosts
        .select()(store.getState())
        .data?.map((p) => p.title),
    ).toEqual(['first', 'second', 'streamed'])

    store.dispatch(api.util.resetApiState())
    await flushPromises()
    expect(messages.size).toBe(0)
  })

  it('resolves cacheEntryRemoved when cache collection removes the entry', async () => {
    vi.useFakeTimers()
    const events: string[] = []
    const { api, store } = makeApi({
      isServer: false,
      getPost: {
        onCacheEntryAdded: async (_arg, { cacheDataLoaded, cacheEntryRemoved, getCacheEntry }) => {
          await cacheDataLoaded
          events.push(`loaded ${getCacheEntry().data?.title}`)
          await cacheEntryRemoved
          events.push(`removed ${String(getCacheEntry().data)}`)
        },
      },
    })
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await request
    request.unsubscribe()
    await flushPromises()
    expect(events).toEqual(['loaded first'])

    await vi.advanceTimersByTimeAsync(60_000)
    expect(events).toEqual(['loaded first', 'removed undefined'])
  })

  it('rejects cacheDataLoaded when the entry is removed before it held data, without reporting an error', async () => {
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const outcome = vi.fn()
    const awaitedOnly = vi.fn()
    const { api, store } = makeApi({
      isServer: false,
      baseQuery: async () => ({ error: { status: 500 } }),
      getPost: {
        onCacheEntryAdded: (_arg, { cacheDataLoaded }) =>
          cacheDataLoaded.then(
            () => outcome('loaded'),
            (reason: Error) => outcome(reason.message),
          ),
      },
      getPosts: {
        // Awaiting it without a catch is the usual style; the lifecycle then rejects, quietly.
        onCacheEntryAdded: async (_arg, { cacheDataLoaded }) => {
          await cacheDataLoaded
          awaitedOnly()
        },
      },
    })
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await request
    request.unsubscribe()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(outcome).toHaveBeenCalledWith(expect.stringContaining('removed before'))

    store.dispatch(api.endpoints.getPosts.initiate())
    store.dispatch(api.util.resetApiState()) // while the request is still pending
    await flushPromises()
    expect(awaitedOnly).not.toHaveBeenCalled()
    expect(console.error).not.toHaveBeenCalled()
  })

  it('resolves cacheEntryRemoved on resetApiState, and runs again for an entry added after it', async () => {
    const events: string[] = []
    const { api, store } = makeApi({
      getPost: {
        onCacheEntryAdded: async (arg, { cacheEntryRemoved }) => {
          events.push(`added ${arg}`)
          await cacheEntryRemoved
          events.push(`removed ${arg}`)
        },
      },
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    await flushPromises()
    expect(events).toEqual(['added 1', 'added 2'])
    store.dispatch(api.util.resetApiState())
    await flushPromises()
    expect(events).toEqual(['added 1', 'added 2', 'removed 1', 'removed 2'])

    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(events.slice(4)).toEqual(['added 1'])
  })

  it('runs for tracked mutations: cacheDataLoaded gives the result and reset() removes the entry', async () => {
    const events: unknown[] = []
    const { api, store } = makeApi({
      editPost: {
        onCacheEntryAdded: async (post, { cacheDataLoaded, cacheEntryRemoved, getCacheEntry }) => {
          events.push(post.title, getCacheEntry().status)
          events.push((await cacheDataLoaded).data.title)
          await cacheEntryRemoved
          events.push('removed')
        },
      },
    })
    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'untracked' }, { track: false }))
    const mutation = store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'tracked' }))
    await mutation
    await flushPromises()
    expect(events).toEqual(['tracked', 'pending', 'tracked'])
    mutation.reset()
    await flushPromises()
    expect(events).toEqual(['tracked', 'pending', 'tracked', 'removed'])
  })

  it('ends the lifecycle of a fixedCacheKey entry when a new mutation with that key replaces it', async () => {
    const events: string[] = []
    const { api, store } = makeApi({
      editPost: {
        onCacheEntryAdded: async (post, { cacheDataLoaded, cacheEntryRemoved }) => {
          events.push(`added ${post.title}`)
          events.push(`loaded ${(await cacheDataLoaded).data.title}`)
          await cacheEntryRemoved
          events.push(`removed ${post.title}`)
        },
      },
    })
    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'a' }, { fixedCacheKey: 'shared' }))
    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'b' }, { fixedCacheKey: 'shared' }))
    await flushPromises()
    expect(events.slice(0, 2)).toEqual(['added a', 'loaded a'])
    expect(events.slice(2).sort()).toEqual(['added b', 'loaded b', 'removed a'])
  })
})

describe('a lifecycle that fails', () => {
  const failures = {
    'throws synchronously': () => {
      throw new Error('lifecycle broke')
    },
    rejects: async () => {
      await Promise.resolve()
      throw new Error('lifecycle broke')
    },
  }

  for (const [how, lifecycle] of Object.entries(failures)) {
    for (const name of ['onQueryStarted', 'onCacheEntryAdded'] as const) {
      it(`is reported once with the endpoint name when ${name} ${how}, and the request still succeeds`, async () => {
        vi.spyOn(console, 'error').mockImplementation(() => {})
        const { api, store } = makeApi({ getPost: { [name]: lifecycle } })
        const result = await store.dispatch(api.endpoints.getPost.initiate(1))
        await flushPromises()

        expect(result).toMatchObject({ isSuccess: true, data: { id: 1, title: 'first' } })
        expect(console.error).toHaveBeenCalledTimes(1)
        const [message, cause] = vi.mocked(console.error).mock.calls[0]!
        expect(message).toMatch(/^\[api-slice\].*getPost/)
        expect(message).toContain(name)
        expect(cause).toMatchObject({ message: 'lifecycle broke' })
        await expect(store.dispatch(api.endpoints.getPost.initiate(2)).unwrap()).resolves.toMatchObject({ id: 2 })
      })
    }
  }

  it('leaves no unhandled rejection when queryFulfilled and cacheDataLoaded reject and nobody listens', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const { api, store } = makeApi({
        baseQuery: async () => ({ error: { status: 500 } }),
        getPost: { onQueryStarted: () => {}, onCacheEntryAdded: () => {} },
        editPost: { onQueryStarted: () => {}, onCacheEntryAdded: () => {} },
      })
      await store.dispatch(api.endpoints.getPost.initiate(1))
      await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'x' }))
      store.dispatch(api.util.resetApiState())
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).not.toHaveBeenCalled()
      expect(console.error).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
