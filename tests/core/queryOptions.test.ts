import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, defaultSerializeQueryArgs, type ApiState, type BaseQueryApi } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

afterEach(() => {
  vi.restoreAllMocks()
})

function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

interface PostArg {
  id: number
  lang?: string
}

const echo = (arg: unknown) => ({ data: arg })

describe('cache keys', () => {
  it('defaultSerializeQueryArgs writes endpointName(JSON) with object keys sorted at every depth', () => {
    const endpointDefinition = { type: 'query' as const }
    const ab = defaultSerializeQueryArgs({
      endpointName: 'list',
      queryArgs: { a: 1, b: { c: 2, d: 3 } },
      endpointDefinition,
    })
    const ba = defaultSerializeQueryArgs({
      endpointName: 'list',
      queryArgs: { b: { d: 3, c: 2 }, a: 1 },
      endpointDefinition,
    })
    expect(ab).toBe(ba)
    expect(ab).toBe('list({"a":1,"b":{"c":2,"d":3}})')
    expect(defaultSerializeQueryArgs({ endpointName: 'getPosts', queryArgs: undefined, endpointDefinition })).toBe(
      'getPosts(undefined)',
    )
  })

  it('gives arguments that differ only in key order one entry and one request', async () => {
    const baseQuery = vi.fn(echo)
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({ list: build.query<unknown, { a: number; b: number }>({ query: (arg) => arg }) }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.list.initiate({ a: 1, b: 2 }))
    await store.dispatch(api.endpoints.list.initiate({ b: 2, a: 1 }))
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(Object.keys(apiState(store).queries)).toEqual(['list({"a":1,"b":2})'])
  })

  it('uses the global serializeQueryArgs for every endpoint', async () => {
    const serializeQueryArgs = vi.fn(
      ({ endpointName, queryArgs }: { endpointName: string; queryArgs: unknown }) =>
        `${endpointName}:${(queryArgs as PostArg).id}`,
    )
    const baseQuery = vi.fn(echo)
    const api = createApi({
      baseQuery,
      serializeQueryArgs,
      endpoints: (build) => ({ getPost: build.query<unknown, PostArg>({ query: (arg) => arg }) }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate({ id: 1, lang: 'en' }))
    await store.dispatch(api.endpoints.getPost.initiate({ id: 1, lang: 'fr' }))

    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(Object.keys(apiState(store).queries)).toEqual(['getPost:1'])
    expect(api.endpoints.getPost.select({ id: 1, lang: 'de' })(store.getState()).data).toEqual({ id: 1, lang: 'en' })
    expect(serializeQueryArgs).toHaveBeenCalledWith(
      expect.objectContaining({ endpointName: 'getPost', queryArgs: { id: 1, lang: 'en' } }),
    )
  })

  it('uses a string returned by an endpoint serializeQueryArgs as the cache key itself', async () => {
    const api = createApi({
      baseQuery: echo,
      endpoints: (build) => ({
        getPost: build.query<unknown, PostArg>({
          query: (arg) => arg,
          serializeQueryArgs: ({ queryArgs }) => `post-${queryArgs.id}`,
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate({ id: 3, lang: 'en' }))
    expect(Object.keys(apiState(store).queries)).toEqual(['post-3'])
    expect(api.endpoints.getPost.select({ id: 3 })(store.getState()).isSuccess).toBe(true)
  })

  it('serializes an object returned by an endpoint serializeQueryArgs together with the endpoint name', async () => {
    const baseQuery = vi.fn(echo)
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getPost: build.query<unknown, PostArg>({
          query: (arg) => arg,
          serializeQueryArgs: ({ queryArgs }) => ({ id: queryArgs.id }),
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate({ id: 5, lang: 'en' }))
    await store.dispatch(api.endpoints.getPost.initiate({ lang: 'fr', id: 5 }))
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(Object.keys(apiState(store).queries)).toEqual(['getPost({"id":5})'])
  })

  it('serializes an endpoint serializeQueryArgs object with the default serializer even when a global one is set', async () => {
    const api = createApi({
      baseQuery: echo,
      serializeQueryArgs: ({ endpointName }) => `global-${endpointName}`,
      endpoints: (build) => ({
        getPost: build.query<unknown, PostArg>({
          query: (arg) => arg,
          serializeQueryArgs: ({ queryArgs }) => ({ id: queryArgs.id }),
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate({ id: 5, lang: 'en' }))
    // RTK Query's documented rule: a non-string result goes through the built-in defaultSerializeQueryArgs.
    expect(Object.keys(apiState(store).queries)).toEqual(['getPost({"id":5})'])
  })
})

describe('merge and forceRefetch (infinite scroll)', () => {
  interface Page {
    items: string[]
  }
  const pageQuery = (page: number) => ({ data: { items: [`${page}a`, `${page}b`] }, meta: { page } })

  function makeFeedApi(merge: (current: Page, response: Page, info: any) => Page | void) {
    const baseQuery = vi.fn((page: unknown, _api: BaseQueryApi) => pageQuery(page as number))
    const forceRefetch = vi.fn(({ currentArg, previousArg }: { currentArg?: number; previousArg?: number }) => {
      return currentArg !== previousArg
    })
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getFeed: build.query<Page, number>({
          query: (page) => page,
          serializeQueryArgs: ({ endpointName }) => endpointName,
          merge,
          forceRefetch,
        }),
      }),
    })
    return { api, baseQuery, forceRefetch, store: setupStore(api) }
  }

  it('appends each page with a merge recipe that mutates the cached data, without touching the old data', async () => {
    const mergeCalls: { response: Page; info: unknown }[] = []
    const merge = vi.fn((current: Page, response: Page, info: unknown) => {
      mergeCalls.push({ response, info })
      current.items.push(...response.items)
    })
    const { api, baseQuery, forceRefetch, store } = makeFeedApi(merge)

    const first = await store.dispatch(api.endpoints.getFeed.initiate(1))
    expect(merge).not.toHaveBeenCalled()
    expect(first.data).toEqual({ items: ['1a', '1b'] })

    const second = store.dispatch(api.endpoints.getFeed.initiate(2))
    expect(forceRefetch).toHaveBeenLastCalledWith(expect.objectContaining({ currentArg: 2, previousArg: 1 }))
    const result = await second

    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(result.data).toEqual({ items: ['1a', '1b', '2a', '2b'] })
    expect(first.data).toEqual({ items: ['1a', '1b'] })
    expect(Object.keys(apiState(store).queries)).toEqual(['getFeed'])
    expect(mergeCalls).toEqual([
      {
        response: { items: ['2a', '2b'] },
        info: expect.objectContaining({
          arg: 2,
          baseQueryMeta: { page: 2 },
          requestId: second.requestId,
          fulfilledTimeStamp: result.fulfilledTimeStamp,
        }),
      },
    ])
  })

  it('uses the value a merge function returns', async () => {
    const { api, store } = makeFeedApi((current, response) => ({ items: [...response.items, ...current.items] }))
    await store.dispatch(api.endpoints.getFeed.initiate(1))
    const result = await store.dispatch(api.endpoints.getFeed.initiate(2))
    expect(result.data).toEqual({ items: ['2a', '2b', '1a', '1b'] })
  })

  it('makes no request when forceRefetch returns false', async () => {
    const { api, baseQuery, store } = makeFeedApi((current, response) => {
      current.items.push(...response.items)
    })
    await store.dispatch(api.endpoints.getFeed.initiate(1))
    await store.dispatch(api.endpoints.getFeed.initiate(1))
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(apiState(store).queries.getFeed?.data).toEqual({ items: ['1a', '1b'] })
  })
})

describe('structural sharing', () => {
  interface List {
    items: { id: number; name: string }[]
    total: number
  }

  function makeListApi(responses: List[], structuralSharing?: boolean) {
    let call = 0
    const api = createApi({
      baseQuery: () => ({ data: structuredClone(responses[Math.min(call++, responses.length - 1)]) }),
      endpoints: (build) => ({
        getList: build.query<List, void>({
          query: () => 'list',
          ...(structuralSharing === undefined ? {} : { structuralSharing }),
        }),
      }),
    })
    return { api, store: setupStore(api) }
  }

  const v1: List = {
    items: [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ],
    total: 2,
  }
  const v2: List = {
    items: [
      { id: 1, name: 'a' },
      { id: 2, name: 'B' },
    ],
    total: 2,
  }

  it('keeps unchanged parts of refetched data referentially equal by default', async () => {
    const { api, store } = makeListApi([v1, v2])
    const promise = store.dispatch(api.endpoints.getList.initiate())
    const before = (await promise).data!
    const after = (await promise.refetch()).data!

    expect(after).toEqual(v2)
    expect(after).not.toBe(before)
    expect(after.items[0]).toBe(before.items[0])
    expect(after.items[1]).not.toBe(before.items[1])
  })

  it('keeps the very same data object when a refetch returns equal data', async () => {
    const { api, store } = makeListApi([v1, v1])
    const promise = store.dispatch(api.endpoints.getList.initiate())
    const before = (await promise).data
    const after = (await promise.refetch()).data
    expect(after).toBe(before)
  })

  it('replaces the data wholesale with structuralSharing: false', async () => {
    const { api, store } = makeListApi([v1, v1], false)
    const promise = store.dispatch(api.endpoints.getList.initiate())
    const before = (await promise).data!
    const after = (await promise.refetch()).data!
    expect(after).toEqual(before)
    expect(after).not.toBe(before)
    expect(after.items[0]).not.toBe(before.items[0])
  })
})

describe('racing requests', () => {
  function makeSlowApi(options: { invalidationBehavior?: 'immediately' } = {}) {
    const responses: ReturnType<typeof deferred<{ data: string }>>[] = []
    const signals: AbortSignal[] = []
    const api = createApi({
      baseQuery: (_arg: unknown, baseQueryApi: BaseQueryApi) => {
        signals.push(baseQueryApi.signal)
        const response = deferred<{ data: string }>()
        responses.push(response)
        return response.promise
      },
      tagTypes: ['Post'],
      ...options,
      endpoints: (build) => ({
        getPost: build.query<string, number>({ query: (id) => id, providesTags: ['Post'] }),
      }),
    })
    return { api, responses, signals, store: setupStore(api) }
  }

  it('never lets an old request started before resetApiState overwrite newer data', async () => {
    const { api, responses, signals, store } = makeSlowApi()
    const old = store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.util.resetApiState())
    const fresh = store.dispatch(api.endpoints.getPost.initiate(1))
    expect(responses).toHaveLength(2)
    expect(signals[0]!.aborted).toBe(true)

    responses[1]!.resolve({ data: 'new' })
    await fresh
    responses[0]!.resolve({ data: 'old' })
    await old
    await flushPromises()

    expect(apiState(store).queries['getPost(1)']).toMatchObject({
      status: 'fulfilled',
      data: 'new',
      requestId: fresh.requestId,
    })
  })

  it('ignores a request that settles after its entry was removed and refetched', async () => {
    const { api, responses, store } = makeSlowApi({ invalidationBehavior: 'immediately' })
    const first = store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false }))
    responses[0]!.resolve({ data: 'first' })
    await first

    const slow = store.dispatch(api.endpoints.getPost.initiate(1, { subscribe: false, forceRefetch: true }))
    // Nobody subscribes, so invalidating removes the entry while `slow` still runs.
    store.dispatch(api.util.invalidateTags(['Post']))
    expect(apiState(store).queries['getPost(1)']).toBeUndefined()

    const newer = store.dispatch(api.endpoints.getPost.initiate(1))
    expect(responses).toHaveLength(3)
    responses[2]!.resolve({ data: 'newer' })
    await flushPromises()
    expect(apiState(store).queries['getPost(1)']).toMatchObject({ status: 'fulfilled', data: 'newer' })

    responses[1]!.resolve({ data: 'stale' })
    await Promise.all([slow, newer])
    await flushPromises()
    expect(apiState(store).queries['getPost(1)']).toMatchObject({ data: 'newer', requestId: newer.requestId })
  })
})
