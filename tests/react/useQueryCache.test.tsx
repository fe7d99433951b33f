// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, renderHook } from '@testing-library/react'
import { QueryStatus, type UseQueryStateResult } from 'api-slice/react'
import { setupStore, type TestStore, liveSubscriptions } from '../core/helpers/setup'
import { createPostsApi, type Post, settle, storeWrapper, subscriberCounts } from './helpers/queryHooks'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

type Setup = ReturnType<typeof createPostsApi>
type Options = { refetchOnMountOrArgChange?: boolean | number; pollingInterval?: number }

/** Mounts `api.useGetPostQuery(id, options)` on `store` (default: the setup's) and records every result it renders. */
function mountGetPost(setup: Setup, id: number, options: Options = {}, store: TestStore = setup.store) {
  const history: UseQueryStateResult<Post, number>[] = []
  const rendered = renderHook(
    (props: { id: number; options: Options }) => {
      const result = setup.api.useGetPostQuery(props.id, props.options)
      history.push(result)
      return result
    },
    { initialProps: { id, options }, wrapper: storeWrapper(store) },
  )
  return { ...rendered, history }
}

const cachedPost: Post = { id: 1, title: 'Cached 1', body: 'Body 1', fetch: 0 }

describe('a store that already holds the data', () => {
  it('renders the data on the first render, never shows loading, and makes no request', async () => {
    const setup = createPostsApi()
    await setup.store.dispatch(setup.api.util.upsertQueryData('getPost', 1, cachedPost))
    const { history } = mountGetPost(setup, 1)
    await settle()
    expect(history[0]).toMatchObject({ data: cachedPost, currentData: cachedPost, isSuccess: true })
    expect(history.some((rendered) => rendered.isLoading || rendered.isFetching)).toBe(false)
    expect(setup.baseQuery).not.toHaveBeenCalled()
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1 })
  })

  it('renders data preloaded from another store’s state (server rendering) on the first render', async () => {
    const setup = createPostsApi()
    await setup.store.dispatch(setup.api.endpoints.getPost.initiate(1, { subscribe: false }))
    const preloadedState = JSON.parse(JSON.stringify(setup.store.getState()))
    const clientStore = setupStore(setup.api, { preloadedState })
    const { history } = mountGetPost(setup, 1, {}, clientStore)
    await settle()
    expect(history[0]!.data).toMatchObject({ id: 1, fetch: 1 })
    expect(history.some((rendered) => rendered.isLoading)).toBe(false)
    expect(setup.requests()).toHaveLength(1)
  })

  it('refetches in the background with refetchOnMountOrArgChange, still never showing loading', async () => {
    const setup = createPostsApi()
    await setup.store.dispatch(setup.api.util.upsertQueryData('getPost', 1, cachedPost))
    const { result, history } = mountGetPost(setup, 1, { refetchOnMountOrArgChange: true })
    await settle()
    expect(history[0]).toMatchObject({ data: cachedPost, isLoading: false })
    expect(history.some((rendered) => rendered.isLoading)).toBe(false)
    expect(history.some((rendered) => rendered.isFetching)).toBe(true)
    expect(result.current.data).toMatchObject({ id: 1, title: 'Post 1', fetch: 1 })
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 1 }])
  })

  it('follows the api-wide refetchOnMountOrArgChange', async () => {
    const setup = createPostsApi({ refetchOnMountOrArgChange: true })
    await setup.store.dispatch(setup.api.util.upsertQueryData('getPost', 1, cachedPost))
    const { result } = mountGetPost(setup, 1)
    await settle()
    expect(result.current.data).toMatchObject({ fetch: 1 })
    expect(setup.requests()).toHaveLength(1)
  })
})

