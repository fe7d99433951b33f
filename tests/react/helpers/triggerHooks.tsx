import type { ReactNode } from 'react'
import { Provider } from 'react-redux'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, expect, type MockInstance, vi } from 'vitest'
import { createApi, fakeBaseQuery } from 'api-slice/react'
import { liveSubscriptions, setupStore, type TestStore } from '../../core/helpers/setup'

/** Shared by the lazy query, mutation and infinite query hook tests. */

export interface Post {
  id: number
  title: string
}

export interface PostError {
  status: number
  message: string
}

type Outcome<T> = { data: T } | { error: PostError }

/**
 * An api over a fake post server: `getPost` (query, provides `Post:id`) and
 * `editPost` (mutation, invalidates `Post:id`). Negative ids fail with a 404.
 * The queryFns are mocks, so tests count calls and hold a call back with
 * `mockImplementationOnce(() => deferred.promise)`.
 */
export function makePostsApi() {
  const titles = new Map<number, string>()
  const titleOf = (id: number) => titles.get(id) ?? `Post ${id}`
  const notFound = (id: number): { error: PostError } => ({ error: { status: 404, message: `No post ${id}` } })
  const getPost = vi.fn(async (id: number): Promise<Outcome<Post>> =>
    id < 0 ? notFound(id) : { data: { id, title: titleOf(id) } },
  )
  const editPost = vi.fn(async (post: Post): Promise<Outcome<Post>> => {
    if (post.id < 0) return notFound(post.id)
    titles.set(post.id, post.title)
    return { data: { ...post } }
  })
  const api = createApi({
    baseQuery: fakeBaseQuery<PostError>(),
    tagTypes: ['Post'],
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: (id) => getPost(id),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      editPost: build.mutation<Post, Post>({
        queryFn: (post) => editPost(post),
        invalidatesTags: (_result, _error, post) => [{ type: 'Post', id: post.id }],
      }),
    }),
  })
  const store = setupStore(api)
  return { api, store, getPost, editPost, titles, wrapper: wrapperFor(store) }
}

/** A `wrapper` for `render`/`renderHook` that provides the store. */
export function wrapperFor(store: TestStore) {
  return function StoreProvider({ children }: { children: ReactNode }) {
    return <Provider store={store}>{children}</Provider>
  }
}

/** The api slice of the store's state (`state.api`). */
export function apiState(store: TestStore) {
  return store.getState().api as {
    queries: Record<string, { status: string; data?: unknown } | undefined>
    mutations: Record<string, { status: string; data?: unknown; requestId?: string } | undefined>
    subscriptions: Record<string, Record<string, unknown> | undefined>
  }
}

/** The cache keys that have at least one subscriber (read from the middleware, where subscriptions live). */
export function subscribedKeys(store: TestStore): string[] {
  return Object.keys(liveSubscriptions(store)).sort()
}

/**
 * Fails the test if React logs an error (act() warnings, state updates on
 * unmounted components, hook errors) or a promise rejection goes unhandled.
 * Tests that expect a warning read `consoleWatch.apiSliceWarnings()`. Also does what
 * Testing Library does itself only with vitest globals on: marks the act
 * environment (so React reports updates outside act) and unmounts after each test.
 */
export function watchConsole() {
  const watch = {
    error: undefined as unknown as MockInstance<typeof console.error>,
    warn: undefined as unknown as MockInstance<typeof console.warn>,
    rejections: [] as unknown[],
    /**
     * The messages of this library's warnings. Redux Toolkit's development
     * checks may also warn (a slow invariant middleware on a loaded machine),
     * so tests count only these.
     */
    apiSliceWarnings: () =>
      watch.warn.mock.calls.map((args) => String(args[0])).filter((message) => message.includes('[api-slice]')),
  }
  const onRejection = (reason: unknown) => {
    watch.rejections.push(reason)
  }
  beforeAll(() => {
    ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  })
  beforeEach(() => {
    watch.error = vi.spyOn(console, 'error').mockImplementation(() => {})
    watch.warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    watch.rejections = []
    process.on('unhandledRejection', onRejection)
  })
  afterEach(() => {
    cleanup()
    process.off('unhandledRejection', onRejection)
    const errors = watch.error.mock.calls
    const rejections = watch.rejections
    vi.restoreAllMocks()
    expect(errors).toEqual([])
    expect(rejections).toEqual([])
  })
  return watch
}

/** One page of a feed: the items from `offset`, and the offsets of the pages around it (none past either end). */
export interface FeedPage {
  offset: number
  items: string[]
  next?: number
  prev?: number
}

/**
 * An api with one infinite query, `getFeed: infiniteQuery<FeedPage, string, number>`,
 * over a fake feed of `size` items in pages of 2; the page param is an offset
 * starting at `initialPageParam` (0). Bump `server.revision` to change the items.
 */
export function makeFeedApi(options: { size?: number; initialPageParam?: number } = {}) {
  const server = { size: options.size ?? 6, pageSize: 2, revision: 0 }
  const page = (feed: string, offset: number): FeedPage => {
    const end = Math.min(offset + server.pageSize, server.size)
    const items: string[] = []
    for (let index = offset; index < end; index++) items.push(`${feed}:${index}@${server.revision}`)
    return {
      offset,
      items,
      next: end < server.size ? end : undefined,
      prev: offset > 0 ? Math.max(0, offset - server.pageSize) : undefined,
    }
  }
  const getFeed = vi.fn(
    async ({ queryArg, pageParam }: { queryArg: string; pageParam: number }): Promise<Outcome<FeedPage>> => ({
      data: page(queryArg, pageParam),
    }),
  )
  const api = createApi({
    baseQuery: fakeBaseQuery<PostError>(),
    endpoints: (build) => ({
      getFeed: build.infiniteQuery<FeedPage, string, number>({
        queryFn: (arg) => getFeed(arg),
        infiniteQueryOptions: {
          initialPageParam: options.initialPageParam ?? 0,
          getNextPageParam: (lastPage) => lastPage.next,
          getPreviousPageParam: (firstPage) => firstPage.prev,
        },
      }),
    }),
  })
  const store = setupStore(api)
  /** The page params the queryFn was called with, in order. */
  const requestedParams = () => getFeed.mock.calls.map(([arg]) => arg.pageParam)
  return { api, store, server, page, getFeed, requestedParams, wrapper: wrapperFor(store) }
}
