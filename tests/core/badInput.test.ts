import type { UnknownAction } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery, QueryStatus, type BaseQueryFn } from 'api-slice'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { flushPromises, setupStore } from './helpers/setup'

const HYDRATE = '__NEXT_REDUX_WRAPPER_HYDRATE__'

interface Post {
  id: number
  title: string
}

function createPostsApi() {
  const fetchPost = vi.fn((id: number): Post => ({ id, title: `post ${id}` }))
  const api = createApi({
    baseQuery: fakeBaseQuery(),
    tagTypes: ['Post'],
    extractRehydrationInfo: (action, { reducerPath }) =>
      action.type === HYDRATE ? (action.payload as Record<string, unknown>)[reducerPath] : undefined,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: (id) => ({ data: fetchPost(id) }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      search: build.query<string[], { text: string; self?: unknown }>({ queryFn: ({ text }) => ({ data: [text] }) }),
      getBig: build.query<string, bigint | { id: bigint }>({
        queryFn: (arg) => ({ data: String(typeof arg === 'bigint' ? arg : arg.id) }),
      }),
      renamePost: build.mutation<Post, Post>({ queryFn: (post) => ({ data: post }) }),
    }),
  })
  return { api, fetchPost }
}

/** A settled entry as the server would send it. */
function serverEntry(id: number, fulfilledTimeStamp = 1_000) {
  return {
    status: QueryStatus.fulfilled,
    endpointName: 'getPost',
    requestId: `server-${id}`,
    originalArgs: id,
    data: { id, title: `server ${id}` },
    startedTimeStamp: fulfilledTimeStamp - 10,
    fulfilledTimeStamp,
  }
}

function hydrate(payload: unknown): UnknownAction {
  return { type: HYDRATE, payload }
}

/** A client store that already holds getPost(1), so "state unchanged" means something. */
async function clientWithOnePost() {
  const { api, fetchPost } = createPostsApi()
  const store = setupStore(api)
  await store.dispatch(api.endpoints.getPost.initiate(1))
  return { api, store, fetchPost }
}

