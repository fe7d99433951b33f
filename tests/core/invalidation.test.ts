import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi } from 'api-slice'
import { deferred, flushPromises, setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
  authorId: number
}

interface Request {
  url: 'post' | 'posts' | 'authors' | 'slow' | 'editPost' | 'failingEdit' | 'throwingEdit'
  id?: number
  body?: Partial<Post>
}

/** A fake server with posts; a request can be held at a gate to keep it running. */
function createBlogApi(options: { invalidationBehavior?: 'delayed' | 'immediately' } = {}) {
  const posts = new Map<number, Post>([
    [1, { id: 1, title: 'one', authorId: 7 }],
    [2, { id: 2, title: 'two', authorId: 8 }],
  ])
  const gates = new Map<Request['url'], Promise<unknown>>()
  const respond = (req: Request) => {
    switch (req.url) {
      case 'post':
        return { data: { ...posts.get(req.id!)! } }
      case 'posts':
        return { data: [...posts.values()].map((post) => ({ ...post })) }
      case 'authors':
        return { data: ['ann', 'bob'] }
      case 'slow':
        return { data: 'slow' }
      case 'editPost': {
        const updated = { ...posts.get(req.id!)!, ...req.body }
        posts.set(req.id!, updated)
        return { data: updated }
      }
      case 'failingEdit':
        return { error: { status: 500, data: 'server error' } }
      case 'throwingEdit':
        throw new Error('network down')
    }
  }
  const baseQuery = vi.fn(async (req: Request) => {
    const result = respond(req) // read before waiting, like a request that is already on the wire
    const gate = gates.get(req.url)
    if (gate) await gate
    return result as { data: any }
  })
  const api = createApi({
    baseQuery,
    tagTypes: ['Post', 'Author'],
    invalidationBehavior: options.invalidationBehavior,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        query: (id) => ({ url: 'post', id }),
        providesTags: (result, _error, id) =>
          result
            ? [
                { type: 'Post', id },
                { type: 'Author', id: result.authorId },
              ]
            : [{ type: 'Post', id }],
      }),
      getPosts: build.query<Post[], void>({
        query: () => ({ url: 'posts' }),
        providesTags: (result = []) => [
          ...result.map((post) => ({ type: 'Post' as const, id: post.id })),
          { type: 'Post', id: 'LIST' },
        ],
      }),
      getAuthors: build.query<string[], void>({ query: () => ({ url: 'authors' }), providesTags: ['Author'] }),
      getSlow: build.query<string, void>({ query: () => ({ url: 'slow' }) }),
      editPost: build.mutation<Post, Pick<Post, 'id'> & Partial<Post>>({
        query: ({ id, ...body }) => ({ url: 'editPost', id, body }),
        invalidatesTags: (_result, _error, post) => [{ type: 'Post', id: post.id }],
      }),
      failingEdit: build.mutation<Post, number>({
        query: (id) => ({ url: 'failingEdit', id }),
        invalidatesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      throwingEdit: build.mutation<Post, number>({
        query: (id) => ({ url: 'throwingEdit', id }),
        invalidatesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
    }),
  })
  const store = setupStore(api)
  const fetches = (url: Request['url'], id?: number) =>
    baseQuery.mock.calls.filter(([req]) => req.url === url && req.id === id).length
  const settle = () => Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
  return { api, store, posts, gates, baseQuery, fetches, settle }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('invalidation by mutations', () => {
  it('refetches subscribed queries that provide an invalidated tag, and only those', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'one, edited' }))
    await settle()

    expect(fetches('post', 1)).toBe(2)
    expect(fetches('post', 2)).toBe(1)
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('one, edited')
    // The refetch adds no subscription of its own.
    expect(Object.keys(store.getState().api.subscriptions['getPost(1)'] ?? {})).toHaveLength(1)
  })

  it('removes unsubscribed entries that provide an invalidated tag instead of refetching them', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await request
    request.unsubscribe()

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'changed' }))
    await settle()

    expect(store.getState().api.queries['getPost(1)']).toBeUndefined()
    expect(fetches('post', 1)).toBe(1)
  })

  it('invalidates every id of a type with a tag that has no id', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    await store.dispatch(api.endpoints.getPosts.initiate())

    store.dispatch(api.util.invalidateTags(['Post']))
    await settle()

    expect([fetches('post', 1), fetches('post', 2), fetches('posts')]).toEqual([2, 2, 2])
  })

  it('invalidates only the matching id with a tag that has an id', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    await store.dispatch(api.endpoints.getPosts.initiate())

    store.dispatch(api.util.invalidateTags([{ type: 'Post', id: 'LIST' }]))
    await settle()
    expect([fetches('post', 1), fetches('post', 2), fetches('posts')]).toEqual([1, 1, 2])

    store.dispatch(api.util.invalidateTags([{ type: 'Post', id: 2 }]))
    await settle()
    expect([fetches('post', 1), fetches('post', 2), fetches('posts')]).toEqual([1, 2, 3])
  })

  it('does not invalidate a query providing a bare type with a tag that names an id', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getAuthors.initiate())

    store.dispatch(api.util.invalidateTags([{ type: 'Author', id: 99 }]))
    await settle()
    expect(fetches('authors')).toBe(1)

    store.dispatch(api.util.invalidateTags(['Author']))
    await settle()
    expect(fetches('authors')).toBe(2)
  })

  it('ignores null and undefined entries in the tags given to api.util.invalidateTags', async () => {
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    store.dispatch(api.util.invalidateTags([null, { type: 'Post', id: 1 }, undefined]))
    await settle()

    expect(fetches('post', 1)).toBe(2)
    expect(errorSpy).not.toHaveBeenCalled()
  })

  it('still invalidates when the mutation returns { error }', async () => {
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    const result = await store.dispatch(api.endpoints.failingEdit.initiate(1))
    await settle()

    expect(result.error).toEqual({ status: 500, data: 'server error' })
    expect(fetches('post', 1)).toBe(2)
  })

  it('does not invalidate when the mutation throws', async () => {
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api, store, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))

    const result = await store.dispatch(api.endpoints.throwingEdit.initiate(1))
    await settle()

    expect(result.error).toMatchObject({ name: 'Error', message: 'network down' })
    expect(errorSpy).toHaveBeenCalledTimes(1)
    expect(fetches('post', 1)).toBe(1)
    expect(store.getState().api.queries['getPost(1)']?.status).toBe('fulfilled')
  })
})

