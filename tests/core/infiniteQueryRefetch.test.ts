import { afterEach, describe, expect, it, vi } from 'vitest'
import { deferred, flushPromises } from './helpers/setup'
import { createServer, makeInfiniteApi, type PageOutcome } from './helpers/infiniteQueries'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** An api whose entry for 'a' holds three pages (offsets 0, 2, 4), with the queryFn calls so far cleared. */
async function withThreePages(options: Parameters<typeof makeInfiniteApi>[0] = {}) {
  const setup = makeInfiniteApi(options)
  const { api, store, queryFn } = setup
  const subscription = store.dispatch(api.endpoints.getItems.initiate('a'))
  await subscription
  await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
  await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
  queryFn.mockClear()
  const select = () => api.endpoints.getItems.select('a')(store.getState())
  return { ...setup, subscription, select }
}

describe('refetching an infinite query', () => {
  it('refetches every cached page in order with result.refetch()', async () => {
    const { subscription, server, select, requestedParams } = await withThreePages()
    server.revision = 1

    await subscription.refetch()

    expect(requestedParams()).toEqual([0, 2, 4])
    expect(select()).toMatchObject({ isSuccess: true, hasNextPage: true })
    expect(select().data).toEqual({
      pages: [server.page('a', 0), server.page('a', 2), server.page('a', 4)],
      pageParams: [0, 2, 4],
    })
    expect(select().data?.pages[0]?.items).toEqual(['a:0@1', 'a:1@1'])
  })

  it('refetches every cached page with initiate and forceRefetch: true', async () => {
    const { api, store, server, select, requestedParams } = await withThreePages()
    server.revision = 1

    await store.dispatch(api.endpoints.getItems.initiate('a', { forceRefetch: true }))

    expect(requestedParams()).toEqual([0, 2, 4])
    expect(select().data?.pages.flatMap((page) => page.items)).toEqual([
      'a:0@1',
      'a:1@1',
      'a:2@1',
      'a:3@1',
      'a:4@1',
      'a:5@1',
    ])
  })

  it('reuses the cached pages without a request when initiate has neither direction nor forceRefetch', async () => {
    const { api, store, select, queryFn } = await withThreePages()
    const before = select().data

    await store.dispatch(api.endpoints.getItems.initiate('a'))

    expect(queryFn).not.toHaveBeenCalled()
    expect(select().data).toBe(before)
  })

  it('recomputes each page param from the refetched pages with getNextPageParam', async () => {
    const { subscription, server, select, requestedParams } = await withThreePages()
    server.pageSize = 3

    await subscription.refetch()

    expect(requestedParams()).toEqual([0, 3, 6])
    expect(select().data).toEqual({
      pages: [server.page('a', 0), server.page('a', 3), server.page('a', 6)],
      pageParams: [0, 3, 6],
    })
  })

  it('stops refetching when getNextPageParam finds no further page', async () => {
    const { subscription, server, select, requestedParams } = await withThreePages()
    server.size = 3

    await subscription.refetch()

    expect(requestedParams()).toEqual([0, 2])
    expect(select().data?.pageParams).toEqual([0, 2])
    expect(select().hasNextPage).toBe(false)
  })

  it('starts the refetch from the first cached page param, not initialPageParam', async () => {
    const { api, store, server, requestedParams } = makeInfiniteApi()
    const subscription = store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 6 }))
    await subscription
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))

    await subscription.refetch()

    expect(requestedParams()).toEqual([6, 4, 4, 6])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 4), server.page('a', 6)],
      pageParams: [4, 6],
    })
  })

  it('refetches only the first page, dropping the others, when refetchCachedPages is false', async () => {
    const { subscription, server, select, requestedParams } = await withThreePages({ refetchCachedPages: false })
    server.revision = 1

    await subscription.refetch()

    expect(requestedParams()).toEqual([0])
    expect(select().data).toEqual({ pages: [server.page('a', 0)], pageParams: [0] })
  })

  it('refetches the subscribed entry with all its pages when its tags are invalidated', async () => {
    const { api, store, server, select, requestedParams } = await withThreePages()
    server.revision = 1

    store.dispatch(api.util.invalidateTags(['Item']))
    const running = store.dispatch(api.util.getRunningQueryThunk('getItems', 'a'))
    expect(running).toBeDefined()
    await running

    expect(requestedParams()).toEqual([0, 2, 4])
    expect(select().data).toEqual({
      pages: [server.page('a', 0), server.page('a', 2), server.page('a', 4)],
      pageParams: [0, 2, 4],
    })
  })

  it('with refetchOnMountOrArgChange, refetches the pages on a new subscription and still appends with a direction', async () => {
    const { api, store, requestedParams } = makeInfiniteApi({ refetchOnMountOrArgChange: true })
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    expect(requestedParams()).toEqual([0, 2])

    await store.dispatch(api.endpoints.getItems.initiate('a'))
    expect(requestedParams()).toEqual([0, 2, 0, 2])
    expect(api.endpoints.getItems.select('a')(store.getState()).data?.pageParams).toEqual([0, 2])

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    expect(requestedParams()).toEqual([0, 2, 0, 2, 4])
    expect(api.endpoints.getItems.select('a')(store.getState()).data?.pageParams).toEqual([0, 2, 4])
  })

  it('refetches all cached pages on each poll', async () => {
    vi.useFakeTimers()
    const { api, store, server, queryFn, requestedParams } = makeInfiniteApi({ isServer: false })
    await store.dispatch(api.endpoints.getItems.initiate('a', { subscriptionOptions: { pollingInterval: 1000 } }))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    queryFn.mockClear()
    server.revision = 1

    await vi.advanceTimersByTimeAsync(1000)

    expect(requestedParams()).toEqual([0, 2])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 0), server.page('a', 2)],
      pageParams: [0, 2],
    })
    store.dispatch(api.util.resetApiState())
  })
})

