import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, skipToken } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'
import { createServer, makeInfiniteApi, type PageOutcome } from './helpers/infiniteQueries'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('infinite query first page', () => {
  it('fetches the first page with initialPageParam and stores { pages, pageParams }', async () => {
    const { api, store, server, queryFn } = makeInfiniteApi()

    const result = await store.dispatch(api.endpoints.getItems.initiate('a'))

    expect(queryFn).toHaveBeenCalledTimes(1)
    expect(queryFn.mock.calls[0]?.[0]).toEqual({ queryArg: 'a', pageParam: 0 })
    expect(result.status).toBe('fulfilled')
    expect(result.data).toEqual({ pages: [server.page('a', 0)], pageParams: [0] })
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual(result.data)
  })

  it('starts from the initialPageParam given to initiate instead of the endpoint one', async () => {
    const { api, store, server, requestedParams } = makeInfiniteApi()

    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))

    expect(requestedParams()).toEqual([4])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 4)],
      pageParams: [4],
    })
  })

  it('resolves initiate with the page flags, like select', async () => {
    const { api, store } = makeInfiniteApi()

    const result = await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))

    expect(result).toMatchObject({ hasNextPage: true, hasPreviousPage: true, isFetchingNextPage: false })
  })

  it('keeps one cache entry per query arg, whatever pages it holds', async () => {
    const { api, store, server } = makeInfiniteApi()

    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    await store.dispatch(api.endpoints.getItems.initiate('b'))

    expect(Object.keys(store.getState().api.queries).sort()).toEqual(['getItems("a")', 'getItems("b")'])
    const select = (arg: string) => api.endpoints.getItems.select(arg)(store.getState()).data
    expect(select('a')?.pageParams).toEqual([0, 2])
    expect(select('b')).toEqual({ pages: [server.page('b', 0)], pageParams: [0] })
  })
})

describe('infinite query next and previous pages', () => {
  it('appends the next page going forward, with the param from getNextPageParam', async () => {
    const { api, store, server, getNextPageParam, requestedParams } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a'))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(requestedParams()).toEqual([0, 2, 4])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 0), server.page('a', 2), server.page('a', 4)],
      pageParams: [0, 2, 4],
    })
    // getNextPageParam(lastPage, allPages, lastPageParam, allPageParams, queryArg)
    expect(getNextPageParam).toHaveBeenCalledWith(
      server.page('a', 2),
      [server.page('a', 0), server.page('a', 2)],
      2,
      [0, 2],
      'a',
    )
  })

  it('prepends the previous page going backward, with the param from getPreviousPageParam', async () => {
    const { api, store, server, getPreviousPageParam, requestedParams } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))

    expect(requestedParams()).toEqual([4, 2])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 2), server.page('a', 4)],
      pageParams: [2, 4],
    })
    expect(getPreviousPageParam).toHaveBeenCalledWith(server.page('a', 4), [server.page('a', 4)], 4, [4], 'a')
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
  ] as const)('makes no request and keeps the data when getNextPageParam returns %s', async (_name, noMorePages) => {
    const { api, store, queryFn } = makeInfiniteApi({ server: createServer({ size: 3 }), noMorePages })
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    const before = api.endpoints.getItems.select('a')(store.getState())
    expect(before.hasNextPage).toBe(false)

    const result = await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(queryFn).toHaveBeenCalledTimes(2)
    const after = api.endpoints.getItems.select('a')(store.getState())
    expect(after.data).toBe(before.data)
    expect(after.data?.pageParams).toEqual([0, 2])
    expect(after).toMatchObject({ isSuccess: true, hasNextPage: false })
    expect(result.data).toBe(before.data)
  })

  it('reports hasNextPage and hasPreviousPage from the page params around the cached pages', async () => {
    const { api, store } = makeInfiniteApi({ server: createServer({ size: 6 }) })
    const select = () => api.endpoints.getItems.select('a')(store.getState())
    expect(select()).toMatchObject({ isUninitialized: true, hasNextPage: false, hasPreviousPage: false })

    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 2 }))
    expect(select()).toMatchObject({ hasNextPage: true, hasPreviousPage: true })

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))
    expect(select().data?.pageParams).toEqual([0, 2, 4])
    expect(select()).toMatchObject({ hasNextPage: false, hasPreviousPage: false })
  })

  it('selects false page flags for skipToken', () => {
    const { api, store } = makeInfiniteApi()

    expect(api.endpoints.getItems.select(skipToken)(store.getState())).toMatchObject({
      isUninitialized: true,
      hasNextPage: false,
      hasPreviousPage: false,
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
      isFetchNextPageError: false,
      isFetchPreviousPageError: false,
    })
  })

  it('has no previous page without getPreviousPageParam, and fetching backward changes nothing', async () => {
    const { api, store, queryFn } = makeInfiniteApi({ withPrevious: false })
    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))
    const before = api.endpoints.getItems.select('a')(store.getState())
    expect(before).toMatchObject({ hasPreviousPage: false, hasNextPage: true })

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))

    expect(queryFn).toHaveBeenCalledTimes(1)
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toBe(before.data)
  })

  it('fetches the first page when a direction is given but nothing is cached', async () => {
    const { api, store, requestedParams } = makeInfiniteApi()

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(requestedParams()).toEqual([0])
    expect(api.endpoints.getItems.select('a')(store.getState()).data?.pageParams).toEqual([0])
  })
})