describe('refetchOnMountOrArgChange', () => {
  it('without it, a remount reuses the cached data', async () => {
    const setup = createPostsApi()
    mountGetPost(setup, 1).unmount()
    await settle()
    const { result } = mountGetPost(setup, 1)
    await settle()
    expect(result.current.data).toMatchObject({ fetch: 1 })
    expect(setup.requests()).toHaveLength(1)
  })

  it('`true` refetches on every remount', async () => {
    const setup = createPostsApi()
    const first = mountGetPost(setup, 1, { refetchOnMountOrArgChange: true })
    await settle()
    first.unmount()
    const { result } = mountGetPost(setup, 1, { refetchOnMountOrArgChange: true })
    await settle()
    expect(result.current.data).toMatchObject({ fetch: 2 })
    expect(setup.requests()).toHaveLength(2)
  })

  it('`true` refetches when the argument changes back to a cached one', async () => {
    const setup = createPostsApi()
    const { rerender, result } = mountGetPost(setup, 1, { refetchOnMountOrArgChange: true })
    await settle()
    rerender({ id: 2, options: { refetchOnMountOrArgChange: true } })
    await settle()
    rerender({ id: 1, options: { refetchOnMountOrArgChange: true } })
    await settle()
    expect(setup.requests().map((request) => request.arg)).toEqual([1, 2, 1])
    expect(result.current.data).toMatchObject({ id: 1, fetch: 3 })
  })

  it('a number of seconds refetches on remount only once the data is at least that old', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const setup = createPostsApi()
    const options = { refetchOnMountOrArgChange: 10 }
    const first = mountGetPost(setup, 1, options)
    await settle()
    first.unmount()

    await act(() => vi.advanceTimersByTimeAsync(9_000))
    const second = mountGetPost(setup, 1, options)
    await settle()
    expect(setup.requests()).toHaveLength(1)
    second.unmount()

    await act(() => vi.advanceTimersByTimeAsync(1_000))
    const { result } = mountGetPost(setup, 1, options)
    await settle()
    expect(setup.requests()).toHaveLength(2)
    expect(result.current.data).toMatchObject({ fetch: 2 })
  })
})

describe('pollingInterval', () => {
  it('polls while mounted and stops on unmount', async () => {
    vi.useFakeTimers()
    const setup = createPostsApi({ isServer: false })
    const { result, unmount } = mountGetPost(setup, 1, { pollingInterval: 1_000 })
    await settle()
    expect(setup.requests()).toHaveLength(1)
    await act(() => vi.advanceTimersByTimeAsync(999))
    expect(setup.requests()).toHaveLength(1)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(setup.requests()).toHaveLength(2)
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(setup.requests()).toHaveLength(4)
    expect(result.current.data).toMatchObject({ fetch: 4 })

    unmount()
    await act(() => vi.advanceTimersByTimeAsync(5_000))
    expect(setup.requests()).toHaveLength(4)
  })

  it('a changed interval updates the subscription without resubscribing', async () => {
    vi.useFakeTimers()
    const setup = createPostsApi({ isServer: false })
    const { rerender } = mountGetPost(setup, 1, { pollingInterval: 1_000 })
    await settle()
    const subscribers = () => liveSubscriptions(setup.store)['getPost(1)'] ?? {}
    const [subscriptionId] = Object.keys(subscribers())
    expect(subscribers()[subscriptionId!]).toMatchObject({ pollingInterval: 1_000 })

    rerender({ id: 1, options: { pollingInterval: 300 } })
    await settle()
    expect(Object.keys(subscribers())).toEqual([subscriptionId])
    expect(subscribers()[subscriptionId!]).toMatchObject({ pollingInterval: 300 })
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(setup.requests()).toHaveLength(2)
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(setup.requests()).toHaveLength(3)

    rerender({ id: 1, options: { pollingInterval: 0 } })
    await settle()
    await act(() => vi.advanceTimersByTimeAsync(5_000))
    expect(setup.requests()).toHaveLength(3)
    expect(Object.keys(subscribers())).toEqual([subscriptionId])
  })
})