describe('refetch state', () => {
  it('keeps the cached pages and raises no page flag while a refetch is pending', async () => {
    const { subscription, queryFn, server, select } = await withThreePages()
    const before = select().data
    const response = deferred<PageOutcome>()
    queryFn.mockImplementationOnce(() => response.promise)

    const refetching = subscription.refetch()
    await flushPromises()

    expect(select()).toMatchObject({
      status: 'pending',
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
      hasNextPage: true,
    })
    expect(select().data).toBe(before)
    response.resolve({ data: server.page('a', 0) })
    await refetching
    expect(queryFn).toHaveBeenCalledTimes(3)
  })

  it('rejects the entry and keeps every cached page when a page of the refetch fails', async () => {
    const { subscription, queryFn, select, requestedParams } = await withThreePages()
    const before = select().data
    queryFn.mockImplementation(({ queryArg, pageParam }) =>
      pageParam === 2
        ? { error: { status: 500, message: 'down' } }
        : { data: createServer().page(queryArg, pageParam) },
    )

    await subscription.refetch()

    expect(requestedParams()).toEqual([0, 2])
    expect(select()).toMatchObject({
      status: 'rejected',
      error: { status: 500, message: 'down' },
      isFetchNextPageError: false,
      isFetchPreviousPageError: false,
    })
    expect(select().data).toBe(before)
  })

  it('keeps the references of unchanged pages after a refetch (structural sharing)', async () => {
    const { subscription, queryFn, server, select } = await withThreePages()
    const before = select().data!
    queryFn.mockImplementationOnce(({ queryArg, pageParam }) => ({
      data: { ...server.page(queryArg, pageParam), items: ['changed'] },
    }))

    await subscription.refetch()

    const after = select().data!
    expect(after).not.toBe(before)
    expect(after.pages[0]).not.toBe(before.pages[0])
    expect(after.pages[0]?.items).toEqual(['changed'])
    expect(after.pages[1]).toBe(before.pages[1])
    expect(after.pages[2]).toBe(before.pages[2])
    expect(after.pageParams).toBe(before.pageParams)
  })

  it('keeps the same data object when a refetch returns equal pages', async () => {
    const { subscription, select, queryFn } = await withThreePages()
    const before = select().data

    await subscription.refetch()

    expect(queryFn).toHaveBeenCalledTimes(3)
    expect(select().data).toBe(before)
  })
})
