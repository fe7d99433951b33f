import { afterEach, describe, expect, it, vi } from 'vitest'
import { createControlledApi } from './helpers/controlledApi'
import { flushPromises, setupStore, subscriptionsOf } from './helpers/setup'

/** ONE api and TWO stores, like two concurrent server renders. Requests wait until the test answers them. */
function createTwoStores(options: { isServer?: boolean } = {}) {
  const controlled = createControlledApi(options)
  return { ...controlled, storeA: setupStore(controlled.api), storeB: setupStore(controlled.api) }
}

type Setup = ReturnType<typeof createTwoStores>
type Store = Setup['storeA']

async function fetchPost({ api, last }: Setup, store: Store, id: number, title: string) {
  const request = store.dispatch(api.endpoints.getPost.initiate(id))
  last().respond({ id, title })
  await request
  return { request }
}

const runningKeys = (setup: Setup, store: Store) =>
  store.dispatch(setup.api.util.getRunningQueriesThunk()).map((running) => running.queryCacheKey)

afterEach(() => {
  vi.useRealTimers()
})

describe('one api used by two stores', () => {
  it('gives each store its own data for the same cache key, whatever order the answers come in', async () => {
    const { api, storeA, storeB, calls } = createTwoStores()
    const inA = storeA.dispatch(api.endpoints.getPost.initiate(1))
    const inB = storeB.dispatch(api.endpoints.getPost.initiate(1))
    expect(calls).toHaveLength(2) // not deduplicated across stores

    calls[1]!.respond({ id: 1, title: 'for B' })
    await inB
    expect(api.endpoints.getPost.select(1)(storeA.getState()).isLoading).toBe(true)
    calls[0]!.respond({ id: 1, title: 'for A' })
    await inA

    expect(api.endpoints.getPost.select(1)(storeA.getState()).data?.title).toBe('for A')
    expect(api.endpoints.getPost.select(1)(storeB.getState()).data?.title).toBe('for B')
  })

  it('keeps data cached in one store out of the other', async () => {
    const setup = createTwoStores()
    const { api, storeA, storeB, calls } = setup
    await fetchPost(setup, storeA, 1, 'only in A')

    expect(storeB.getState().api.queries).toEqual({})
    storeB.dispatch(api.endpoints.getPost.initiate(1))
    expect(calls).toHaveLength(2)
  })

  it('shows each store only its own running queries and mutations', async () => {
    const setup = createTwoStores()
    const { api, storeA, storeB, calls } = setup
    storeA.dispatch(api.endpoints.getPost.initiate(1))
    storeA.dispatch(api.endpoints.getPost.initiate(2))
    storeB.dispatch(api.endpoints.getPost.initiate(3))
    const mutation = storeB.dispatch(api.endpoints.updatePost.initiate(9))

    expect(runningKeys(setup, storeA).sort()).toEqual(['getPost(1)', 'getPost(2)'])
    expect(runningKeys(setup, storeB)).toEqual(['getPost(3)'])
    expect(storeA.dispatch(api.util.getRunningQueryThunk('getPost', 3))).toBeUndefined()
    expect(storeA.dispatch(api.util.getRunningMutationsThunk())).toEqual([])
    expect(storeB.dispatch(api.util.getRunningMutationsThunk()).map((m) => m.requestId)).toEqual([mutation.requestId])

    calls[2]!.respond({ id: 3, title: 'three' })
    calls[3]!.respond({ id: 9, title: 'nine' })
    await flushPromises()
    expect(runningKeys(setup, storeB)).toEqual([])
    expect(runningKeys(setup, storeA).sort()).toEqual(['getPost(1)', 'getPost(2)'])
  })

  it("keeps each store's subscriptions apart", async () => {
    const setup = createTwoStores()
    const { api, storeA, storeB } = setup
    const { request: a1 } = await fetchPost(setup, storeA, 1, 'A')
    storeA.dispatch(api.endpoints.getPost.initiate(1))
    const { request: b1 } = await fetchPost(setup, storeB, 1, 'B')

    a1.unsubscribe()
    b1.unsubscribe()

    expect(Object.keys(subscriptionsOf(storeA, api)['getPost(1)'] ?? {})).toHaveLength(1)
    expect(subscriptionsOf(storeB, api)).toEqual({})
  })

  it('runs removal timers per store (isServer: false)', async () => {
    vi.useFakeTimers()
    const setup = createTwoStores({ isServer: false })
    const { storeA, storeB } = setup
    ;(await fetchPost(setup, storeA, 1, 'A')).request.unsubscribe()
    vi.advanceTimersByTime(30_000)
    ;(await fetchPost(setup, storeB, 1, 'B')).request.unsubscribe()

    vi.advanceTimersByTime(30_000)
    expect(storeA.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(storeB.getState().api.queries['getPost(1)']?.data).toEqual({ id: 1, title: 'B' })

    vi.advanceTimersByTime(30_000)
    expect(storeB.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it("clears only the reset store's timers (isServer: false)", async () => {
    vi.useFakeTimers()
    const setup = createTwoStores({ isServer: false })
    const { api, storeA, storeB } = setup
    ;(await fetchPost(setup, storeA, 1, 'A')).request.unsubscribe()
    ;(await fetchPost(setup, storeB, 1, 'B')).request.unsubscribe()
    vi.advanceTimersByTime(500) // the batched copies of the subscriptions into each state
    expect(vi.getTimerCount()).toBe(2)

    storeA.dispatch(api.util.resetApiState())

    expect(vi.getTimerCount()).toBe(1)
    expect(storeB.getState().api.queries['getPost(1)']).toBeDefined()
    vi.advanceTimersByTime(60_000)
    expect(storeB.getState().api.queries['getPost(1)']).toBeUndefined()
  })

  it("does not abort the other store's requests on reset", async () => {
    const setup = createTwoStores()
    const { api, storeA, storeB, calls } = setup
    storeA.dispatch(api.endpoints.getPost.initiate(1))
    const inB = storeB.dispatch(api.endpoints.getPost.initiate(1))
    const mutationInB = storeB.dispatch(api.endpoints.updatePost.initiate(2))

    storeA.dispatch(api.util.resetApiState())

    expect(calls.map((call) => call.signal.aborted)).toEqual([true, false, false])
    expect(runningKeys(setup, storeA)).toEqual([])
    expect(runningKeys(setup, storeB)).toEqual(['getPost(1)'])
    expect(storeB.dispatch(api.util.getRunningMutationsThunk())).toHaveLength(1)

    calls[1]!.respond({ id: 1, title: 'B survived' })
    calls[2]!.respond({ id: 2, title: 'saved' })
    await inB
    await mutationInB
    expect(api.endpoints.getPost.select(1)(storeB.getState()).data?.title).toBe('B survived')
    expect(storeA.getState().api.queries).toEqual({})
  })

  it("refetches only the mutating store's queries, and delays only for that store's requests", async () => {
    const setup = createTwoStores()
    const { api, storeA, storeB, calls, last } = setup
    await fetchPost(setup, storeA, 1, 'A')
    await fetchPost(setup, storeB, 1, 'B')
    storeB.dispatch(api.endpoints.getSlow.initiate(1)) // running in B only

    const mutation = storeA.dispatch(api.endpoints.updatePost.initiate(1))
    last().respond({ id: 1, title: 'updated' })
    await mutation
    await flushPromises()

    const refetches = calls.slice(4)
    expect(refetches.map((call) => call.arg)).toEqual([{ url: 'post', id: 1 }])
    expect(api.endpoints.getPost.select(1)(storeA.getState()).isLoading).toBe(true)
    expect(api.endpoints.getPost.select(1)(storeB.getState()).isLoading).toBe(false)
    expect(runningKeys(setup, storeB)).toEqual(['getSlow(1)'])
  })
})
