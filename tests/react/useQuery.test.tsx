// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, renderHook } from '@testing-library/react'
import { QueryStatus, skipToken, type UseQueryStateResult } from 'api-slice/react'
import { createPostsApi, type Post, settle, storeWrapper, subscriberCounts } from './helpers/queryHooks'
import { liveSubscriptions } from '../core/helpers/setup'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

/** Renders `api.useGetPostQuery(id, options)` and records every result it renders. */
function renderGetPost(
  setup: ReturnType<typeof createPostsApi>,
  initialProps: { id: number | typeof skipToken; skip?: boolean },
) {
  const history: UseQueryStateResult<Post, number>[] = []
  const rendered = renderHook(
    ({ id, skip }: { id: number | typeof skipToken; skip?: boolean }) => {
      const result = setup.api.useGetPostQuery(id, { skip })
      history.push(result)
      return result
    },
    { initialProps, wrapper: storeWrapper(setup.store) },
  )
  return { ...rendered, history }
}

describe('useQuery result', () => {
  it('reads as loading on the first render, then carries the entry’s fields and success flags', async () => {
    const setup = createPostsApi()
    const { result, history } = renderGetPost(setup, { id: 1 })
    expect(history[0]).toMatchObject({
      status: QueryStatus.pending,
      isUninitialized: false,
      isLoading: true,
      isFetching: true,
      isSuccess: false,
      isError: false,
    })
    expect(history[0]!.data).toBeUndefined()
    expect(history[0]!.currentData).toBeUndefined()

    await settle()
    const entry = setup.store.getState().api.queries['getPost(1)']
    const post = { id: 1, title: 'Post 1', body: 'Body 1', fetch: 1 }
    expect(result.current).toMatchObject({
      data: post,
      currentData: post,
      status: QueryStatus.fulfilled,
      isUninitialized: false,
      isLoading: false,
      isFetching: false,
      isSuccess: true,
      isError: false,
      originalArgs: 1,
      endpointName: 'getPost',
      requestId: entry.requestId,
      startedTimeStamp: entry.startedTimeStamp,
      fulfilledTimeStamp: entry.fulfilledTimeStamp,
    })
    expect(result.current.error).toBeUndefined()
    expect(typeof result.current.requestId).toBe('string')
    expect(result.current.fulfilledTimeStamp!).toBeGreaterThanOrEqual(result.current.startedTimeStamp!)
    expect(typeof result.current.refetch).toBe('function')
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 1 }])
  })

  it('sets isError and error when the request fails, with no data', async () => {
    const setup = createPostsApi()
    const { result } = renderGetPost(setup, { id: -1 })
    await settle()
    expect(result.current).toMatchObject({
      status: QueryStatus.rejected,
      error: { status: 404, data: 'no post -1' },
      isError: true,
      isSuccess: false,
      isLoading: false,
      isFetching: false,
    })
    expect(result.current.data).toBeUndefined()
    expect(result.current.currentData).toBeUndefined()
  })

  it('keeps the same result object across renders that change nothing', async () => {
    const setup = createPostsApi()
    const { result, rerender } = renderGetPost(setup, { id: 1 })
    await settle()
    const loaded = result.current
    rerender({ id: 1 })
    rerender({ id: 1 })
    expect(result.current).toBe(loaded)
  })
})

describe('argument changes', () => {
  it('keeps the previous argument’s data in `data` while `currentData` waits for the new one', async () => {
    const setup = createPostsApi()
    const { result, rerender, history } = renderGetPost(setup, { id: 1 })
    await settle()
    const first = result.current.data
    expect(first).toMatchObject({ id: 1 })

    const release = setup.hold()
    const rendersBefore = history.length
    rerender({ id: 2 })
    await settle()
    expect(result.current).toMatchObject({ isFetching: true, isLoading: false, currentData: undefined })
    expect(result.current.data).toBe(first)
    expect(setup.requests()).toEqual([
      { endpoint: 'getPost', arg: 1 },
      { endpoint: 'getPost', arg: 2 },
    ])

    release()
    await settle()
    expect(result.current).toMatchObject({ isFetching: false, isLoading: false, isSuccess: true, originalArgs: 2 })
    expect(result.current.data).toMatchObject({ id: 2 })
    expect(result.current.currentData).toBe(result.current.data)
    // No render after the change showed a loading state or lost the data.
    const afterChange = history.slice(rendersBefore)
    expect(afterChange.length).toBeGreaterThan(1)
    expect(afterChange.every((rendered) => !rendered.isLoading && rendered.data !== undefined)).toBe(true)
  })

  it('moves the subscription to the new argument', async () => {
    const setup = createPostsApi()
    const { rerender } = renderGetPost(setup, { id: 1 })
    await settle()
    rerender({ id: 2 })
    await settle()
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(2)': 1 })
  })

  it('makes one request for an inline object argument recreated on every render', async () => {
    const setup = createPostsApi()
    const subscriptionIds = new Set<string>()
    const { result, rerender } = renderHook(
      ({ tick }: { tick: number }) => {
        // A new `{ page: 1 }` object on every render, as when it is written inline.
        const query = setup.api.useGetPostsQuery({ page: 1 })
        return { query, tick }
      },
      { initialProps: { tick: 0 }, wrapper: storeWrapper(setup.store) },
    )
    const recordSubscription = () => {
      for (const id of Object.keys(liveSubscriptions(setup.store)['getPosts({"page":1})'] ?? {})) {
        subscriptionIds.add(id)
      }
    }
    await settle()
    recordSubscription()
    const loaded = result.current.query
    for (let tick = 1; tick <= 5; tick++) {
      rerender({ tick })
      await settle()
      recordSubscription()
    }
    expect(setup.requests()).toEqual([{ endpoint: 'getPosts', arg: { page: 1 } }])
    expect(subscriptionIds.size).toBe(1)
    expect(result.current.query).toBe(loaded)
    expect(result.current.query.data).toHaveLength(2)
  })
})