describe('tag functions', () => {
  function createTaggedApi() {
    const providesTags = vi.fn((_result: unknown, _error: unknown, id: number) => [{ type: 'Post' as const, id }])
    const invalidatesTags = vi.fn((_result: unknown, _error: unknown, id: number) => [{ type: 'Post' as const, id }])
    const api = createApi({
      baseQuery: async (id: number) =>
        id >= 400 ? { error: { status: id }, meta: { requested: id } } : { data: { id }, meta: { requested: id } },
      tagTypes: ['Post'],
      endpoints: (build) => ({
        getPost: build.query<{ id: number }, number>({ query: (id) => id, providesTags }),
        savePost: build.mutation<{ id: number }, number>({ query: (id) => id, invalidatesTags }),
      }),
    })
    return { api, store: setupStore(api), providesTags, invalidatesTags }
  }

  it('calls providesTags with (result, error, arg, meta)', async () => {
    const { api, store, providesTags } = createTaggedApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(404))

    expect(providesTags).toHaveBeenCalledWith({ id: 1 }, undefined, 1, { requested: 1 })
    expect(providesTags).toHaveBeenCalledWith(undefined, { status: 404 }, 404, { requested: 404 })
    expect(store.getState().api.provided.keys['getPost(404)']).toEqual([{ type: 'Post', id: 404 }])
  })

  it('calls invalidatesTags with (result, error, arg, meta)', async () => {
    const { api, store, invalidatesTags } = createTaggedApi()
    await store.dispatch(api.endpoints.savePost.initiate(3))
    await store.dispatch(api.endpoints.savePost.initiate(500))

    expect(invalidatesTags).toHaveBeenCalledWith({ id: 3 }, undefined, 3, { requested: 3 })
    expect(invalidatesTags).toHaveBeenCalledWith(undefined, { status: 500 }, 500, { requested: 500 })
  })
})

describe('api.util.selectInvalidatedBy', () => {
  it('lists the cached entries that tags would invalidate, without changing anything', async () => {
    const { api, store, fetches } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(2))
    await store.dispatch(api.endpoints.getPosts.initiate())
    await store.dispatch(api.endpoints.getAuthors.initiate())
    const byKey = (a: { queryCacheKey: string }, b: { queryCacheKey: string }) =>
      a.queryCacheKey.localeCompare(b.queryCacheKey)

    expect(api.util.selectInvalidatedBy(store.getState(), [{ type: 'Post', id: 1 }]).sort(byKey)).toEqual([
      { endpointName: 'getPost', originalArgs: 1, queryCacheKey: 'getPost(1)' },
      { endpointName: 'getPosts', originalArgs: undefined, queryCacheKey: 'getPosts(undefined)' },
    ])
    expect(api.util.selectInvalidatedBy(store.getState(), ['Author']).sort(byKey)).toEqual([
      { endpointName: 'getAuthors', originalArgs: undefined, queryCacheKey: 'getAuthors(undefined)' },
      { endpointName: 'getPost', originalArgs: 1, queryCacheKey: 'getPost(1)' },
      { endpointName: 'getPost', originalArgs: 2, queryCacheKey: 'getPost(2)' },
    ])
    expect(api.util.selectInvalidatedBy(store.getState(), [{ type: 'Post', id: 42 }])).toEqual([])
    expect(fetches('post', 1) + fetches('post', 2) + fetches('posts') + fetches('authors')).toBe(4)
  })
})

