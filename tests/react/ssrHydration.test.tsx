// @vitest-environment happy-dom
import { act } from '@testing-library/react'
import { type JSX, Suspense } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { Provider } from 'react-redux'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, liveSubscriptions, setupStore, type TestStore } from '../core/helpers/setup'
import {
  createPostsApi,
  hydrateAction,
  manualResponses,
  type PostsApi,
  renderToStreamedHtml,
} from './helpers/suspenseSsr'

/**
 * The page both sides render: a title through useQuery and a body through
 * the suspense hook, built once per api. `seen` records every render's text.
 */
const pages = new WeakMap<PostsApi, (props: { id: number; seen: string[] }) => JSX.Element>()
function pageFor(api: PostsApi) {
  let Page = pages.get(api)
  if (!Page) {
    const Title = ({ id, seen }: { id: number; seen: string[] }) => {
      const { data, isLoading } = api.useGetPostQuery(id)
      const text = isLoading ? 'title loading' : `title: ${data?.title}`
      seen.push(text)
      return <h1>{text}</h1>
    }
    const Body = ({ id, seen }: { id: number; seen: string[] }) => {
      const { data } = api.useGetPostSuspenseQuery(id)
      const text = `body: ${data.title}`
      seen.push(text)
      return <p>{text}</p>
    }
    Page = ({ id, seen }) => (
      <main>
        <Title id={id} seen={seen} />
        <Suspense fallback={<p>body loading</p>}>
          <Body id={id} seen={seen} />
        </Suspense>
      </main>
    )
    pages.set(api, Page)
  }
  return Page
}

function page(api: PostsApi, store: TestStore, id: number, seen: string[] = []) {
  const Page = pageFor(api)
  return (
    <Provider store={store}>
      <Page id={id} seen={seen} />
    </Provider>
  )
}

/** The server half: prefetch, wait for every running query, render to a string. */
async function renderOnServer(id: number) {
  const server = createPostsApi({ isServer: true, respond: (n) => ({ data: { id: n, title: `server post ${n}` } }) })
  const store = setupStore(server.api)
  store.dispatch(server.api.endpoints.getPost.initiate(id))
  await Promise.all(store.dispatch(server.api.util.getRunningQueriesThunk()))
  const subscriptionsBeforeRender = JSON.stringify(store.getState().api.subscriptions)
  const html = renderToString(page(server.api, store, id))
  return { ...server, store, html, subscriptionsBeforeRender }
}

/**
 * console.error messages, leaving out one that only this test file causes: the
 * streaming and the string server renderers both mark react-redux's context
 * in one process, which no real server does.
 */
function reactErrors(consoleError: { mock: { calls: unknown[][] } }): string[] {
  return consoleError.mock.calls
    .map((call) => call.map(String).join(' '))
    .filter((message) => !message.includes('Detected multiple renderers concurrently rendering'))
}

let root: Root | undefined

/** Hydrates `html` with a client store made by `makeStore`; returns what was rendered and reported. */
async function hydrateOnClient(html: string, makeStore: (api: PostsApi) => TestStore, id: number) {
  const client = createPostsApi({ respond: (n) => ({ data: { id: n, title: `client post ${n}` } }) })
  const store = makeStore(client.api)
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.appendChild(container)
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  const recoverable: unknown[] = []
  const seen: string[] = []
  await act(async () => {
    root = hydrateRoot(container, page(client.api, store, id, seen), {
      onRecoverableError: (error) => recoverable.push(error),
    })
  })
  await act(async () => flushPromises())
  const consoleErrors = () => reactErrors(consoleError)
  const hydrationErrors = () => consoleErrors().filter((message) => /hydrat|did not match/i.test(message))
  return { ...client, store, container, seen, recoverable, consoleErrors, hydrationErrors }
}