describe('skipping', () => {
  const uninitialized = {
    status: QueryStatus.uninitialized,
    isUninitialized: true,
    isLoading: false,
    isFetching: false,
    isSuccess: false,
    isError: false,
  }
  const expectNoData = (result: { data?: unknown; currentData?: unknown }) => {
    expect(result.data).toBeUndefined()
    expect(result.currentData).toBeUndefined()
  }

  it('`skip: true` reads as uninitialized, with no request and no subscription', async () => {
    const setup = createPostsApi()
    const { result, history } = renderGetPost(setup, { id: 1, skip: true })
    await settle()
    expect(history.every((rendered) => rendered.isUninitialized)).toBe(true)
    expect(result.current).toMatchObject(uninitialized)
    expectNoData(result.current)
    expect(setup.baseQuery).not.toHaveBeenCalled()
    expect(subscriberCounts(setup.store)).toEqual({})
  })

  it('`skipToken` reads as uninitialized, with no request and no subscription', async () => {
    const setup = createPostsApi()
    const { result, history } = renderGetPost(setup, { id: skipToken })
    await settle()
    expect(history.every((rendered) => rendered.isUninitialized)).toBe(true)
    expect(result.current).toMatchObject(uninitialized)
    expectNoData(result.current)
    expect(setup.baseQuery).not.toHaveBeenCalled()
    expect(subscriberCounts(setup.store)).toEqual({})
  })

  it('starts the query when skipping stops', async () => {
    const setup = createPostsApi()
    const { result, rerender } = renderGetPost(setup, { id: 1, skip: true })
    await settle()
    rerender({ id: 1, skip: false })
    expect(result.current).toMatchObject({ isUninitialized: false, isLoading: true })
    await settle()
    expect(result.current.data).toMatchObject({ id: 1 })
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 1 }])
  })

  it('reads as uninitialized and releases the subscription when skipped after loading', async () => {
    const setup = createPostsApi()
    const { result, rerender } = renderGetPost(setup, { id: 1 })
    await settle()
    rerender({ id: skipToken })
    await settle()
    expect(result.current).toMatchObject(uninitialized)
    expectNoData(result.current)
    expect(subscriberCounts(setup.store)).toEqual({})
    expect(setup.requests()).toHaveLength(1)
  })
})

describe('refetch', () => {
  it('fetches again, keeping the data on screen until the new data arrives', async () => {
    const setup = createPostsApi()
    const { result } = renderGetPost(setup, { id: 1 })
    await settle()
    expect(result.current.data).toMatchObject({ fetch: 1 })

    const release = setup.hold()
    let refetched!: ReturnType<typeof result.current.refetch>
    act(() => {
      refetched = result.current.refetch()
    })
    expect(result.current).toMatchObject({ isFetching: true, isLoading: false, data: { fetch: 1 } })
    release()
    await settle()
    await expect(refetched.unwrap()).resolves.toMatchObject({ id: 1, fetch: 2 })
    expect(result.current).toMatchObject({ isFetching: false, data: { fetch: 2 }, currentData: { fetch: 2 } })
    expect(setup.requests()).toHaveLength(2)
    // The refetch used the component's subscription instead of adding one.
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1 })
  })

  it('throws an [api-slice] error naming the endpoint when the query is skipped', async () => {
    const setup = createPostsApi()
    const { result } = renderGetPost(setup, { id: 1, skip: true })
    await settle()
    expect(() => result.current.refetch()).toThrow(/\[api-slice\].*'getPost'/)
    expect(setup.baseQuery).not.toHaveBeenCalled()
  })
})
