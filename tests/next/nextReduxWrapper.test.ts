import { EventEmitter } from 'node:events'
import { configureStore } from '@reduxjs/toolkit'
import { createWrapper } from 'next-redux-wrapper'
import { HYDRATE, endServerRender, prefetchForPage, toClientState } from 'api-slice/next'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setupStore } from '../core/helpers/setup'
import { createPostsApi } from './helpers/nextApi'

// The recipes of docs/ssr-pages-router.md, run through next-redux-wrapper's own getServerSideProps and
// getStaticProps (server side: vitest's node environment has no window). Next itself calls these with a
// context; the tests pass the parts the wrapper reads.

afterEach(() => {
  vi.restoreAllMocks()
})

function setup() {
  const api = createPostsApi({ list: () => [{ id: 1, title: 'server 1' }] })
  const makeStore = () =>
    configureStore({
      reducer: { [api.reducerPath]: api.reducer },
      middleware: (getDefault) => getDefault().concat(api.middleware),
    })
  const wrapper = createWrapper(makeStore, { serializeState: toClientState })
  return { api, wrapper }
}

/** What Next does with props: it refuses `undefined` and sends them as JSON. */
function sendAsNextDoes(props: unknown): any {
  const text = JSON.stringify(props, (_key, value) => {
    if (value === undefined) throw new Error('Next.js: `undefined` cannot be serialized as JSON')
    return value
  })
  return JSON.parse(text)
}

describe('with next-redux-wrapper', () => {
  it('getServerSideProps: prefetches, sends the client state, and ends the store when the response finishes', async () => {
    const { api, wrapper } = setup()
    let serverStore: ReturnType<typeof setupStore> | undefined
    const res = new EventEmitter()
    const getServerSideProps = wrapper.getServerSideProps((store) => async (ctx) => {
      serverStore = store as never
      await prefetchForPage(store, api, [api.endpoints.getPost.initiate(Number(ctx.params?.id))])
      ctx.res.on('finish', () => endServerRender(store, api))
      return { props: { id: Number(ctx.params?.id) } }
    })

    const result = await getServerSideProps({ req: {}, res, params: { id: '1' }, query: {} } as never)
    const props = sendAsNextDoes((result as { props: unknown }).props)

    expect(props.id).toBe(1)
    expect(props.initialState.api.queries['getPost(1)']).toMatchObject({ status: 'fulfilled', data: { id: 1 } })
    expect(props.initialState.api.subscriptions).toEqual({})
    expect(api.endpoints.getPost.select(1)(serverStore!.getState()).isSuccess).toBe(true)

    res.emit('finish')
    expect(serverStore!.getState().api.queries).toEqual({})

    const client = setupStore(api)
    client.dispatch({ type: HYDRATE, payload: props.initialState })
    expect(api.endpoints.getPost.select(1)(client.getState()).data).toEqual({ id: 1, title: 'server 1' })
  })

  it('getStaticProps: returns the state with revalidate, in a store of its own for each call', async () => {
    const { api, wrapper } = setup()
    const stores = new Set<unknown>()
    const getStaticProps = wrapper.getStaticProps((store) => async () => {
      stores.add(store)
      await prefetchForPage(store, api, [api.endpoints.getPosts.initiate()])
      return { props: {}, revalidate: 10 }
    })

    const first = (await getStaticProps({ params: {} } as never)) as { props: any; revalidate: number }
    await getStaticProps({ params: {} } as never)

    expect(stores.size).toBe(2)
    expect(first.revalidate).toBe(10)
    expect(sendAsNextDoes(first.props).initialState.api.queries['getPosts(undefined)'].data).toEqual([
      { id: 1, title: 'server 1' },
    ])
  })
})
