import { configureStore } from '@reduxjs/toolkit'
import { StrictMode, type ReactNode } from 'react'
import { act } from '@testing-library/react'
import { Provider } from 'react-redux'
import { vi } from 'vitest'
import { createApi } from 'api-slice/react'
import { deferred, liveSubscriptions, setupStore, type TestStore } from '../../core/helpers/setup'

export interface Post {
  id: number
  title: string
  body: string
  /** Which request (1, 2, ...) of the fake server produced this post, so a refetch shows. */
  fetch: number
}

/** What the endpoints hand to the base query: the endpoint's name and its argument. */
export type FakeRequest = { endpoint: 'getPost'; arg: number } | { endpoint: 'getPosts'; arg: { page: number } }

/**
 * An api over a fake server: `getPost(id)` answers `{ id, title: 'Post <id>', body: 'Body <id>', fetch }`
 * (negative ids fail with `{ status: 404 }`), `getPosts({ page })` answers two posts, and
 * `editPost` answers the edited post. `hold()` makes requests wait until the returned release
 * function is called. The base query is a mock: its calls are the requests.
 */
export function createPostsApi(
  options: {
    isServer?: boolean
    refetchOnMountOrArgChange?: boolean | number
    keepUnusedDataFor?: number
    /** Redux Toolkit's immutability and serializability checks, which are slow with hundreds of entries. Default: true. */
    devChecks?: boolean
  } = {},
) {
  let fetches = 0
  let gate: Promise<void> | undefined
  const post = (id: number): Post => ({ id, title: `Post ${id}`, body: `Body ${id}`, fetch: fetches })
  const baseQuery = vi.fn(async (request: FakeRequest | { endpoint: 'editPost'; arg: Partial<Post> }) => {
    fetches += 1
    const waiting = gate
    if (waiting) await waiting
    if (request.endpoint === 'getPost') {
      return request.arg < 0 ? { error: { status: 404, data: `no post ${request.arg}` } } : { data: post(request.arg) }
    }
    if (request.endpoint === 'getPosts') {
      const first = request.arg.page * 2
      return { data: [post(first), post(first + 1)] }
    }
    return { data: { ...post(request.arg.id ?? 0), ...request.arg } }
  })
  const api = createApi({
    baseQuery,
    isServer: options.isServer,
    refetchOnMountOrArgChange: options.refetchOnMountOrArgChange,
    keepUnusedDataFor: options.keepUnusedDataFor,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => ({ endpoint: 'getPost', arg: id }) }),
      getPosts: build.query<Post[], { page: number }>({ query: (arg) => ({ endpoint: 'getPosts', arg }) }),
      editPost: build.mutation<Post, Pick<Post, 'id' | 'title'>>({
        query: (arg) => ({ endpoint: 'editPost', arg }),
      }),
    }),
  })
  const store =
    options.devChecks === false
      ? (configureStore({
          reducer: { [api.reducerPath]: api.reducer },
          middleware: (getDefaultMiddleware) =>
            getDefaultMiddleware({ immutableCheck: false, serializableCheck: false }).concat(api.middleware),
          // As in setupStore: render counts here are about the hooks, not Redux Toolkit's notification
          // batching (the compatibility suite compares them with batching on, against RTK Query).
          enhancers: (getDefaultEnhancers) => getDefaultEnhancers({ autoBatch: false }),
        }) as unknown as TestStore)
      : setupStore(api)
  const hold = () => {
    const release = deferred<void>()
    gate = release.promise
    return () => {
      gate = undefined
      release.resolve()
    }
  }
  /** The requests made so far, optionally only those of one endpoint. */
  const requests = (endpoint?: string) =>
    baseQuery.mock.calls.map(([request]) => request).filter((request) => !endpoint || request.endpoint === endpoint)
  return { api, store, baseQuery, hold, requests }
}

/** A wrapper for `render`/`renderHook` that provides `store`, optionally under <StrictMode>. */
export function storeWrapper(store: TestStore, options: { strict?: boolean } = {}) {
  return function Wrapper({ children }: { children?: ReactNode }) {
    const tree = <Provider store={store}>{children}</Provider>
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree
  }
}

/** Subscriber counts by cache key, from the middleware, where subscriptions live (keys without subscribers left out). */
export function subscriberCounts(store: TestStore): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const [key, subscribers] of Object.entries(liveSubscriptions(store)))
    counts[key] = Object.keys(subscribers).length
  return counts
}

/** Lets the fake server answer and React render the results. Works with real and fake timers. */
export async function settle(): Promise<void> {
  await act(async () => {
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0)
    else await new Promise((resolve) => setTimeout(resolve, 0))
  })
}
