// @vitest-environment happy-dom
import { Component, createContext, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, renderHook, screen } from '@testing-library/react'
import {
  createDispatchHook,
  createSelectorHook,
  createStoreHook,
  Provider,
  type ReactReduxContextValue,
} from 'react-redux'
import { buildCreateApi, coreModule, reactHooksModule } from 'api-slice/react'
import { setupStore } from '../core/helpers/setup'
import { createPostsApi, type Post, settle, storeWrapper, subscriberCounts } from './helpers/queryHooks'

let consoleError: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  // React reports every error an error boundary catches with console.error.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

/** Shows the error its children threw (while rendering or in an effect) and hands it to `onError`. */
class ErrorBoundary extends Component<{ onError: (error: Error) => void; children?: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override componentDidCatch(error: Error) {
    this.props.onError(error)
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children
  }
}

/** Renders `useHook` in a component under an error boundary (and `wrapper`, if any); returns what the boundary caught. */
function renderCatching(useHook: () => unknown, wrapper?: (props: { children?: ReactNode }) => ReactNode) {
  const caught: Error[] = []
  function UsesHook() {
    useHook()
    return <p>rendered</p>
  }
  const tree = (
    <ErrorBoundary onError={(error) => caught.push(error)}>
      <UsesHook />
    </ErrorBoundary>
  )
  render(tree, { wrapper })
  return caught
}

describe('hooks outside any Provider', () => {
  const { api } = createPostsApi()
  const hooks: [string, () => unknown][] = [
    ['useGetPostQuery', () => api.useGetPostQuery(1)],
    ['useQueryState', () => api.endpoints.getPost.useQueryState(1)],
    ['useQuerySubscription', () => api.endpoints.getPost.useQuerySubscription(1)],
    ['useLazyGetPostQuery', () => api.useLazyGetPostQuery()],
    ['useEditPostMutation', () => api.useEditPostMutation()],
    ['usePrefetch', () => api.usePrefetch('getPost')],
  ]

  it.each(hooks)('%s throws an [api-slice] error that says to add a Provider', (_name, useHook) => {
    const caught = renderCatching(useHook)
    expect(caught).toHaveLength(1)
    expect(caught[0]!.message).toContain('[api-slice]')
    expect(caught[0]!.message).toContain('Provider')
    expect(screen.getByRole('alert').textContent).toBe(caught[0]!.message)
  })

  it('throws from render when no error boundary catches it', () => {
    expect(() => renderHook(() => api.useGetPostQuery(1))).toThrow(/\[api-slice\].*Provider/)
  })
})

describe('a store without the api middleware', () => {
  const storeWithoutMiddleware = (setup: ReturnType<typeof createPostsApi>) =>
    setupStore(setup.api, { withMiddleware: false })

  it('the first query hook’s effect fails with an [api-slice] error that says to add api.middleware', async () => {
    const setup = createPostsApi()
    const caught = renderCatching(() => setup.api.useGetPostQuery(1), storeWrapper(storeWithoutMiddleware(setup)))
    await settle()
    expect(caught).toHaveLength(1)
    expect(caught[0]!.message).toContain('[api-slice]')
    expect(caught[0]!.message).toContain("'api'")
    expect(caught[0]!.message).toContain('api.middleware')
    // As in RTK Query, the check follows the start of the request, which still runs.
    expect(setup.baseQuery).toHaveBeenCalledTimes(1)
  })

  it('checks once per api: the first trigger throws, the next ones run', async () => {
    const setup = createPostsApi()
    const { result } = renderHook(
      () => [setup.api.useLazyGetPostQuery()[0], setup.api.useEditPostMutation()[0]] as const,
      {
        wrapper: storeWrapper(storeWithoutMiddleware(setup)),
      },
    )
    const [trigger, editPost] = result.current
    expect(() => act(() => void trigger(1))).toThrow(/\[api-slice\].*api\.middleware/)
    await act(async () => {
      await editPost({ id: 1, title: 'Edited' })
    })
    expect(setup.requests().map((request) => request.endpoint)).toEqual(['getPost', 'editPost'])
  })
})

describe('reactHooksModule with a custom react-redux context', () => {
  const CustomContext = createContext<ReactReduxContextValue | null>(null)

  function createCustomApi() {
    const createCustomContextApi = buildCreateApi(
      coreModule(),
      reactHooksModule({
        hooks: {
          useDispatch: createDispatchHook(CustomContext),
          useSelector: createSelectorHook(CustomContext),
          useStore: createStoreHook(CustomContext),
        },
      }),
    )
    const queryFn = vi.fn((id: number) => ({ data: { id, title: `Custom ${id}`, body: '', fetch: 0 } as Post }))
    const api = createCustomContextApi({
      baseQuery: () => ({ data: undefined }),
      endpoints: (build) => ({ getPost: build.query<Post, number>({ queryFn }) }),
    })
    return { api, queryFn, store: setupStore(api) }
  }

  it('reads and subscribes through the custom context, not the default one', async () => {
    const { api, queryFn, store } = createCustomApi()
    // A default-context store for the same api, which the hooks must not use.
    const otherStore = setupStore(api)
    const { result, unmount } = renderHook(() => api.useGetPostQuery(7), {
      wrapper: ({ children }) => (
        <Provider store={otherStore}>
          <Provider context={CustomContext} store={store}>
            {children}
          </Provider>
        </Provider>
      ),
    })
    await settle()
    expect(result.current).toMatchObject({ isSuccess: true, data: { id: 7, title: 'Custom 7' } })
    expect(queryFn).toHaveBeenCalledTimes(1)
    expect(subscriberCounts(store)).toEqual({ 'getPost(7)': 1 })
    expect(subscriberCounts(otherStore)).toEqual({})
    expect(otherStore.getState().api.queries).toEqual({})
    unmount()
    expect(subscriberCounts(store)).toEqual({})
  })

  it('works with only the custom Provider, and reports a missing one with the [api-slice] error', async () => {
    const { api, store } = createCustomApi()
    const { result } = renderHook(() => api.useGetPostQuery(1), {
      wrapper: ({ children }) => (
        <Provider context={CustomContext} store={store}>
          {children}
        </Provider>
      ),
    })
    await settle()
    expect(result.current.data).toMatchObject({ title: 'Custom 1' })

    // Under only the default Provider, the custom context is empty.
    const caught = renderCatching(() => api.useGetPostQuery(1), storeWrapper(setupStore(api)))
    expect(caught).toHaveLength(1)
    expect(caught[0]!.message).toMatch(/\[api-slice\].*Provider/)
    expect(consoleError).toHaveBeenCalled()
  })
})