let warn: MockInstance<typeof console.warn>
let error: MockInstance<typeof console.error>

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  error = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('malformed rehydration payloads', () => {
  it('ignores a HYDRATE whose payload is null (extractRehydrationInfo throws), warns once, and keeps working', async () => {
    const { api, store, fetchPost } = await clientWithOnePost()
    const before = store.getState()

    expect(() => store.dispatch(hydrate(null))).not.toThrow()

    expect(store.getState()).toBe(before)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] .*extractRehydrationInfo/)
    await store.dispatch(api.endpoints.getPost.initiate(2))
    expect(fetchPost).toHaveBeenCalledWith(2)
    expect(api.endpoints.getPost.select(2)(store.getState()).isSuccess).toBe(true)
  })

  it.each([
    ['null', null, /null/],
    ['a number', 42, /number/],
    ['a string', 'api', /string/],
  ])('ignores an api state that is %s, with one warning that names the problem', async (_name, apiState, problem) => {
    const { store } = await clientWithOnePost()
    const before = store.getState()

    store.dispatch(hydrate({ api: apiState }))

    expect(store.getState()).toBe(before)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] /)
    expect(warn.mock.calls[0]?.[0]).toMatch(problem)
  })

  it('skips `queries` that is not an object, merges the valid mutations, and warns once', async () => {
    const { api, store } = await clientWithOnePost()
    const queriesBefore = store.getState().api.queries
    const mutation = { ...serverEntry(5), endpointName: 'renamePost', requestId: 'server-mutation' }

    store.dispatch(hydrate({ api: { queries: 'x', mutations: { shared: mutation } } }))

    expect(store.getState().api.queries).toBe(queriesBefore)
    expect(api.endpoints.renamePost.select({ fixedCacheKey: 'shared' })(store.getState()).isSuccess).toBe(true)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] .*`queries` is not an object/)
  })

  it('skips entries of the wrong shape, merges the valid ones, and names every skipped key in one warning', async () => {
    const { api, store } = await clientWithOnePost()
    const clientEntry = store.getState().api.queries['getPost(1)']

    store.dispatch(
      hydrate({
        api: {
          queries: {
            'getPost(2)': serverEntry(2),
            'getPost(3)': 'not an entry',
            'getPost(4)': null,
            'getPost(5)': { ...serverEntry(5), status: 'done' },
            'getPost(6)': { ...serverEntry(6), endpointName: 6 },
            'getPost(7)': { ...serverEntry(7), fulfilledTimeStamp: 'yesterday' },
            'getPost(8)': [serverEntry(8)],
          },
        },
      }),
    )

    const { queries } = store.getState().api
    expect(Object.keys(queries)).toEqual(['getPost(1)', 'getPost(2)'])
    expect(queries['getPost(1)']).toBe(clientEntry)
    expect(api.endpoints.getPost.select(2)(store.getState()).data).toEqual({ id: 2, title: 'server 2' })
    expect(store.getState().api.provided.tags.Post?.['2']).toEqual(['getPost(2)'])
    expect(warn).toHaveBeenCalledTimes(1)
    const message = warn.mock.calls[0]?.[0] as string
    expect(message).toMatch(/^\[api-slice\] /)
    for (const id of [3, 4, 5, 6, 7, 8]) expect(message).toContain(`getPost(${id})`)
    expect(message).not.toContain('getPost(2)')
  })

  it('skips an entry of an endpoint this build does not have (an older server build), with one warning', async () => {
    const { store } = await clientWithOnePost()

    store.dispatch(
      hydrate({
        api: {
          queries: {
            'getPost(2)': serverEntry(2),
            'getComments(1)': { ...serverEntry(1), endpointName: 'getComments', data: [] },
            'renamePost(1)': { ...serverEntry(1), endpointName: 'renamePost' },
          },
        },
      }),
    )

    expect(Object.keys(store.getState().api.queries)).toEqual(['getPost(1)', 'getPost(2)'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] .*getComments/)
  })

  it('falls back to providesTags when the payload lists malformed tags for an entry', async () => {
    const { store } = await clientWithOnePost()

    store.dispatch(
      hydrate({
        api: {
          queries: { 'getPost(2)': serverEntry(2) },
          provided: { keys: { 'getPost(2)': [{ type: 7 }] }, tags: 'broken' },
        },
      }),
    )

    expect(store.getState().api.provided.keys['getPost(2)']).toEqual([{ type: 'Post', id: 2 }])
    expect(store.getState().api.provided.tags.Post?.['2']).toEqual(['getPost(2)'])
  })

  it('skips a `__proto__` key of a JSON-parsed payload without polluting any prototype', async () => {
    const { api, store } = await clientWithOnePost()
    const payload = JSON.parse(
      `{"api":{"queries":{"__proto__":${JSON.stringify(serverEntry(9))},"getPost(2)":${JSON.stringify(serverEntry(2))}},` +
        `"mutations":{"__proto__":${JSON.stringify({ ...serverEntry(9), endpointName: 'renamePost' })}},` +
        `"provided":{"keys":{"__proto__":[{"type":"Post","id":9}]}}}}`,
    )
    expect(Object.keys(payload.api.queries)).toContain('__proto__')

    store.dispatch(hydrate(payload))

    const { queries, mutations } = store.getState().api
    expect(Object.getPrototypeOf(queries)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(mutations)).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(queries, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).status).toBeUndefined()
    expect(({} as Record<string, unknown>).endpointName).toBeUndefined()
    expect(Object.keys(queries)).toEqual(['getPost(1)', 'getPost(2)'])
    expect(api.endpoints.getPost.select(2)(store.getState()).isSuccess).toBe(true)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] .*__proto__/)
  })

  it('keeps the prototype of provided.tags when the payload lists a tag type named `__proto__`', async () => {
    const { store } = await clientWithOnePost()
    const payload = JSON.parse(
      `{"api":{"queries":{"getPost(2)":${JSON.stringify(serverEntry(2))}},` +
        `"provided":{"keys":{"getPost(2)":[{"type":"__proto__","id":2}]}}}}`,
    )

    store.dispatch(hydrate(payload))

    const { tags } = store.getState().api.provided
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype)
    expect((tags as Record<string, unknown>)['2']).toBeUndefined()
    expect(({} as Record<string, unknown>)['2']).toBeUndefined()
  })
})

