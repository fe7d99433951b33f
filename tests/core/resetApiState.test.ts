import { afterEach, describe, expect, it, vi } from 'vitest'
import { createControlledApi as createSharedControlledApi } from './helpers/controlledApi'
import { flushPromises, setupStore } from './helpers/setup'

/** The shared controlled api, with one store. */
function createControlledApi(options: { isServer?: boolean } = {}) {
  const controlled = createSharedControlledApi(options)
  return { ...controlled, store: setupStore(controlled.api) }
}

type Controlled = ReturnType<typeof createControlledApi>

async function fetchPost({ api, store, last }: Controlled, id: number) {
  const request = store.dispatch(api.endpoints.getPost.initiate(id))
  last().respond({ id, title: `post ${id}` })
  await request
  return { request } // wrapped: an async function would unwrap the thenable request
}

afterEach(() => {
  vi.useRealTimers()
})

describe('api.util.resetApiState', () => {
  it('clears queries, mutations, subscriptions and provided tags, and keeps the config', async () => {
    const controlled = createControlledApi()
    const { api, store, last } = controlled
    await fetchPost(controlled, 1)
    const mutation = store.dispatch(api.endpoints.updatePost.initiate(1, { fixedCacheKey: 'shared' }))
    last().respond({ id: 1, title: 'updated' })
    await mutation
    const before = store.getState().api
    expect(Object.keys(before.queries)).not.toHaveLength(0)
    expect(Object.keys(before.mutations)).toEqual(['shared'])
    expect(Object.keys(before.subscriptions)).toEqual(['getPost(1)'])
    expect(Object.keys(before.provided.keys)).toEqual(['getPost(1)'])

    store.dispatch(api.util.resetApiState())

    const after = store.getState().api
    expect(after.queries).toEqual({})
    expect(after.mutations).toEqual({})
    expect(after.subscriptions).toEqual({})
    expect(after.provided).toEqual({ tags: {}, keys: {} })
    expect(after.config).toEqual(before.config)
    expect(after.config.middlewareRegistered).toBe(true)
    expect(api.endpoints.getPost.select(1)(store.getState()).isUninitialized).toBe(true)
  })

  it('aborts running queries and mutations', async () => {
    const { api, store, calls } = createControlledApi()
    const query = store.dispatch(api.endpoints.getPost.initiate(1))
    const mutation = store.dispatch(api.endpoints.updatePost.initiate(2))
    expect(calls.map((call) => call.signal.aborted)).toEqual([false, false])

    store.dispatch(api.util.resetApiState())

    expect(calls.map((call) => call.signal.aborted)).toEqual([true, true])
    const [queryResult, mutationResult] = await Promise.all([query, mutation])
    expect(queryResult.isSuccess).toBe(false)
    expect(queryResult.data).toBeUndefined()
    expect(mutationResult.error).toMatchObject({ name: 'AbortError' })
  })

  it('does not let the late results of aborted requests recreate entries', async () => {
    const { api, store, calls } = createControlledApi()
    store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.endpoints.updatePost.initiate(2, { fixedCacheKey: 'shared' }))

    store.dispatch(api.util.resetApiState())
    await flushPromises()
    // The baseQuery ignores its signal and answers anyway.
    calls[0]!.respond({ id: 1, title: 'late' })
    calls[1]!.respond({ id: 2, title: 'late' })
    await flushPromises()

    const state = store.getState().api
    expect(state.queries).toEqual({})
    expect(state.mutations).toEqual({})
    expect(state.subscriptions).toEqual({})
    expect(state.provided).toEqual({ tags: {}, keys: {} })
  })

  it('leaves no running requests behind', async () => {
    const { api, store } = createControlledApi()
    store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.endpoints.getSlow.initiate(2))
    store.dispatch(api.endpoints.updatePost.initiate(3))
    expect(store.dispatch(api.util.getRunningQueriesThunk())).toHaveLength(2)
    expect(store.dispatch(api.util.getRunningMutationsThunk())).toHaveLength(1)

    store.dispatch(api.util.resetApiState())

    expect(store.dispatch(api.util.getRunningQueriesThunk())).toEqual([])
    expect(store.dispatch(api.util.getRunningMutationsThunk())).toEqual([])
    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))).toBeUndefined()
  })

  it('clears every removal timer (isServer: false)', async () => {
    vi.useFakeTimers()
    const controlled = createControlledApi({ isServer: false })
    const { api, store } = controlled
    ;(await fetchPost(controlled, 1)).request.unsubscribe()
    ;(await fetchPost(controlled, 2)).request.unsubscribe()
    // Two removal timers, and the batched copy of the subscriptions into the state.
    expect(vi.getTimerCount()).toBe(3)

    store.dispatch(api.util.resetApiState())

    expect(vi.getTimerCount()).toBe(0)
  })

  it('starts no timer when an aborted request settles after the reset (isServer: false)', async () => {
    vi.useFakeTimers()
    const { api, store, calls } = createControlledApi({ isServer: false })
    store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))

    store.dispatch(api.util.resetApiState())
    calls[0]!.respond({ id: 1, title: 'late' })
    await flushPromises()

    expect(vi.getTimerCount()).toBe(0)
    expect(store.getState().api.queries).toEqual({})
  })

  it('forgets invalidations that were waiting for running requests', async () => {
    const controlled = createControlledApi()
    const { api, store, calls, last } = controlled
    await fetchPost(controlled, 1)
    store.dispatch(api.endpoints.getSlow.initiate(9)) // keeps the 'delayed' invalidation waiting
    const mutation = store.dispatch(api.endpoints.updatePost.initiate(1))
    last().respond({ id: 1, title: 'updated' })
    await mutation

    store.dispatch(api.util.resetApiState())
    await fetchPost(controlled, 1)
    await flushPromises()

    expect(calls.filter((call) => call.arg.url === 'post')).toHaveLength(2)
  })

  it('keeps the store working after a reset', async () => {
    vi.useFakeTimers()
    const controlled = createControlledApi({ isServer: false })
    const { api, store, calls, last } = controlled
    await fetchPost(controlled, 1)
    store.dispatch(api.util.resetApiState())

    const { request } = await fetchPost(controlled, 1)
    expect(calls).toHaveLength(2)
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'post 1' })
    expect(store.getState().api.provided.keys['getPost(1)']).toEqual([{ type: 'Post', id: 1 }])

    const mutation = store.dispatch(api.endpoints.updatePost.initiate(1))
    last().respond({ id: 1, title: 'updated' })
    await mutation
    expect(calls).toHaveLength(4) // the invalidated query refetches
    last().respond({ id: 1, title: 'updated' })
    await Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('updated')

    request.unsubscribe()
    vi.advanceTimersByTime(500) // the batched copy of the subscriptions into the state
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(60_000)
    expect(store.getState().api.queries).toEqual({})
  })

  it('lets a request started right after the reset win over the aborted one', async () => {
    const { api, store, calls } = createControlledApi()
    const old = store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.util.resetApiState())
    const fresh = store.dispatch(api.endpoints.getPost.initiate(1))
    await flushPromises()

    expect(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))?.requestId).toBe(fresh.requestId)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('pending')

    calls[1]!.respond({ id: 1, title: 'fresh' })
    await fresh
    calls[0]!.respond({ id: 1, title: 'old' })
    await old
    await flushPromises()
    expect(api.endpoints.getPost.select(1)(store.getState()).data).toEqual({ id: 1, title: 'fresh' })
  })

  it('ignores unsubscribe calls of subscriptions made before the reset', async () => {
    const controlled = createControlledApi()
    const { api, store } = controlled
    const { request: old } = await fetchPost(controlled, 1)
    store.dispatch(api.util.resetApiState())
    const { request: fresh } = await fetchPost(controlled, 1)

    old.unsubscribe()

    expect(Object.keys(store.getState().api.subscriptions['getPost(1)'] ?? {})).toEqual([fresh.requestId])
  })
})
