// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import { ApiProvider, setupListeners } from 'api-slice/react'
import { Provider, useStore } from 'react-redux'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, setupStore, type TestStore } from '../core/helpers/setup'
import { createPostsApi, ErrorBoundary, type PostsApi } from './helpers/suspenseSsr'

/** Shows post `id` through useQuery; hands the store it found to `onStore`. */
function postTitle(api: PostsApi, onStore: (store: TestStore) => void = () => {}) {
  return function PostTitle({ id }: { id: number }) {
    onStore(useStore() as TestStore)
    const { data, isLoading } = api.useGetPostQuery(id)
    return <h1>{isLoading ? 'loading' : data?.title}</h1>
  }
}

async function settle(): Promise<void> {
  await act(async () => {
    await flushPromises()
  })
}

async function focusWindow(): Promise<void> {
  await act(async () => {
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
  })
}

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('ApiProvider', () => {
  it('gives the hooks a store with the api reducer and middleware', async () => {
    const { api, requests } = createPostsApi()
    let store: TestStore | undefined
    const PostTitle = postTitle(api, (found) => (store = found))
    render(
      <ApiProvider api={api}>
        <PostTitle id={1} />
      </ApiProvider>,
    )
    expect(screen.getByRole('heading').textContent).toBe('loading')
    await settle()
    expect(screen.getByRole('heading').textContent).toBe('post 1')
    expect(requests).toEqual([1])
    expect(store?.getState().api.queries['getPost(1)'].data).toEqual({ id: 1, title: 'post 1' })
    expect(store?.getState().api.config.middlewareRegistered).toBe(true)
  })

  it('keeps one store across re-renders', async () => {
    const { api, requests } = createPostsApi()
    const stores = new Set<TestStore>()
    const PostTitle = postTitle(api, (found) => stores.add(found))
    const app = (id: number) => (
      <ApiProvider api={api}>
        <PostTitle id={id} />
      </ApiProvider>
    )
    const { rerender } = render(app(1))
    await settle()
    rerender(app(2))
    await settle()
    rerender(app(1))
    await settle()
    expect(stores.size).toBe(1)
    // Post 1 was still cached in that one store when it came back.
    expect(requests).toEqual([1, 2])
    expect(screen.getByRole('heading').textContent).toBe('post 1')
  })

  it('gives each ApiProvider its own store', async () => {
    const { api, requests } = createPostsApi()
    const stores = new Set<TestStore>()
    const PostTitle = postTitle(api, (found) => stores.add(found))
    render(
      <>
        <ApiProvider api={api}>
          <PostTitle id={1} />
        </ApiProvider>
        <ApiProvider api={api}>
          <PostTitle id={1} />
        </ApiProvider>
      </>,
    )
    await settle()
    expect(stores.size).toBe(2)
    expect(requests).toEqual([1, 1])
  })

  it('throws a clear error inside a react-redux Provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api } = createPostsApi()
    const caught: unknown[] = []
    const PostTitle = postTitle(api)
    render(
      <Provider store={setupStore(api)}>
        <ErrorBoundary onError={(error) => caught.push(error)}>
          <ApiProvider api={api}>
            <PostTitle id={1} />
          </ApiProvider>
        </ErrorBoundary>
      </Provider>,
    )
    expect(caught).toHaveLength(1)
    const message = (caught[0] as Error).message
    expect(message).toContain('[api-slice]')
    expect(message).toContain('ApiProvider')
    expect(message).toContain('<Provider>')
    expect(screen.getByRole('alert').textContent).toBe(message)
  })
})

describe('ApiProvider and window listeners', () => {
  it('sets up listeners by default, so focusing the window refetches with refetchOnFocus', async () => {
    const { api, requests } = createPostsApi({ refetchOnFocus: true })
    const PostTitle = postTitle(api)
    render(
      <ApiProvider api={api}>
        <PostTitle id={1} />
      </ApiProvider>,
    )
    await settle()
    expect(requests).toEqual([1])
    await focusWindow()
    expect(requests).toEqual([1, 1])
  })

  it('sets up no listeners with setupListeners={false}', async () => {
    const { api, requests } = createPostsApi({ refetchOnFocus: true })
    const PostTitle = postTitle(api)
    render(
      <ApiProvider api={api} setupListeners={false}>
        <PostTitle id={1} />
      </ApiProvider>,
    )
    await settle()
    await focusWindow()
    expect(requests).toEqual([1])
  })

  it('removes its listeners on unmount', async () => {
    const { api } = createPostsApi()
    let store: TestStore | undefined
    const PostTitle = postTitle(api, (found) => (store = found))
    const { unmount } = render(
      <ApiProvider api={api}>
        <PostTitle id={1} />
      </ApiProvider>,
    )
    await settle()
    await act(async () => void window.dispatchEvent(new Event('offline')))
    expect(store?.getState().api.config.online).toBe(false)
    await act(async () => void window.dispatchEvent(new Event('online')))
    expect(store?.getState().api.config.online).toBe(true)

    unmount()
    window.dispatchEvent(new Event('offline'))
    expect(store?.getState().api.config.online).toBe(true)
    window.dispatchEvent(new Event('online'))
  })

  it('passes a custom handler the store dispatch and the listener actions, and calls its cleanup on unmount', async () => {
    const { api, requests } = createPostsApi({ refetchOnFocus: true })
    const cleanupHandler = vi.fn()
    const handler = vi.fn<NonNullable<Parameters<typeof setupListeners>[1]>>(() => cleanupHandler)
    let store: TestStore | undefined
    const PostTitle = postTitle(api, (found) => (store = found))
    const { unmount } = render(
      <ApiProvider api={api} setupListeners={handler}>
        <PostTitle id={1} />
      </ApiProvider>,
    )
    await settle()
    expect(handler).toHaveBeenCalledTimes(1)
    const [dispatch, actions] = handler.mock.calls[0]!
    expect(dispatch).toBe(store?.dispatch)

    // The handler's actions drive the same refetching the default listeners would.
    await act(async () => {
      dispatch(actions.onFocus())
      await flushPromises()
    })
    expect(requests).toEqual([1, 1])
    // The window is not listened to: the handler replaces the default listeners.
    await focusWindow()
    expect(requests).toEqual([1, 1])

    expect(cleanupHandler).not.toHaveBeenCalled()
    unmount()
    expect(cleanupHandler).toHaveBeenCalledTimes(1)
  })
})
