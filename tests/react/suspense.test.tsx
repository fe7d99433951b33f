// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import { QueryError } from 'api-slice/react'
import { type ReactElement, Suspense } from 'react'
import { Provider } from 'react-redux'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, setupStore, type TestStore, liveSubscriptions } from '../core/helpers/setup'
import {
  countingFallback,
  createPostsApi,
  ErrorBoundary,
  hydrateAction,
  manualResponses,
  type PostsApi,
  watchUnhandledRejections,
} from './helpers/suspenseSsr'

/** Shows the post's title; the title of every render is recorded in `seen`. */
function postTitle(api: PostsApi, seen: string[] = []) {
  return function PostTitle({ id }: { id: number }) {
    const { data } = api.useGetPostSuspenseQuery(id)
    seen.push(data.title)
    return <h1>{data.title}</h1>
  }
}

/** The same, through `api.endpoints.getPost.useSuspenseQuery`. */
function postTeaser(api: PostsApi) {
  return function PostTeaser({ id }: { id: number }) {
    const { data } = api.endpoints.getPost.useSuspenseQuery(id)
    return <p>teaser: {data.title}</p>
  }
}

function subscribersOf(store: TestStore, queryCacheKey: string): string[] {
  return Object.keys(liveSubscriptions(store)[queryCacheKey] ?? {})
}

/** Renders inside an awaited act, as React 19 wants for trees that suspend. */
async function renderAsync(ui: ReactElement) {
  let result!: ReturnType<typeof render>
  await act(async () => {
    result = render(ui)
  })
  return result
}

/** Lets queued microtasks run and React commit what they caused. */
async function settle(): Promise<void> {
  await act(async () => {
    await flushPromises()
  })
}

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('useSuspenseQuery: suspending until data arrives', () => {
  // Suspending and resuming is ordinary: React must have nothing to warn about (act, conditional use()).
  beforeEach(() => void vi.spyOn(console, 'error'))
  afterEach(() => {
    cleanup()
    const messages = vi.mocked(console.error).mock.calls.map((call) => String(call[0]))
    vi.restoreAllMocks()
    expect(messages).toEqual([])
  })

  it('shows the Suspense fallback until the data arrives, then the data', async () => {
    const responses = manualResponses()
    const { api, requests } = createPostsApi({ respond: responses.respond })
    const store = setupStore(api)
    const PostTitle = postTitle(api)
    await renderAsync(
      <Provider store={store}>
        <Suspense fallback={<p>loading</p>}>
          <PostTitle id={1} />
        </Suspense>
      </Provider>,
    )
    await settle()
    expect(screen.getByText('loading')).toBeTruthy()
    expect(requests).toEqual([1])

    await act(async () => responses.resolve(1, 'first post'))
    expect(screen.getByRole('heading').textContent).toBe('first post')
    expect(screen.queryByText('loading')).toBeNull()
  })

  it('makes one request when two components suspend on the same argument', async () => {
    const responses = manualResponses()
    const { api, requests } = createPostsApi({ respond: responses.respond })
    const store = setupStore(api)
    const PostTitle = postTitle(api)
    const PostTeaser = postTeaser(api)
    await renderAsync(
      <Provider store={store}>
        <Suspense fallback={<p>loading title</p>}>
          <PostTitle id={1} />
        </Suspense>
        <Suspense fallback={<p>loading teaser</p>}>
          <PostTeaser id={1} />
        </Suspense>
      </Provider>,
    )
    await settle()
    expect(screen.getByText('loading title')).toBeTruthy()
    expect(screen.getByText('loading teaser')).toBeTruthy()

    await act(async () => responses.resolve(1, 'shared'))
    expect(screen.getByRole('heading').textContent).toBe('shared')
    expect(screen.getByText('teaser: shared')).toBeTruthy()
    expect(requests).toEqual([1])
  })

  it('suspends again when the argument changes to one without data', async () => {
    const responses = manualResponses()
    const { api, requests } = createPostsApi({ respond: responses.respond })
    const store = setupStore(api)
    const PostTitle = postTitle(api)
    const { counter, Fallback } = countingFallback()
    const app = (id: number) => (
      <Provider store={store}>
        <Suspense fallback={<Fallback />}>
          <PostTitle id={id} />
        </Suspense>
      </Provider>
    )
    const { rerender } = await renderAsync(app(1))
    await settle()
    await act(async () => responses.resolve(1))
    expect(screen.getByRole('heading').textContent).toBe('post 1')
    const fallbacksForFirst = counter.renders

    await act(async () => rerender(app(2)))
    await settle()
    expect(screen.getByText('loading')).toBeTruthy()
    expect(counter.renders).toBeGreaterThan(fallbacksForFirst)
    expect(requests).toEqual([1, 2])

    await act(async () => responses.resolve(2))
    expect(screen.getByRole('heading').textContent).toBe('post 2')
  })

  it('subscribes while mounted and unsubscribes on unmount', async () => {
    const responses = manualResponses()
    const { api } = createPostsApi({ respond: responses.respond })
    const store = setupStore(api)
    const PostTitle = postTitle(api)
    const { unmount } = await renderAsync(
      <Provider store={store}>
        <Suspense fallback={<p>loading</p>}>
          <PostTitle id={1} />
        </Suspense>
      </Provider>,
    )
    await settle()
    // Suspended: nothing is mounted, so nothing subscribes.
    expect(subscribersOf(store, 'getPost(1)')).toEqual([])

    await act(async () => responses.resolve(1))
    expect(screen.getByRole('heading').textContent).toBe('post 1')
    expect(subscribersOf(store, 'getPost(1)')).toHaveLength(1)

    unmount()
    expect(subscribersOf(store, 'getPost(1)')).toEqual([])
  })
})

