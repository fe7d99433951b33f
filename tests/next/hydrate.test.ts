import { createApi, fakeBaseQuery, QueryStatus } from 'api-slice'
import { nextReduxWrapperRehydration, toClientState } from 'api-slice/next'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deferred, setupStore } from '../core/helpers/setup'
import { createPostsApi, hydrate, renderOnServer, type Post } from './helpers/nextApi'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2024-01-01T00:00:00Z'))
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('HYDRATE from a server render', () => {
  it('fills the client store with what the server prefetched', async () => {
    const posts = [{ id: 1, title: 'server 1' }]
    const payload = await renderOnServer(createPostsApi({ list: () => posts }), (api) => [
      api.endpoints.getPost.initiate(1),
      api.endpoints.getPosts.initiate(),
    ])
    const clientSource = vi.fn((id: number) => ({ id, title: `client ${id}` }))
    const api = createPostsApi({ source: clientSource, isServer: false })
    const client = setupStore(api)

    client.dispatch(hydrate(payload))

    expect(api.endpoints.getPost.select(1)(client.getState())).toMatchObject({
      status: QueryStatus.fulfilled,
      data: { id: 1, title: 'server 1' },
      isSuccess: true,
    })
    expect(api.endpoints.getPosts.select()(client.getState()).data).toEqual(posts)
    // The tags came along: invalidating the post reaches the hydrated entries.
    expect(
      api.util.selectInvalidatedBy(client.getState(), [{ type: 'Post', id: 1 }]).map((e) => e.queryCacheKey),
    ).toEqual(expect.arrayContaining(['getPost(1)', 'getPosts(undefined)']))
    // A component subscribing in the browser finds the entry and does not fetch again.
    const subscription = client.dispatch(api.endpoints.getPost.initiate(1))
    await subscription
    expect(clientSource).not.toHaveBeenCalled()
    subscription.unsubscribe()
  })

  it('never lets an older snapshot overwrite fresher client data', async () => {
    const payload = await renderOnServer(createPostsApi(), (api) => [api.endpoints.getPost.initiate(1)])
    vi.setSystemTime(new Date('2024-01-01T00:01:00Z'))
    const api = createPostsApi({ source: (id) => ({ id, title: 'fresh on the client' }), isServer: false })
    const client = setupStore(api)
    const subscription = client.dispatch(api.endpoints.getPost.initiate(1))
    await subscription

    client.dispatch(hydrate(payload))

    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'fresh on the client' })
    subscription.unsubscribe()
  })

  it('takes a newer snapshot over older client data', async () => {
    const api = createPostsApi({ source: (id) => ({ id, title: 'old on the client' }), isServer: false })
    const client = setupStore(api)
    const subscription = client.dispatch(api.endpoints.getPost.initiate(1))
    await subscription
    vi.setSystemTime(new Date('2024-01-01T00:01:00Z'))
    const payload = await renderOnServer(createPostsApi(), (server) => [server.endpoints.getPost.initiate(1)])

    client.dispatch(hydrate(payload))

    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'server 1' })
    subscription.unsubscribe()
  })

  it('is harmless when the same HYDRATE arrives twice: the state object stays the same', async () => {
    const payload = await renderOnServer(createPostsApi(), (api) => [api.endpoints.getPost.initiate(1)])
    const api = createPostsApi({ isServer: false })
    const client = setupStore(api)
    client.dispatch(hydrate(payload))
    const once = client.getState()

    client.dispatch(hydrate(payload))

    expect(client.getState()).toBe(once)
    expect(client.getState().api).toBe(once.api)
    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'server 1' })
  })

  it('ignores a HYDRATE for an api at another reducerPath', async () => {
    const payload = await renderOnServer(createPostsApi({ reducerPath: 'otherApi' }), (api) => [
      api.endpoints.getPost.initiate(1),
    ])
    const api = createPostsApi({ isServer: false })
    const client = setupStore(api)
    client.dispatch({ type: 'app/started' }) // the middleware marks itself registered on the first action
    const before = client.getState()

    client.dispatch(hydrate(payload))

    expect(client.getState()).toBe(before)
    expect(client.getState().api.queries).toEqual({})
  })
})