describe('infinite query maxPages', () => {
  it('drops the first page when a forward fetch goes past maxPages', async () => {
    const { api, store, server } = makeInfiniteApi({ maxPages: 2 })
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 2), server.page('a', 4)],
      pageParams: [2, 4],
    })
  })

  it('drops the last page when a backward fetch goes past maxPages', async () => {
    const { api, store, server } = makeInfiniteApi({ maxPages: 2 })
    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))

    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 2), server.page('a', 4)],
      pageParams: [2, 4],
    })
  })
})

describe('infinite query page requests in flight', () => {
  it('flags isFetchingNextPage while a forward page is pending, and keeps the cached pages', async () => {
    const { api, store, queryFn } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    const cached = api.endpoints.getItems.select('a')(store.getState()).data
    const response = deferred<PageOutcome>()
    queryFn.mockImplementationOnce(() => response.promise)

    const promise = store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    await flushPromises()

    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      status: 'pending',
      isFetchingNextPage: true,
      isFetchingPreviousPage: false,
      data: cached,
    })
    response.resolve({ data: { offset: 2, items: ['late'] } })
    await promise
    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      isSuccess: true,
      isFetchingNextPage: false,
    })
  })

  it('flags isFetchingPreviousPage while a backward page is pending', async () => {
    const { api, store, queryFn } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))
    const response = deferred<PageOutcome>()
    queryFn.mockImplementationOnce(() => response.promise)

    const promise = store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))
    await flushPromises()

    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      isFetchingNextPage: false,
      isFetchingPreviousPage: true,
    })
    response.resolve({ data: { offset: 2, items: [] } })
    await promise
    expect(api.endpoints.getItems.select('a')(store.getState()).isFetchingPreviousPage).toBe(false)
  })

  it('does not flag a page fetch while the first page is pending', async () => {
    const { api, store, queryFn } = makeInfiniteApi()
    const response = deferred<PageOutcome>()
    queryFn.mockImplementationOnce(() => response.promise)

    const promise = store.dispatch(api.endpoints.getItems.initiate('a'))
    await flushPromises()

    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      isLoading: true,
      isFetchingNextPage: false,
      isFetchingPreviousPage: false,
    })
    response.resolve({ data: { offset: 0, items: [] } })
    await promise
  })

  it('makes no extra request for a second forward fetch while one is pending', async () => {
    const { api, store, queryFn, server } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    const response = deferred<PageOutcome>()
    queryFn.mockImplementationOnce(() => response.promise)

    const first = store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    const second = store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    response.resolve({ data: server.page('a', 2) })
    const [firstResult, secondResult] = await Promise.all([first, second])

    expect(queryFn).toHaveBeenCalledTimes(2)
    expect(firstResult.data?.pageParams).toEqual([0, 2])
    expect(secondResult.data).toBe(firstResult.data)
  })
})

