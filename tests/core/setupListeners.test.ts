import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, setupListeners, type ListenerActions } from 'api-slice'
import { setupStore } from './helpers/setup'

function createPostsApi(reducerPath?: string) {
  return createApi({
    reducerPath,
    baseQuery: (id: number) => ({ data: { id } }),
    isServer: false,
    endpoints: (build) => ({ getPost: build.query<{ id: number }, number>({ query: (id) => id }) }),
  })
}

/**
 * vitest runs under node, which has no window: this stands in for the
 * browser's window and document with a plain EventTarget.
 */
function installFakeWindow(visibilityState: 'visible' | 'hidden' = 'visible') {
  const fakeWindow = new EventTarget()
  const fakeDocument = { visibilityState }
  vi.stubGlobal('window', fakeWindow)
  vi.stubGlobal('document', fakeDocument)
  return {
    window: fakeWindow,
    document: fakeDocument,
    fire: (type: string) => fakeWindow.dispatchEvent(new Event(type)),
  }
}

function dispatchedTypes(dispatch: ReturnType<typeof vi.fn>): string[] {
  return dispatch.mock.calls.map(([action]) => (action as { type: string }).type)
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('setupListeners with a custom handler', () => {
  it('passes dispatch and the four action creators to the handler and returns its cleanup', () => {
    const api = createPostsApi()
    const store = setupStore(api)
    const cleanup = vi.fn()
    let actions!: ListenerActions
    const handler = vi.fn((_dispatch: unknown, given: ListenerActions) => {
      actions = given
      return cleanup
    })

    const unsubscribe = setupListeners(store.dispatch, handler)

    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler).toHaveBeenCalledWith(store.dispatch, actions)
    expect(actions.onFocus().type).toBe('__rtkq/focused')
    expect(actions.onFocusLost().type).toBe('__rtkq/unfocused')
    expect(actions.onOnline().type).toBe('__rtkq/online')
    expect(actions.onOffline().type).toBe('__rtkq/offline')
    expect(unsubscribe).toBe(cleanup)
    expect(cleanup).not.toHaveBeenCalled()
  })

  it('installs no window listeners of its own when a custom handler is given', () => {
    const fake = installFakeWindow()
    const dispatch = vi.fn()
    setupListeners(dispatch, () => () => {})

    fake.fire('focus')
    fake.fire('offline')
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('updates config.focused and config.online from the actions the handler dispatches', () => {
    const api = createPostsApi()
    const store = setupStore(api)
    let actions!: ListenerActions
    setupListeners(store.dispatch, (_dispatch, given) => {
      actions = given
      return () => {}
    })
    expect(store.getState().api.config).toMatchObject({ focused: true, online: true })

    store.dispatch(actions.onFocusLost())
    expect(store.getState().api.config.focused).toBe(false)
    store.dispatch(actions.onFocus())
    expect(store.getState().api.config.focused).toBe(true)

    store.dispatch(actions.onOffline())
    expect(store.getState().api.config.online).toBe(false)
    store.dispatch(actions.onOnline())
    expect(store.getState().api.config.online).toBe(true)
  })
})

describe('focus and connectivity actions in the api state', () => {
  it('leaves the state object unchanged when the action repeats what the config already says', () => {
    const api = createPostsApi()
    const store = setupStore(api)
    // The middleware records itself in the config on the first action it sees.
    store.dispatch({ type: '__rtkq/focused' })
    const before = store.getState().api

    store.dispatch({ type: '__rtkq/focused' })
    store.dispatch({ type: '__rtkq/online' })
    expect(store.getState().api).toBe(before)
  })

  it('serves every api in the store, whatever its reducerPath', () => {
    const posts = createPostsApi('posts')
    const comments = createPostsApi('comments')
    const store = configureStore({
      reducer: combineReducers({ posts: posts.reducer, comments: comments.reducer }),
      middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(posts.middleware, comments.middleware),
    })

    store.dispatch({ type: '__rtkq/offline' })
    expect(store.getState().posts.config.online).toBe(false)
    expect(store.getState().comments.config.online).toBe(false)
  })

  it('starts unfocused and offline when the api is created in a hidden, offline page', () => {
    installFakeWindow('hidden')
    vi.stubGlobal('navigator', { onLine: false })
    const api = createPostsApi()
    const store = setupStore(api)

    expect(store.getState().api.config).toMatchObject({ focused: false, online: false })
  })
})

describe('setupListeners with the default window listeners', () => {
  it('does nothing and returns a cleanup function where there is no window', () => {
    expect(typeof window).toBe('undefined')
    const dispatch = vi.fn()

    const unsubscribe = setupListeners(dispatch)

    expect(typeof unsubscribe).toBe('function')
    expect(() => unsubscribe()).not.toThrow()
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('dispatches __rtkq/focused when the window gains focus', () => {
    const fake = installFakeWindow()
    const dispatch = vi.fn()
    setupListeners(dispatch)

    fake.fire('focus')
    expect(dispatchedTypes(dispatch)).toEqual(['__rtkq/focused'])
  })

  it('dispatches __rtkq/unfocused or __rtkq/focused on visibilitychange, following document.visibilityState', () => {
    const fake = installFakeWindow()
    const dispatch = vi.fn()
    setupListeners(dispatch)

    fake.document.visibilityState = 'hidden'
    fake.fire('visibilitychange')
    fake.document.visibilityState = 'visible'
    fake.fire('visibilitychange')
    expect(dispatchedTypes(dispatch)).toEqual(['__rtkq/unfocused', '__rtkq/focused'])
  })

  it('dispatches __rtkq/offline and __rtkq/online when the connection drops and comes back', () => {
    const fake = installFakeWindow()
    const dispatch = vi.fn()
    setupListeners(dispatch)

    fake.fire('offline')
    fake.fire('online')
    expect(dispatchedTypes(dispatch)).toEqual(['__rtkq/offline', '__rtkq/online'])
  })

  it('keeps the store’s config in step with the window events', () => {
    const fake = installFakeWindow()
    const api = createPostsApi()
    const store = setupStore(api)
    setupListeners(store.dispatch)

    fake.document.visibilityState = 'hidden'
    fake.fire('visibilitychange')
    fake.fire('offline')
    expect(store.getState().api.config).toMatchObject({ focused: false, online: false })

    fake.document.visibilityState = 'visible'
    fake.fire('focus')
    fake.fire('online')
    expect(store.getState().api.config).toMatchObject({ focused: true, online: true })
  })

  it('removes every listener it added when the returned function is called', () => {
    const fake = installFakeWindow()
    const added = vi.spyOn(fake.window, 'addEventListener')
    const removed = vi.spyOn(fake.window, 'removeEventListener')
    const dispatch = vi.fn()
    const unsubscribe = setupListeners(dispatch)

    unsubscribe()
    fake.fire('focus')
    fake.fire('visibilitychange')
    fake.fire('online')
    fake.fire('offline')
    expect(dispatch).not.toHaveBeenCalled()

    const types = (spy: typeof added) => spy.mock.calls.map(([type]) => type).sort()
    expect(types(added)).toEqual(['focus', 'offline', 'online', 'visibilitychange'])
    expect(types(removed)).toEqual(types(added))
    for (const [type, listener] of added.mock.calls) {
      expect(removed.mock.calls.some(([t, l]) => t === type && l === listener)).toBe(true)
    }
  })

  it('removes only its own listeners, leaving those of another setupListeners call in place', () => {
    const fake = installFakeWindow()
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribeFirst = setupListeners(first)
    setupListeners(second)

    unsubscribeFirst()
    fake.fire('online')
    expect(first).not.toHaveBeenCalled()
    expect(dispatchedTypes(second)).toEqual(['__rtkq/online'])
  })
})