describe('unknown endpoint names in util calls', () => {
  const unknownEndpoint =
    /^\[api-slice\] .*unknown endpoint 'getComment'.*Known endpoints: getPost, search, getBig, renamePost/

  it('throws from prefetch, getRunningQueryThunk, getRunningMutationThunk and selectCachedArgsForQuery', () => {
    const { api } = createPostsApi()
    const store = setupStore(api)
    const util = api.util as unknown as Record<string, (...args: unknown[]) => any>

    expect(() => store.dispatch(util.prefetch!('getComment', 1))).toThrow(unknownEndpoint)
    expect(() => store.dispatch(util.getRunningQueryThunk!('getComment', 1))).toThrow(unknownEndpoint)
    expect(() => store.dispatch(util.getRunningMutationThunk!('getComment', 'key'))).toThrow(unknownEndpoint)
    expect(() => util.selectCachedArgsForQuery!(store.getState(), 'getComment')).toThrow(unknownEndpoint)
  })

  it('throws when prefetch is given a mutation name', () => {
    const { api } = createPostsApi()
    const store = setupStore(api)
    const prefetch = api.util.prefetch as unknown as (name: string, arg: unknown) => any
    expect(() => store.dispatch(prefetch('renamePost', 1))).toThrow(/^\[api-slice\] .*'renamePost' is a mutation/)
  })
})

describe('a store without the middleware', () => {
  const env = process.env as Record<string, string | undefined>
  afterEach(() => {
    env.NODE_ENV = 'test'
  })

  it('the first query initiate of the api throws a message that shows how to add api.middleware; later ones run', async () => {
    const { api, fetchPost } = createPostsApi()
    const store = setupStore(api, { withMiddleware: false })

    expect(() => store.dispatch(api.endpoints.getPost.initiate(1))).toThrow(/^\[api-slice\] .*'api'.*api\.middleware/)
    // As in RTK Query, the check comes after the request started: it still settles.
    await flushPromises()
    expect(fetchPost).toHaveBeenCalledTimes(1)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('fulfilled')

    const second = store.dispatch(api.endpoints.getPost.initiate(2))
    await second
    expect(store.getState().api.queries['getPost(2)']?.status).toBe('fulfilled')
  })

  it('a mutation initiate throws the same message when it comes first', () => {
    const { api } = createPostsApi()
    const store = setupStore(api, { withMiddleware: false })
    expect(() => store.dispatch(api.endpoints.renamePost.initiate({ id: 1, title: 'x' }))).toThrow(/api\.middleware/)
  })

  it('does not check in production', async () => {
    env.NODE_ENV = 'production'
    const { api } = createPostsApi()
    const store = setupStore(api, { withMiddleware: false })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('fulfilled')
  })
})