describe('infinite query page errors', () => {
  it('rejects the entry with isFetchNextPageError and keeps the earlier pages when a next page fails', async () => {
    const { api, store, queryFn, server } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    queryFn.mockImplementationOnce(() => ({ error: { status: 500, message: 'down' } }))

    const result = await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(result.error).toEqual({ status: 500, message: 'down' })
    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      status: 'rejected',
      isError: true,
      isFetchNextPageError: true,
      isFetchPreviousPageError: false,
      data: { pages: [server.page('a', 0)], pageParams: [0] },
      hasNextPage: true,
    })
  })

  it('flags isFetchPreviousPageError when a previous page fails', async () => {
    const { api, store, queryFn } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))
    queryFn.mockImplementationOnce(() => ({ error: { status: 500, message: 'down' } }))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward' }))

    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      isError: true,
      isFetchNextPageError: false,
      isFetchPreviousPageError: true,
    })
    expect(api.endpoints.getItems.select('a')(store.getState()).data?.pageParams).toEqual([4])
  })

  it('clears the page error flag once the next page is fetched again successfully', async () => {
    const { api, store, queryFn } = makeInfiniteApi()
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    queryFn.mockImplementationOnce(() => ({ error: { status: 500, message: 'down' } }))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(api.endpoints.getItems.select('a')(store.getState())).toMatchObject({
      isSuccess: true,
      isFetchNextPageError: false,
    })
    expect(api.endpoints.getItems.select('a')(store.getState()).data?.pageParams).toEqual([0, 2])
  })
})

describe('infinite query definitions', () => {
  it('calls providesTags with the whole { pages, pageParams }', async () => {
    const providesTags = vi.fn((result: unknown) =>
      ((result as { pages: { items: string[] }[] } | undefined)?.pages ?? []).flatMap((page) =>
        page.items.map((id) => ({ type: 'Item' as const, id })),
      ),
    )
    const { api, store } = makeInfiniteApi({ providesTags })
    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    const data = api.endpoints.getItems.select('a')(store.getState()).data
    expect(providesTags).toHaveBeenLastCalledWith(data, undefined, 'a', undefined)
    const invalidated = api.util.selectInvalidatedBy(store.getState(), [{ type: 'Item', id: 'a:3@0' }])
    expect(invalidated.map((entry) => entry.queryCacheKey)).toEqual(['getItems("a")'])
  })

  it('passes { queryArg, pageParam } to `query`, and the result goes through baseQuery', async () => {
    const server = createServer()
    const baseQuery = vi.fn((arg: { url: string; params: { list: string; offset: number } }) => ({
      data: server.page(arg.params.list, arg.params.offset),
    }))
    const query = vi.fn(({ queryArg, pageParam }: { queryArg: string; pageParam: number }) => ({
      url: 'items',
      params: { list: queryArg, offset: pageParam },
    }))
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getItems: build.infiniteQuery<ReturnType<typeof server.page>, string, number>({
          query,
          infiniteQueryOptions: { initialPageParam: 0, getNextPageParam: (lastPage) => lastPage.next },
        }),
      }),
    })
    const store = setupStore(api)

    await store.dispatch(api.endpoints.getItems.initiate('a'))
    await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))

    expect(query.mock.calls.map(([arg]) => arg)).toEqual([
      { queryArg: 'a', pageParam: 0 },
      { queryArg: 'a', pageParam: 2 },
    ])
    expect(baseQuery.mock.calls.map(([arg]) => arg)).toEqual([
      { url: 'items', params: { list: 'a', offset: 0 } },
      { url: 'items', params: { list: 'a', offset: 2 } },
    ])
    expect(api.endpoints.getItems.select('a')(store.getState()).data).toEqual({
      pages: [server.page('a', 0), server.page('a', 2)],
      pageParams: [0, 2],
    })
  })
})
