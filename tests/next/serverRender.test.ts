import { configureStore, type ThunkAction, type UnknownAction } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery, fetchBaseQuery, QueryStatus } from 'api-slice'
import { endServerRender, prefetchForPage, toClientState } from 'api-slice/next'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deferred, flushPromises, setupStore } from '../core/helpers/setup'
import { createPostsApi, type Post } from './helpers/nextApi'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function settledFlag(promise: Promise<unknown>) {
  const flag = { settled: false }
  void promise.then(
    () => (flag.settled = true),
    () => (flag.settled = true),
  )
  return flag
}

describe('prefetchForPage', () => {
  it('waits for the queries it started and leaves none running', async () => {
    const requests = new Map<number, ReturnType<typeof deferred<Post>>>()
    const api = createPostsApi({
      source: (id) => {
        requests.set(id, deferred<Post>())
        return requests.get(id)!.promise
      },
    })
    const store = setupStore(api)

    const done = prefetchForPage(store, api, [api.endpoints.getPost.initiate(1), api.endpoints.getPost.initiate(2)])
    const flag = settledFlag(done)
    await flushPromises()
    expect(flag.settled).toBe(false)
    requests.get(1)!.resolve({ id: 1, title: 'one' })
    await flushPromises()
    expect(flag.settled).toBe(false)
    requests.get(2)!.resolve({ id: 2, title: 'two' })
    await done

    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'one' })
    expect(api.endpoints.getPost.select(2)(store.getState()).data).toEqual({ id: 2, title: 'two' })
  })

  it('also waits for queries started along the way, which no returned promise covers', async () => {
    const list = deferred<Post[]>()
    const api = createPostsApi({ list: () => list.promise })
    const store = setupStore(api)
    // A thunk that starts the list, and each post once the list has arrived, returning nothing to wait for.
    const listThenPosts: ThunkAction<void, any, unknown, UnknownAction> = (dispatch) => {
      void dispatch(api.endpoints.getPosts.initiate()).then(({ data }) => {
        for (const post of data ?? []) dispatch(api.endpoints.getPost.initiate(post.id))
      })
    }

    const done = prefetchForPage(store, api, [listThenPosts])
    list.resolve([{ id: 7, title: 'seven' }])
    await done

    expect(api.endpoints.getPost.select(7)(store.getState()).isSuccess).toBe(true)
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
  })

  it('resolves when a request fails: the failure is a rejected entry for the page to render', async () => {
    const api = createApi({
      baseQuery: fakeBaseQuery<{ status: number }>(),
      endpoints: (build) => ({
        getPost: build.query<Post, number>({ queryFn: () => ({ error: { status: 404 } }) }),
      }),
    })
    const store = setupStore(api)

    await expect(prefetchForPage(store, api, [api.endpoints.getPost.initiate(1)])).resolves.toBeUndefined()

    expect(api.endpoints.getPost.select(1)(store.getState())).toMatchObject({
      status: QueryStatus.rejected,
      error: { status: 404 },
    })
  })

  it('rejects with the error of a thunk of your own, once the queries have settled', async () => {
    const slow = deferred<Post>()
    const api = createPostsApi({ source: () => slow.promise })
    const store = setupStore(api)
    const failing: ThunkAction<Promise<void>, any, unknown, UnknownAction> = async () => {
      throw new Error('session expired')
    }

    const done = prefetchForPage(store, api, [failing, api.endpoints.getPost.initiate(1)])
    const flag = settledFlag(done)
    await flushPromises()
    expect(flag.settled).toBe(false)
    slow.resolve({ id: 1, title: 'one' })

    await expect(done).rejects.toThrow('session expired')
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
  })

  it('serves two concurrent requests with one api, without sharing data between their stores', async () => {
    // The api module is shared by every request; the user comes with each request's store (the thunk's extra).
    const calls: { user: string; release: () => void }[] = []
    const api = createApi({
      baseQuery: fakeBaseQuery(),
      isServer: true,
      endpoints: (build) => ({
        getInbox: build.query<{ owner: string; messages: string[] }, void>({
          queryFn: async (_arg, { extra }) => {
            const { user } = extra as { user: string }
            const gate = deferred<void>()
            calls.push({ user, release: () => gate.resolve() })
            await gate.promise
            return { data: { owner: user, messages: [`secret of ${user}`] } }
          },
        }),
      }),
    })
    const storeFor = (user: string) =>
      configureStore({
        reducer: { [api.reducerPath]: api.reducer },
        middleware: (getDefault) => getDefault({ thunk: { extraArgument: { user } } }).concat(api.middleware),
      })
    const alice = storeFor('alice')
    const bob = storeFor('bob')

    const aliceDone = prefetchForPage(alice, api, [api.endpoints.getInbox.initiate()])
    const bobDone = prefetchForPage(bob, api, [api.endpoints.getInbox.initiate()])
    await flushPromises()
    expect(calls.map((call) => call.user)).toEqual(['alice', 'bob'])
    const bobFlag = settledFlag(bobDone)

    calls[0]!.release()
    await aliceDone // alice's render finishes while bob's request is still running
    expect(bobFlag.settled).toBe(false)
    expect(bob.dispatch(api.util.getRunningQueriesThunk())).toHaveLength(1)
    const aliceState = toClientState(alice.getState())
    endServerRender(alice, api)
    expect(bob.dispatch(api.util.getRunningQueriesThunk())).toHaveLength(1)

    calls[1]!.release()
    await bobDone
    const bobState = toClientState(bob.getState())

    expect(aliceState.api.queries['getInbox(undefined)']?.data).toEqual({
      owner: 'alice',
      messages: ['secret of alice'],
    })
    expect(bobState.api.queries['getInbox(undefined)']?.data).toEqual({ owner: 'bob', messages: ['secret of bob'] })
    expect(JSON.stringify(aliceState)).not.toContain('bob')
    expect(JSON.stringify(bobState)).not.toContain('alice')
  })
})