describe('snapshots older than a mutation made in the browser', () => {
  // A static page (getStaticProps) keeps serving the snapshot of its last render. When the browser edits a post
  // while the list is not on screen, invalidation drops the unsubscribed list entry; navigating to the list page
  // then dispatches HYDRATE with a snapshot rendered before the edit, which must not bring the old title back.
  async function staticListSnapshot() {
    return renderOnServer(createPostsApi({ list: () => [{ id: 1, title: 'old title' }] }), (api) => [
      api.endpoints.getPosts.initiate(),
    ])
  }

  it('does not bring back an entry the client dropped when the mutation invalidated it', async () => {
    const payload = await staticListSnapshot()
    vi.setSystemTime(new Date('2024-01-01T00:01:00Z'))
    let title = 'old title'
    const api = createPostsApi({ list: () => [{ id: 1, title }], isServer: false })
    const client = setupStore(api)
    client.dispatch(hydrate(payload)) // first visit of the list page
    title = 'new title'
    await client.dispatch(api.endpoints.renamePost.initiate({ id: 1, title }))

    client.dispatch(hydrate(payload)) // back on the list page: the same, now outdated, snapshot

    expect(api.endpoints.getPosts.select()(client.getState()).data).not.toEqual([{ id: 1, title: 'old title' }])
  })

  it('does not take an entry whose tags the client invalidated after the snapshot was rendered', async () => {
    const payload = await staticListSnapshot()
    vi.setSystemTime(new Date('2024-01-01T00:01:00Z'))
    const api = createPostsApi({ list: () => [{ id: 1, title: 'new title' }], isServer: false })
    const client = setupStore(api)
    await client.dispatch(api.endpoints.renamePost.initiate({ id: 1, title: 'new title' }))

    client.dispatch(hydrate(payload)) // first visit of the list page, after the edit

    expect(api.endpoints.getPosts.select()(client.getState()).data).not.toEqual([{ id: 1, title: 'old title' }])
  })
})

describe('unsettled server entries', () => {
  it('are dropped by toClientState, so the client starts the request itself', async () => {
    const never = deferred<Post>()
    const server = createPostsApi({ source: (id) => (id === 2 ? never.promise : { id, title: `server ${id}` }) })
    const serverStore = setupStore(server)
    serverStore.dispatch(server.endpoints.getPost.initiate(1))
    serverStore.dispatch(server.endpoints.getPost.initiate(2))
    await vi.waitFor(() => expect(server.endpoints.getPost.select(1)(serverStore.getState()).isSuccess).toBe(true))
    const payload = JSON.parse(JSON.stringify(toClientState(serverStore.getState())))
    expect(Object.keys(payload.api.queries)).toEqual(['getPost(1)'])

    const api = createPostsApi({ isServer: false })
    const client = setupStore(api)
    client.dispatch(hydrate(payload))

    expect(api.endpoints.getPost.select(2)(client.getState()).status).toBe(QueryStatus.uninitialized)
    expect(api.endpoints.getPost.select(1)(client.getState()).isSuccess).toBe(true)
    serverStore.dispatch(server.util.resetApiState())
  })

  it('are ignored when a raw payload carries them', () => {
    const api = createPostsApi({ isServer: false })
    const client = setupStore(api)
    const settled = { status: 'fulfilled', endpointName: 'getPost', requestId: 'r1', originalArgs: 1 }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    client.dispatch(
      hydrate({
        api: {
          queries: {
            'getPost(1)': { ...settled, data: { id: 1, title: 'settled' }, startedTimeStamp: 1, fulfilledTimeStamp: 2 },
            'getPost(2)': { status: 'pending', endpointName: 'getPost', requestId: 'r2', originalArgs: 2 },
            'getPost(3)': { status: 'uninitialized', endpointName: 'getPost', originalArgs: 3 },
          },
          mutations: {},
          provided: { tags: {}, keys: {} },
          subscriptions: { 'getPost(2)': { r2: {} } },
        },
      }),
    )

    const state = client.getState().api
    expect(Object.keys(state.queries)).toEqual(['getPost(1)'])
    expect(state.subscriptions).toEqual({})
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('payloads from an older build', () => {
  it('skips entries of an endpoint that no longer exists, with one warning, and merges the rest', async () => {
    const oldBuild = createApi({
      baseQuery: fakeBaseQuery(),
      extractRehydrationInfo: nextReduxWrapperRehydration(),
      endpoints: (build) => ({
        getPost: build.query<Post, number>({ queryFn: (id) => ({ data: { id, title: 'old build' } }) }),
        getLegacyFeed: build.query<string[], void>({ queryFn: () => ({ data: ['legacy'] }) }),
      }),
    })
    const oldServer = setupStore(oldBuild)
    oldServer.dispatch(oldBuild.endpoints.getPost.initiate(1))
    oldServer.dispatch(oldBuild.endpoints.getLegacyFeed.initiate())
    await Promise.all(oldServer.dispatch(oldBuild.util.getRunningQueriesThunk()))
    const payload = JSON.parse(JSON.stringify(toClientState(oldServer.getState())))
    const api = createPostsApi({ isServer: false })
    const client = setupStore(api)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    client.dispatch(hydrate(payload))

    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[api-slice\].*getLegacyFeed/)
    expect(Object.keys(client.getState().api.queries)).toEqual(['getPost(1)'])
    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'old build' })
  })
})
