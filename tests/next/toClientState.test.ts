import { combineReducers, configureStore, type Reducer } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery, fetchBaseQuery, QueryStatus } from 'api-slice'
import { toClientState } from 'api-slice/next'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deferred, setupStore } from '../core/helpers/setup'
import { createPostsApi, type Post } from './helpers/nextApi'

const REDACTED = 'An error occurred on the server.'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

/** An api whose getPost fails for some ids, the way servers fail. */
function createFailingApi() {
  return createApi({
    baseQuery: fakeBaseQuery<{ status: number; data?: unknown; message?: string; stack?: string }>(),
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: (id) => {
          if (id === 404) {
            return {
              error: {
                status: 404,
                data: { error: 'Not found' },
                message: 'SELECT * FROM posts WHERE id = 404 returned nothing',
                stack: 'Error: at db.query (/srv/app/db.js:12:5)',
              },
            }
          }
          if (id === 500) throw new Error('connect ECONNREFUSED 10.0.0.5:5432')
          return { data: { id, title: `post ${id}` } }
        },
      }),
      savePost: build.mutation<Post, Post>({
        queryFn: () => ({ error: { status: 409, data: { reason: 'conflict' }, message: 'row locked by pid 4242' } }),
      }),
    }),
  })
}

async function failedServerState() {
  const api = createFailingApi()
  const store = setupStore(api)
  vi.spyOn(console, 'error').mockImplementation(() => {}) // the throwing queryFn is reported
  store.dispatch(api.endpoints.getPost.initiate(404))
  store.dispatch(api.endpoints.getPost.initiate(500))
  await Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
  await store.dispatch(api.endpoints.savePost.initiate({ id: 1, title: 'x' }, { fixedCacheKey: 'save' }))
  return store.getState()
}

/** Every path in `value` whose value is `undefined`, as JSON would lose it. */
function undefinedPaths(value: unknown, path = '$'): string[] {
  if (value === undefined) return [path]
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => undefinedPaths(item, `${path}.${key}`))
}

function nonPlainObjects(value: unknown, path = '$'): string[] {
  if (typeof value !== 'object' || value === null) return []
  const proto = Object.getPrototypeOf(value)
  const own = Array.isArray(value) || proto === Object.prototype ? [] : [path]
  return own.concat(Object.entries(value).flatMap(([key, item]) => nonPlainObjects(item, `${path}.${key}`)))
}

describe('toClientState: what the api slices keep', () => {
  it('keeps settled queries and fixedCacheKey mutations; drops pending entries, per-request mutations and subscriptions', async () => {
    const slow = deferred<Post>()
    const api = createPostsApi({ source: (id) => (id === 2 ? slow.promise : { id, title: `server ${id}` }) })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    store.dispatch(api.endpoints.getPost.initiate(2))
    await store.dispatch(api.endpoints.renamePost.initiate({ id: 1, title: 'shared' }, { fixedCacheKey: 'rename' }))
    await store.dispatch(api.endpoints.renamePost.initiate({ id: 1, title: 'own' }))
    const state = store.getState()
    expect(Object.keys(state.api.mutations)).toHaveLength(2)
    expect(Object.keys(state.api.subscriptions)).toHaveLength(2)

    const client = toClientState(state).api

    expect(Object.keys(client.queries)).toEqual(['getPost(1)'])
    expect(client.queries['getPost(1)']).toMatchObject({
      status: QueryStatus.fulfilled,
      data: { id: 1, title: 'server 1' },
    })
    expect(Object.keys(client.mutations)).toEqual(['rename'])
    expect(client.mutations.rename).toMatchObject({ status: QueryStatus.fulfilled, data: { title: 'shared' } })
    expect(client.subscriptions).toEqual({})
    expect(client.provided.keys).toEqual({ 'getPost(1)': [{ type: 'Post', id: 1 }] })
    expect(client.provided.tags).toEqual({ Post: { 1: ['getPost(1)'] } })
    expect(client.config.reducerPath).toBe('api')
    slow.resolve({ id: 2, title: 'late' })
  })

  it('copies the rest of the state as JSON would, and leaves the store state untouched', async () => {
    const api = createPostsApi()
    const store = configureStore({
      reducer: combineReducers({
        api: api.reducer,
        session: ((state = { user: 'ada', since: new Date('2024-01-01T00:00:00Z'), token: undefined }) =>
          state) as Reducer<{ user: string; since: Date; token?: string }>,
      }),
      middleware: (getDefault) => getDefault({ serializableCheck: false }).concat(api.middleware),
    })
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const state = store.getState()

    const client = toClientState(state)

    expect(client.session).toEqual({ user: 'ada', since: '2024-01-01T00:00:00.000Z' })
    expect('token' in client.session).toBe(false)
    expect(state.session.since).toBeInstanceOf(Date)
    expect(Object.keys(state.api.subscriptions)).toHaveLength(1)
  })

  it('filters only the slices listed in reducerPaths', async () => {
    const api = createPostsApi()
    const store = setupStore(api)
    const slow = store.dispatch(api.endpoints.getPosts.initiate())
    await Promise.resolve() // the subscription reaches the state at the end of the task on the server
    const state = { ...store.getState(), copyOfApi: store.getState().api }

    const client = toClientState(state, { reducerPaths: ['api'] }) as typeof state

    expect(client.api.subscriptions).toEqual({})
    expect(client.copyOfApi.subscriptions).not.toEqual({})
    await slow
  })

  it('throws, naming the api slices it found, when reducerPaths lists something that is not an api', () => {
    const api = createPostsApi()
    const store = setupStore(api)
    expect(() => toClientState(store.getState(), { reducerPaths: ['posts'] })).toThrow(
      /\[api-slice\] toClientState: state\['posts'\] is not an api's state.*'api'/,
    )
  })

  it('throws for a root state that is not an object', () => {
    expect(() => toClientState(null)).toThrow(/\[api-slice\].*store\.getState\(\)/)
  })
})