describe('endServerRender', () => {
  it('aborts a request still running, clears its timers and empties the cache', async () => {
    vi.useFakeTimers()
    let signal: AbortSignal | undefined
    const api = createApi({
      isServer: true,
      baseQuery: fetchBaseQuery({
        baseUrl: 'http://backend.test',
        timeout: 30_000,
        // A backend that never answers; it stops only when the request is aborted.
        fetchFn: (input, init) =>
          new Promise<Response>((_resolve, reject) => {
            signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
            signal?.addEventListener('abort', () => reject(signal!.reason))
          }),
      }),
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => `posts/${id}` }) }),
    })
    const store = setupStore(api)
    const slow = api.endpoints.getPost.initiate(1)
    const request = store.dispatch(slow)
    await vi.waitFor(() => expect(signal).toBeDefined())
    expect(vi.getTimerCount()).toBeGreaterThan(0) // the request's timeout
    const snapshot = store.getState()

    endServerRender(store, api)
    await request

    expect(signal!.aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
    const { queries, mutations, subscriptions, provided } = store.getState().api
    expect({ queries, mutations, subscriptions, provided }).toEqual({
      queries: {},
      mutations: {},
      subscriptions: {},
      provided: { tags: {}, keys: {} },
    })
    expect(snapshot.api.queries['getPost(1)']).toMatchObject({ status: QueryStatus.pending })
  })

  it('leaves a state taken before it intact and ends cache lifecycles', async () => {
    const ended = vi.fn()
    const api = createApi({
      baseQuery: fakeBaseQuery(),
      isServer: true,
      endpoints: (build) => ({
        getPost: build.query<Post, number>({
          queryFn: (id) => ({ data: { id, title: `post ${id}` } }),
          async onCacheEntryAdded(_id, { cacheEntryRemoved }) {
            await cacheEntryRemoved
            ended()
          },
        }),
      }),
    })
    const store = setupStore(api)
    await prefetchForPage(store, api, [api.endpoints.getPost.initiate(1)])
    const taken = toClientState(store.getState())

    endServerRender(store, api)
    await flushPromises()

    expect(ended).toHaveBeenCalledTimes(1)
    expect(taken.api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'post 1' })
    expect(store.getState().api.queries).toEqual({})
  })
})
