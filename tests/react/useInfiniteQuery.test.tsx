// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { skipToken } from 'api-slice/react'
import { deferred, liveSubscriptions } from '../core/helpers/setup'
import { type FeedPage, makeFeedApi, subscribedKeys, watchConsole } from './helpers/triggerHooks'

watchConsole()

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Renders `useGetFeedInfiniteQuery(feed)` and waits for its first page. */
async function renderFeed(setup: ReturnType<typeof makeFeedApi>, feed = 'a') {
  const hook = renderHook(() => setup.api.useGetFeedInfiniteQuery(feed), { wrapper: setup.wrapper })
  await waitFor(() => expect(hook.result.current.isSuccess).toBe(true))
  return hook
}

describe('useInfiniteQuery first page', () => {
  it('loads and shows the first page', async () => {
    const setup = makeFeedApi()
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery('a'), { wrapper: setup.wrapper })
    expect(result.current).toMatchObject({ isLoading: true, isFetching: true })

    await waitFor(() => expect(result.current.isSuccess).toBe(true))

    expect(result.current.data).toEqual({ pages: [setup.page('a', 0)], pageParams: [0] })
    expect(result.current).toMatchObject({
      isLoading: false,
      isFetching: false,
      hasNextPage: true,
      hasPreviousPage: false,
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
    })
    expect(setup.requestedParams()).toEqual([0])
    expect(subscribedKeys(setup.store)).toEqual(['getFeed("a")'])
  })

  it('is the same hook on api.endpoints.getFeed.useInfiniteQuery', () => {
    const { api } = makeFeedApi()

    expect(api.endpoints.getFeed.useInfiniteQuery).toBe(api.useGetFeedInfiniteQuery)
  })
})

describe('useInfiniteQuery fetchNextPage', () => {
  it('appends the next page, with isFetchingNextPage while it is pending', async () => {
    const setup = makeFeedApi()
    const { result } = await renderFeed(setup)
    const response = deferred<{ data: FeedPage }>()
    setup.getFeed.mockImplementationOnce(() => response.promise)

    act(() => {
      void result.current.fetchNextPage()
    })

    expect(result.current).toMatchObject({
      isFetching: true,
      isFetchingNextPage: true,
      isFetchingPreviousPage: false,
      isLoading: false,
    })
    expect(result.current.data?.pages).toEqual([setup.page('a', 0)])

    await act(async () => {
      response.resolve({ data: setup.page('a', 2) })
      await nextTask()
    })

    expect(result.current.data).toEqual({ pages: [setup.page('a', 0), setup.page('a', 2)], pageParams: [0, 2] })
    expect(result.current).toMatchObject({ isFetching: false, isFetchingNextPage: false, hasNextPage: true })
    expect(setup.requestedParams()).toEqual([0, 2])
  })

  it('resolves fetchNextPage().unwrap() with all the pages', async () => {
    const setup = makeFeedApi()
    const { result } = await renderFeed(setup)

    const data = await act(() => result.current.fetchNextPage().unwrap())

    expect(data).toEqual({ pages: [setup.page('a', 0), setup.page('a', 2)], pageParams: [0, 2] })
  })

  it('reports hasNextPage false after the last page, and fetches nothing more', async () => {
    const setup = makeFeedApi({ size: 4 })
    const { result } = await renderFeed(setup)
    await act(() => result.current.fetchNextPage().unwrap())

    expect(result.current.hasNextPage).toBe(false)
    const lastData = result.current.data

    await act(() => result.current.fetchNextPage().unwrap())

    expect(setup.requestedParams()).toEqual([0, 2])
    expect(result.current.data).toEqual(lastData)
    expect(result.current.hasNextPage).toBe(false)
  })

  it('adds no subscription of its own', async () => {
    const setup = makeFeedApi()
    const { result } = await renderFeed(setup)

    await act(() => result.current.fetchNextPage().unwrap())

    expect(Object.keys(liveSubscriptions(setup.store)['getFeed("a")'] ?? {})).toHaveLength(1)
  })
})

describe('useInfiniteQuery while the first page loads', () => {
  it('starts no second request when fetchNextPage is called before the first page arrives', async () => {
    const setup = makeFeedApi()
    const response = deferred<{ data: FeedPage }>()
    setup.getFeed.mockImplementationOnce(() => response.promise)
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery('a'), { wrapper: setup.wrapper })
    await act(nextTask)

    act(() => {
      void result.current.fetchNextPage()
    })
    await act(async () => {
      response.resolve({ data: setup.page('a', 0) })
      await nextTask()
    })

    expect(setup.requestedParams()).toEqual([0])
    expect(result.current.data).toEqual({ pages: [setup.page('a', 0)], pageParams: [0] })
  })
})

describe('useInfiniteQuery argument change', () => {
  it("shows the new argument's first page and moves the subscription", async () => {
    const setup = makeFeedApi()
    const { result, rerender } = renderHook(({ feed }: { feed: string }) => setup.api.useGetFeedInfiniteQuery(feed), {
      wrapper: setup.wrapper,
      initialProps: { feed: 'a' },
    })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    await act(() => result.current.fetchNextPage().unwrap())

    rerender({ feed: 'b' })
    await waitFor(() => expect(result.current.currentData).toBeDefined())

    expect(result.current.data).toEqual({ pages: [setup.page('b', 0)], pageParams: [0] })
    expect(subscribedKeys(setup.store)).toEqual(['getFeed("b")'])
    const next = await act(() => result.current.fetchNextPage().unwrap())
    expect(next?.pageParams).toEqual([0, 2])
    expect(setup.getFeed).toHaveBeenLastCalledWith({ queryArg: 'b', pageParam: 2 })
  })
})