describe('base queries and transforms that misbehave', () => {
  function apiWithBaseQuery(baseQuery: BaseQueryFn<string | number>, transformResponse?: (raw: any) => unknown) {
    return createApi({
      baseQuery,
      tagTypes: ['Post'],
      endpoints: (build) => ({
        getPost: build.query<unknown, string | number>({
          query: (id) => id,
          transformResponse,
          providesTags: ['Post'],
        }),
      }),
    })
  }

  it('stores a thrown error as a rejected entry with the serialized error, and reports it once', async () => {
    const baseQuery = vi.fn((arg: string | number) => {
      if (arg === 'bad') throw new TypeError('boom')
      return { data: { id: arg } }
    })
    const api = apiWithBaseQuery(baseQuery)
    const store = setupStore(api)

    const request = store.dispatch(api.endpoints.getPost.initiate('bad'))
    const expected = { name: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') }
    await expect(request.unwrap()).rejects.toEqual(expected)

    const entry = store.getState().api.queries['getPost("bad")']
    expect(entry?.status).toBe(QueryStatus.rejected)
    expect(entry?.error).toEqual(expected)
    expect(Object.keys(entry?.error as object).sort()).toEqual(['message', 'name', 'stack'])
    expect(store.getState().api.provided.keys['getPost("bad")']).toBeUndefined()
    expect(error).toHaveBeenCalledTimes(1)
    expect(error.mock.calls[0]?.[0]).toMatch(/^\[api-slice\] .*getPost/)

    // The store keeps working for the next query.
    await expect(store.dispatch(api.endpoints.getPost.initiate(2)).unwrap()).resolves.toEqual({ id: 2 })
    expect(api.endpoints.getPost.select(2)(store.getState()).isSuccess).toBe(true)
  })

  it('stores a rejected promise from baseQuery the same way', async () => {
    const api = apiWithBaseQuery(async () => Promise.reject(new RangeError('async boom')))
    const store = setupStore(api)

    const result = await store.dispatch(api.endpoints.getPost.initiate(1))

    expect(result.isError).toBe(true)
    expect(result.error).toMatchObject({ name: 'RangeError', message: 'async boom' })
    expect(error).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['an object with neither data nor error', () => ({}), /neither `data` nor `error`/],
    ['undefined', () => undefined, /returned undefined/],
  ])('rejects with a clear message when baseQuery returns %s', async (_name, baseQuery, message) => {
    const api = apiWithBaseQuery(baseQuery as unknown as BaseQueryFn)
    const store = setupStore(api)

    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await expect(request.unwrap()).rejects.toMatchObject({ message })

    const entry = store.getState().api.queries['getPost(1)']
    expect(entry?.status).toBe(QueryStatus.rejected)
    expect((entry?.error as { message: string }).message).toMatch(message)
    expect((entry?.error as { message: string }).message).toMatch(/\{ data \}/)
  })

  it('rejects the entry instead of crashing when transformResponse throws', async () => {
    const api = apiWithBaseQuery(
      (id) => ({ data: { id } }),
      (raw: { id: unknown }) => {
        if (raw.id === 1) throw new Error('cannot transform')
        return raw
      },
    )
    const store = setupStore(api)

    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await expect(request.unwrap()).rejects.toMatchObject({ name: 'Error', message: 'cannot transform' })
    expect(store.getState().api.queries['getPost(1)']?.status).toBe(QueryStatus.rejected)
    expect(error).toHaveBeenCalledTimes(1)

    await expect(store.dispatch(api.endpoints.getPost.initiate(2)).unwrap()).resolves.toEqual({ id: 2 })
  })
})

describe('arguments that cannot be serialized', () => {
  it('throws from initiate for a cyclic argument, naming serializeQueryArgs, and changes nothing', () => {
    const { api } = createPostsApi()
    const store = setupStore(api)
    store.dispatch({ type: 'warm-up' })
    const before = store.getState()
    const cyclic: { text: string; self?: unknown } = { text: 'loop' }
    cyclic.self = cyclic

    expect(() => store.dispatch(api.endpoints.search.initiate(cyclic))).toThrow(
      /^\[api-slice\] .*'search'.*serializeQueryArgs/,
    )
    expect(() => api.endpoints.search.select(cyclic)).toThrow(/serializeQueryArgs/)
    expect(store.getState()).toBe(before)
  })

  it('serializes a BigInt argument to a stable cache key', async () => {
    const { api } = createPostsApi()
    const store = setupStore(api)

    const first = store.dispatch(api.endpoints.getBig.initiate(12n))
    const second = store.dispatch(api.endpoints.getBig.initiate(BigInt(12)))
    await Promise.all([first, second])

    expect(first.queryCacheKey).toBe(second.queryCacheKey)
    expect(first.queryCacheKey).toContain('12n')
    expect(api.endpoints.getBig.select(12n)(store.getState()).data).toBe('12')
    const other = await store.dispatch(api.endpoints.getBig.initiate(13n))
    expect(other.data).toBe('13')
    expect(Object.keys(store.getState().api.queries)).toHaveLength(2)

    const nested = store.dispatch(api.endpoints.getBig.initiate({ id: 7n }))
    expect(store.dispatch(api.endpoints.getBig.initiate({ id: 7n })).queryCacheKey).toBe(nested.queryCacheKey)
    expect((await nested).data).toBe('7')
  })
})