afterEach(async () => {
  if (root) await act(async () => root?.unmount())
  root = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('server rendering with prefetched queries', () => {
  it('renders the data of both hooks into the HTML', async () => {
    const { html, requests } = await renderOnServer(1)
    expect(html).toContain('title: server post 1')
    expect(html).toContain('body: server post 1')
    expect(html).not.toContain('loading')
    expect(requests).toEqual([1])
  })

  it('leaves no subscription and no timer behind on the server store', async () => {
    vi.useFakeTimers()
    const { store, subscriptionsBeforeRender } = await renderOnServer(1)
    // Only the prefetch's own subscription: rendering subscribes nothing.
    expect(JSON.stringify(store.getState().api.subscriptions)).toBe(subscriptionsBeforeRender)
    expect(Object.keys(store.getState().api.subscriptions['getPost(1)'] ?? {})).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('hydrating the server HTML on the client', () => {
  it('hydrates from a preloaded state without a mismatch or a request', async () => {
    const server = await renderOnServer(1)
    const serverState = JSON.parse(JSON.stringify(server.store.getState()))
    const client = await hydrateOnClient(server.html, (api) => setupStore(api, { preloadedState: serverState }), 1)
    expect(client.hydrationErrors()).toEqual([])
    expect(client.recoverable).toEqual([])
    expect(client.seen.slice(0, 2)).toEqual(['title: server post 1', 'body: server post 1'])
    expect(client.container.textContent).toBe('title: server post 1body: server post 1')
    expect(client.requests).toEqual([])
    expect(client.consoleErrors()).toEqual([])
  })

  it('hydrates from a HYDRATE action read by extractRehydrationInfo without a mismatch or a request', async () => {
    const server = await renderOnServer(2)
    const serverState = JSON.parse(JSON.stringify(server.store.getState()))
    const client = await hydrateOnClient(
      server.html,
      (api) => {
        const store = setupStore(api)
        store.dispatch(hydrateAction(serverState))
        return store
      },
      2,
    )
    expect(client.hydrationErrors()).toEqual([])
    expect(client.recoverable).toEqual([])
    expect(client.seen.slice(0, 2)).toEqual(['title: server post 2', 'body: server post 2'])
    expect(client.container.textContent).toBe('title: server post 2body: server post 2')
    expect(client.requests).toEqual([])
    expect(client.consoleErrors()).toEqual([])
  })

  it('subscribes on the client once hydrated', async () => {
    const server = await renderOnServer(3)
    const serverState = JSON.parse(JSON.stringify(server.store.getState()))
    const client = await hydrateOnClient(
      server.html,
      (api) => {
        const store = setupStore(api)
        store.dispatch(hydrateAction(serverState))
        return store
      },
      3,
    )
    // The title's useQuery and the body's suspense query each hold one.
    expect(Object.keys(liveSubscriptions(client.store)['getPost(3)'] ?? {})).toHaveLength(2)
    await act(async () => root?.unmount())
    root = undefined
    expect(liveSubscriptions(client.store)['getPost(3)']).toBeUndefined()
  })
})

describe('server rendering without prefetching', () => {
  it('streams the data of a suspense query once its request on the server resolves', async () => {
    // Real setImmediate: the stream needs it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const responses = manualResponses()
    const { api, requests } = createPostsApi({ isServer: true, respond: responses.respond })
    const store = setupStore(api)
    const streamed = renderToStreamedHtml(page(api, store, 4))
    await flushPromises()
    expect(requests).toEqual([4])
    responses.resolve(4, 'streamed post')
    const html = await streamed
    expect(html).toContain('body: streamed post')
    expect(store.getState().api.queries['getPost(4)'].data).toEqual({ id: 4, title: 'streamed post' })
    // The suspense query held no subscription, and its unused entry got no removal timer on the server.
    expect(store.getState().api.subscriptions).toEqual({})
    expect(vi.getTimerCount()).toBe(0)
  })

  it('renderToString cannot wait: the HTML has the fallbacks, not the data', async () => {
    const { api } = createPostsApi({ isServer: true })
    const store = setupStore(api)
    const html = renderToString(page(api, store, 5))
    expect(html).toContain('title loading')
    expect(html).toContain('body loading')
    expect(html).not.toContain('post 5')
  })

  it('renderToString fallback HTML hydrates: the client renders the boundary itself after one request', async () => {
    const server = createPostsApi({ isServer: true })
    const html = renderToString(page(server.api, setupStore(server.api), 7))
    const client = await hydrateOnClient(html, (api) => setupStore(api), 7)
    await act(async () => flushPromises())
    expect(client.container.textContent).toBe('title: client post 7body: client post 7')
    expect(client.requests).toEqual([7])
    // React reports the server's switch to client rendering as recoverable; nothing mismatched.
    expect(client.recoverable).toHaveLength(1)
    expect(String(client.recoverable[0])).toContain('renderToString')
    expect(client.consoleErrors()).toEqual([])
  })

  it('renderToString twice: the first pass starts the suspense query, the second renders its data', async () => {
    const { api, requests } = createPostsApi({ isServer: true })
    const store = setupStore(api)
    renderToString(page(api, store, 6))
    await Promise.all(store.dispatch(api.util.getRunningQueriesThunk()))
    const html = renderToString(page(api, store, 6))
    expect(html).toContain('body: post 6')
    expect(html).toContain('title: post 6')
    expect(requests).toEqual([6])
  })
})