describe('invalidationBehavior', () => {
  it("'delayed' (the default) refetches only after the running query settles", async () => {
    const { api, store, gates, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const slow = deferred<void>()
    gates.set('slow', slow.promise)
    store.dispatch(api.endpoints.getSlow.initiate())

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'edited' }))
    await flushPromises()
    expect(fetches('post', 1)).toBe(1)

    slow.resolve()
    await settle()
    await settle()
    expect(fetches('post', 1)).toBe(2)
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('edited')
  })

  it("'delayed' refetches a query that was in flight when the mutation finished, so it does not keep stale data", async () => {
    const { api, store, gates, fetches, settle } = createBlogApi()
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    await request
    const inFlight = deferred<void>()
    gates.set('post', inFlight.promise)
    request.refetch() // reads 'one' now, answers later

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'edited' }))
    gates.delete('post')
    inFlight.resolve()
    await settle()
    await settle()

    expect(fetches('post', 1)).toBe(3)
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('edited')
  })

  it("'delayed' batches the tags of concurrent mutations into one refetch", async () => {
    const { api, store, gates, fetches, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const firstEdit = deferred<void>()
    gates.set('editPost', firstEdit.promise)
    const first = store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'first' }))
    gates.delete('editPost')
    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'second' }))
    await flushPromises()
    expect(fetches('post', 1)).toBe(1)

    firstEdit.resolve()
    await first
    await settle()
    expect(fetches('post', 1)).toBe(2)
  })

  it("'immediately' refetches without waiting for other running requests", async () => {
    const { api, store, gates, fetches, settle } = createBlogApi({ invalidationBehavior: 'immediately' })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const slow = deferred<void>()
    gates.set('slow', slow.promise)
    store.dispatch(api.endpoints.getSlow.initiate())

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'edited' }))
    await flushPromises()
    expect(fetches('post', 1)).toBe(2)
    expect(api.endpoints.getPost.select(1)(store.getState()).data?.title).toBe('edited')
    expect(api.endpoints.getSlow.select()(store.getState()).isLoading).toBe(true)

    slow.resolve()
    await settle()
  })
})

describe('the provided-tag index', () => {
  it('replaces the tags of a refetched entry that now provides different tags', async () => {
    const { api, store, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.getState().api.provided.tags['Author']).toEqual({ '7': ['getPost(1)'] })

    await store.dispatch(api.endpoints.editPost.initiate({ id: 1, authorId: 9 }))
    await settle()

    const { provided } = store.getState().api
    expect(provided.keys['getPost(1)']).toEqual([
      { type: 'Post', id: 1 },
      { type: 'Author', id: 9 },
    ])
    expect(provided.tags['Author']).toEqual({ '9': ['getPost(1)'] })
    expect(provided.tags['Post']).toEqual({ '1': ['getPost(1)'] })
    expect(api.util.selectInvalidatedBy(store.getState(), [{ type: 'Author', id: 7 }])).toEqual([])
  })

  it('leaves no trace of an entry removed by invalidation', async () => {
    const { api, store, settle } = createBlogApi()
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const second = store.dispatch(api.endpoints.getPost.initiate(2))
    await second
    second.unsubscribe()

    store.dispatch(api.util.invalidateTags([{ type: 'Post', id: 2 }]))
    await settle()

    const { provided } = store.getState().api
    expect(provided.keys).not.toHaveProperty('getPost(2)')
    expect(provided.tags['Post']).toEqual({ '1': ['getPost(1)'] })
    expect(provided.tags['Author']).toEqual({ '7': ['getPost(1)'] })
  })

  it('drops a tag type from the index once no entry provides it', async () => {
    const { api, store, settle } = createBlogApi()
    const authors = store.dispatch(api.endpoints.getAuthors.initiate())
    await authors
    authors.unsubscribe()

    store.dispatch(api.util.invalidateTags(['Author']))
    await settle()

    expect(store.getState().api.provided).toEqual({ tags: {}, keys: {} })
  })
})