describe('useInfiniteQuery fetchPreviousPage', () => {
  it('prepends the previous page, with isFetchingPreviousPage while it is pending', async () => {
    const setup = makeFeedApi({ size: 8, initialPageParam: 4 })
    const { result } = await renderFeed(setup)
    expect(result.current).toMatchObject({ hasPreviousPage: true, hasNextPage: true })
    const response = deferred<{ data: FeedPage }>()
    setup.getFeed.mockImplementationOnce(() => response.promise)

    act(() => {
      void result.current.fetchPreviousPage()
    })

    expect(result.current).toMatchObject({ isFetchingPreviousPage: true, isFetchingNextPage: false })

    await act(async () => {
      response.resolve({ data: setup.page('a', 2) })
      await nextTask()
    })

    expect(result.current.data).toEqual({ pages: [setup.page('a', 2), setup.page('a', 4)], pageParams: [2, 4] })
    expect(result.current).toMatchObject({ isFetchingPreviousPage: false, hasPreviousPage: true })
    expect(setup.requestedParams()).toEqual([4, 2])
  })

  it('reports hasPreviousPage false once the first page is loaded', async () => {
    const setup = makeFeedApi({ initialPageParam: 2 })
    const { result } = await renderFeed(setup)

    await act(() => result.current.fetchPreviousPage().unwrap())

    expect(result.current.data?.pageParams).toEqual([0, 2])
    expect(result.current.hasPreviousPage).toBe(false)
  })
})

describe('useInfiniteQuery refetch', () => {
  it('refetches every cached page in order', async () => {
    const setup = makeFeedApi()
    const { result } = await renderFeed(setup)
    await act(() => result.current.fetchNextPage().unwrap())
    await act(() => result.current.fetchNextPage().unwrap())
    setup.server.revision = 1

    await act(() => result.current.refetch().unwrap())

    expect(setup.requestedParams()).toEqual([0, 2, 4, 0, 2, 4])
    expect(result.current.data).toEqual({
      pages: [setup.page('a', 0), setup.page('a', 2), setup.page('a', 4)],
      pageParams: [0, 2, 4],
    })
    expect(result.current.data?.pages[0]?.items).toEqual(['a:0@1', 'a:1@1'])
  })

  it('is fetching, but not fetching a next or previous page, while refetching', async () => {
    const setup = makeFeedApi()
    const { result } = await renderFeed(setup)
    const response = deferred<{ data: FeedPage }>()
    setup.getFeed.mockImplementationOnce(() => response.promise)

    act(() => {
      void result.current.refetch()
    })

    expect(result.current).toMatchObject({
      isFetching: true,
      isLoading: false,
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
    })
    expect(result.current.data?.pages).toEqual([setup.page('a', 0)])

    await act(async () => {
      response.resolve({ data: setup.page('a', 0) })
      await nextTask()
    })
    expect(result.current.isFetching).toBe(false)
  })
})

describe('useInfiniteQuery skip', () => {
  it('makes no request and holds no subscription when skipped', async () => {
    const setup = makeFeedApi()
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery('a', { skip: true }), {
      wrapper: setup.wrapper,
    })
    await act(nextTask)

    expect(setup.getFeed).not.toHaveBeenCalled()
    expect(subscribedKeys(setup.store)).toEqual([])
    expect(result.current).toMatchObject({
      status: 'uninitialized',
      isUninitialized: true,
      isLoading: false,
      isFetching: false,
    })
    expect(result.current.data).toBeUndefined()
  })

  it('reports every page flag as false when skipped', () => {
    const setup = makeFeedApi()
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery('a', { skip: true }), {
      wrapper: setup.wrapper,
    })

    expect(result.current).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: false,
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
      isFetchNextPageError: false,
      isFetchPreviousPageError: false,
    })
  })

  it('makes no request for skipToken', async () => {
    const setup = makeFeedApi()
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery(skipToken), { wrapper: setup.wrapper })
    await act(nextTask)

    expect(setup.getFeed).not.toHaveBeenCalled()
    expect(result.current.isUninitialized).toBe(true)
  })

  it('throws a clear [api-slice] error from fetchNextPage and fetchPreviousPage, and requests nothing', () => {
    const setup = makeFeedApi()
    const { result } = renderHook(() => setup.api.useGetFeedInfiniteQuery('a', { skip: true }), {
      wrapper: setup.wrapper,
    })

    expect(() => result.current.fetchNextPage()).toThrow(/^\[api-slice\].*'getFeed'.*skipped/)
    expect(() => result.current.fetchPreviousPage()).toThrow(/^\[api-slice\].*'getFeed'.*skipped/)
    expect(setup.getFeed).not.toHaveBeenCalled()
  })

  it('loads the first page once skip turns off', async () => {
    const setup = makeFeedApi()
    const { result, rerender } = renderHook(
      ({ skip }: { skip: boolean }) => setup.api.useGetFeedInfiniteQuery('a', { skip }),
      { wrapper: setup.wrapper, initialProps: { skip: true } },
    )

    rerender({ skip: false })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))

    expect(result.current.data?.pages).toEqual([setup.page('a', 0)])
    const data = await act(() => result.current.fetchNextPage().unwrap())
    expect(data?.pageParams).toEqual([0, 2])
  })
})