describe('toClientState: no undefined, only plain data', () => {
  it('leaves no undefined anywhere in its output, and only plain objects', async () => {
    const api = createApi({
      baseQuery: fakeBaseQuery(),
      endpoints: (build) => ({
        getFeed: build.query<{ items: (string | undefined)[]; cursor?: string; meta: { next: undefined } }, void>({
          queryFn: () => ({ data: { items: ['a', undefined], cursor: undefined, meta: { next: undefined } } }),
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getFeed.initiate())
    expect(undefinedPaths(JSON.parse(JSON.stringify(store.getState())))).toEqual([])
    // The live entry holds undefined (originalArgs, the data's fields); JSON would hide that, a walk does not.
    expect(undefinedPaths(store.getState().api.queries).length).toBeGreaterThan(0)

    const client = toClientState(store.getState())

    expect(undefinedPaths(client)).toEqual([])
    expect(nonPlainObjects(client)).toEqual([])
    expect(client.api.queries['getFeed(undefined)']?.data).toEqual({ items: ['a', null], meta: {} })
    expect(client).toEqual(JSON.parse(JSON.stringify(client)))
  })

  it('throws, naming the place, for a BigInt or a cycle', () => {
    expect(() => toClientState({ ui: { total: 10n } })).toThrow(/\[api-slice\].*'ui\.total' is a BigInt/)
    const node: Record<string, unknown> = { name: 'root' }
    node.self = node
    expect(() => toClientState({ tree: node })).toThrow(/\[api-slice\].*'tree\.self'.*cycle/)
  })
})

describe('toClientState: error redaction', () => {
  it('with redactErrors: true keeps status and data, replaces the message and removes the stack', async () => {
    const client = toClientState(await failedServerState(), { redactErrors: true }).api

    expect(client.queries['getPost(404)']?.error).toEqual({
      status: 404,
      data: { error: 'Not found' },
      message: REDACTED,
    })
    const thrown = client.queries['getPost(500)']?.error as Record<string, unknown>
    expect(thrown).toMatchObject({ name: 'Error', message: REDACTED })
    expect(thrown).not.toHaveProperty('stack')
    expect(JSON.stringify(client)).not.toContain('ECONNREFUSED')
    expect(client.mutations.save?.error).toEqual({ status: 409, data: { reason: 'conflict' }, message: REDACTED })
  })

  it('with redactErrors: false keeps messages and stacks', async () => {
    const client = toClientState(await failedServerState(), { redactErrors: false }).api

    expect(client.queries['getPost(404)']?.error).toEqual({
      status: 404,
      data: { error: 'Not found' },
      message: 'SELECT * FROM posts WHERE id = 404 returned nothing',
      stack: 'Error: at db.query (/srv/app/db.js:12:5)',
    })
    expect(client.queries['getPost(500)']?.error).toMatchObject({
      message: 'connect ECONNREFUSED 10.0.0.5:5432',
      stack: expect.stringContaining('ECONNREFUSED'),
    })
    expect(client.mutations.save?.error).toMatchObject({ message: 'row locked by pid 4242' })
  })

  it("redacts the exception text fetchBaseQuery keeps in a FETCH_ERROR's error field", async () => {
    const api = createApi({
      baseQuery: fetchBaseQuery({
        baseUrl: 'http://backend.internal',
        fetchFn: () => Promise.reject(new TypeError('getaddrinfo ENOTFOUND backend.internal')),
      }),
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => `posts/${id}` }) }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))

    expect(toClientState(store.getState(), { redactErrors: true }).api.queries['getPost(1)']?.error).toEqual({
      status: 'FETCH_ERROR',
      error: REDACTED,
    })
    expect(toClientState(store.getState(), { redactErrors: false }).api.queries['getPost(1)']?.error).toEqual({
      status: 'FETCH_ERROR',
      error: expect.stringContaining('ENOTFOUND'),
    })
  })

  it('redacts by default in production and not in development', async () => {
    const state = await failedServerState()

    vi.stubEnv('NODE_ENV', 'production')
    expect(toClientState(state).api.queries['getPost(404)']?.error).toMatchObject({ message: REDACTED })

    vi.stubEnv('NODE_ENV', 'development')
    expect(toClientState(state).api.queries['getPost(404)']?.error).toMatchObject({
      message: 'SELECT * FROM posts WHERE id = 404 returned nothing',
      stack: expect.any(String),
    })
  })
})