describe('useQueryState and useQuerySubscription', () => {
  it('useQueryState reads a cached entry and its updates without subscribing or requesting', async () => {
    const setup = createPostsApi()
    await setup.store.dispatch(setup.api.util.upsertQueryData('getPost', 1, cachedPost))
    const { result } = renderHook(() => setup.api.endpoints.getPost.useQueryState(1), {
      wrapper: storeWrapper(setup.store),
    })
    expect(result.current).toMatchObject({ data: cachedPost, status: QueryStatus.fulfilled, isSuccess: true })
    act(() => {
      setup.store.dispatch(
        setup.api.util.updateQueryData('getPost', 1, (draft) => {
          draft.title = 'Edited'
        }),
      )
    })
    expect(result.current.data).toMatchObject({ title: 'Edited' })
    await settle()
    expect(setup.baseQuery).not.toHaveBeenCalled()
    expect(subscriberCounts(setup.store)).toEqual({})
    expect(result.current).not.toHaveProperty('refetch')
  })

  it('useQueryState shows the result of a request someone else makes', async () => {
    const setup = createPostsApi()
    const { result } = renderHook(() => setup.api.endpoints.getPost.useQueryState(1), {
      wrapper: storeWrapper(setup.store),
    })
    await settle()
    expect(setup.baseQuery).not.toHaveBeenCalled()
    await act(() => setup.store.dispatch(setup.api.endpoints.getPost.initiate(1, { subscribe: false })))
    expect(result.current).toMatchObject({ data: { id: 1 }, isSuccess: true })
    expect(setup.requests()).toHaveLength(1)
  })

  it('useQueryState of an entry nobody requested reads as uninitialized, as in RTK Query', async () => {
    const setup = createPostsApi()
    const { result } = renderHook(() => setup.api.endpoints.getPost.useQueryState(1), {
      wrapper: storeWrapper(setup.store),
    })
    await settle()
    // Nothing will start this entry, so it must not claim to be loading.
    expect(result.current).toMatchObject({
      status: QueryStatus.uninitialized,
      isUninitialized: true,
      isLoading: false,
      isFetching: false,
    })
  })

  it('useQuerySubscription subscribes and requests, returns refetch only, and unsubscribes on unmount', async () => {
    const setup = createPostsApi()
    const { result, unmount } = renderHook(() => setup.api.endpoints.getPost.useQuerySubscription(1), {
      wrapper: storeWrapper(setup.store),
    })
    await settle()
    expect(Object.keys(result.current)).toEqual(['refetch'])
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 1 }])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1 })
    expect(setup.api.endpoints.getPost.select(1)(setup.store.getState()).data).toMatchObject({ id: 1 })

    await act(() => result.current.refetch())
    expect(setup.requests()).toHaveLength(2)
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1 })
    unmount()
    expect(subscriberCounts(setup.store)).toEqual({})
  })
})

describe('usePrefetch', () => {
  it('fills the cache without subscribing, and reuses cached data by default', async () => {
    const setup = createPostsApi()
    const { result } = renderHook(() => setup.api.usePrefetch('getPost'), { wrapper: storeWrapper(setup.store) })
    act(() => result.current(3))
    await settle()
    expect(setup.api.endpoints.getPost.select(3)(setup.store.getState()).data).toMatchObject({ id: 3 })
    expect(subscriberCounts(setup.store)).toEqual({})
    act(() => result.current(3))
    await settle()
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 3 }])
  })

  it('fetches again with the default option `force: true`', async () => {
    const setup = createPostsApi()
    const { result } = renderHook(() => setup.api.usePrefetch('getPost', { force: true }), {
      wrapper: storeWrapper(setup.store),
    })
    act(() => result.current(3))
    await settle()
    act(() => result.current(3))
    await settle()
    expect(setup.requests()).toHaveLength(2)
    expect(setup.api.endpoints.getPost.select(3)(setup.store.getState()).data).toMatchObject({ fetch: 2 })
    expect(subscriberCounts(setup.store)).toEqual({})
  })
})