describe('useSuspenseQuery: data already in the store', () => {
  /** Renders post 1 under a counting fallback and returns what the fallback and the component rendered. */
  async function renderPost(api: PostsApi, store: TestStore) {
    const { counter, Fallback } = countingFallback()
    const seen: string[] = []
    const PostTitle = postTitle(api, seen)
    await renderAsync(
      <Provider store={store}>
        <Suspense fallback={<Fallback />}>
          <PostTitle id={1} />
        </Suspense>
      </Provider>,
    )
    return { counter, seen }
  }

  it('never suspends for data prefetched with initiate', async () => {
    const { api, requests } = createPostsApi()
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    const { counter, seen } = await renderPost(api, store)
    expect(counter.renders).toBe(0)
    expect(seen[0]).toBe('post 1')
    expect(screen.getByRole('heading').textContent).toBe('post 1')
    await settle()
    expect(counter.renders).toBe(0)
    expect(requests).toEqual([1])
  })

  it('never suspends for data in a preloaded state', async () => {
    const server = createPostsApi({ isServer: true })
    const serverStore = setupStore(server.api)
    await serverStore.dispatch(server.api.endpoints.getPost.initiate(1))
    const { api, requests } = createPostsApi()
    const store = setupStore(api, { preloadedState: JSON.parse(JSON.stringify(serverStore.getState())) })
    const { counter, seen } = await renderPost(api, store)
    expect(counter.renders).toBe(0)
    expect(seen[0]).toBe('post 1')
    await settle()
    expect(counter.renders).toBe(0)
    expect(requests).toEqual([])
  })

  it('never suspends for data rehydrated with extractRehydrationInfo', async () => {
    const server = createPostsApi({ isServer: true })
    const serverStore = setupStore(server.api)
    await serverStore.dispatch(server.api.endpoints.getPost.initiate(1))
    const { api, requests } = createPostsApi()
    const store = setupStore(api)
    store.dispatch(hydrateAction(JSON.parse(JSON.stringify(serverStore.getState()))))
    const { counter, seen } = await renderPost(api, store)
    expect(counter.renders).toBe(0)
    expect(seen[0]).toBe('post 1')
    await settle()
    expect(counter.renders).toBe(0)
    expect(requests).toEqual([])
  })
})

describe('useSuspenseQuery: failures', () => {
  let rejections: ReturnType<typeof watchUnhandledRejections>
  beforeEach(() => {
    rejections = watchUnhandledRejections()
    // React reports errors its boundaries catch with console.error.
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => rejections.stop())

  async function renderWithBoundary(api: PostsApi, store: TestStore, id: number) {
    const caught: unknown[] = []
    const PostTitle = postTitle(api)
    await renderAsync(
      <Provider store={store}>
        <ErrorBoundary onError={(error) => caught.push(error)}>
          <Suspense fallback={<p>loading</p>}>
            <PostTitle id={id} />
          </Suspense>
        </ErrorBoundary>
      </Provider>,
    )
    return caught
  }

  it('gives the nearest error boundary a QueryError carrying the query error', async () => {
    const responses = manualResponses()
    const { api } = createPostsApi({ respond: responses.respond })
    const store = setupStore(api)
    const caught = await renderWithBoundary(api, store, 7)
    await settle()
    expect(screen.getByText('loading')).toBeTruthy()

    await act(async () => responses.fail(7, { status: 500, message: 'database down' }))
    await settle()
    expect(caught).toHaveLength(1)
    const error = caught[0] as QueryError
    expect(error).toBeInstanceOf(QueryError)
    expect(error.message).toContain('[api-slice]')
    expect(error.message).toContain('getPost')
    expect(error.error).toEqual({ status: 500, message: 'database down' })
    expect(error.error).toBe(store.getState().api.queries['getPost(7)'].error)
    expect(screen.getByRole('alert').textContent).toBe(error.message)
    expect(rejections.reasons).toEqual([])
  })

  it('gives the boundary the serialized error when the queryFn throws', async () => {
    const { api } = createPostsApi({
      respond: () => {
        throw new Error('queryFn exploded')
      },
    })
    const store = setupStore(api)
    const caught = await renderWithBoundary(api, store, 3)
    await settle()
    await settle()
    expect(caught).toHaveLength(1)
    const error = caught[0] as QueryError
    expect(error).toBeInstanceOf(QueryError)
    expect(error.message).toContain('[api-slice]')
    expect(error.message).toContain('getPost')
    expect(error.error).toMatchObject({ name: 'Error', message: 'queryFn exploded' })
    expect(rejections.reasons).toEqual([])
  })

  it('throws at once, without suspending, for an entry that already failed', async () => {
    const { api, requests } = createPostsApi({ respond: () => ({ error: { status: 404, message: 'no post' } }) })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(4))
    const caught = await renderWithBoundary(api, store, 4)
    expect(screen.queryByText('loading')).toBeNull()
    expect(caught).toHaveLength(1)
    expect((caught[0] as QueryError).error).toEqual({ status: 404, message: 'no post' })
    await settle()
    expect(requests).toEqual([4])
    expect(rejections.reasons).toEqual([])
  })
})
