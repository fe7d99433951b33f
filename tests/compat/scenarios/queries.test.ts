// @vitest-environment happy-dom
import { describe } from 'vitest'
import { compat } from '../harness/compat'
import type { Recorder } from '../harness/recorder'

interface Post {
  id: number
  title: string
}

/** An api over a fake server of posts; ids below 0 answer 404. */
function postsApi(t: Recorder) {
  const api = t.core.createApi({
    baseQuery: t.baseQuery(async (args: { url: string; id: number }) =>
      args.id < 0 ? { error: { status: 404, data: 'not found' } } : { data: { id: args.id, title: `Post ${args.id}` } },
    ),
    tagTypes: ['Post'],
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        query: (id) => ({ url: `posts/${id}`, id }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
    }),
  })
  return api
}

describe('queries without React', () => {
  compat('a query fetches once and stores its data', async (t) => {
    const api = postsApi(t)
    const store = t.store(api)
    await t.settle('first', store.dispatch(api.endpoints.getPost.initiate(1)))
    t.log('selected', api.endpoints.getPost.select(1)(store.getState()))
  })

  compat('a second subscriber to a cached entry makes no request', async (t) => {
    const api = postsApi(t)
    const store = t.store(api)
    await t.settle('first', store.dispatch(api.endpoints.getPost.initiate(1)))
    await t.settle('second', store.dispatch(api.endpoints.getPost.initiate(1)))
  })

  compat('an error result is stored as rejected with its tags', async (t) => {
    const api = postsApi(t)
    const store = t.store(api)
    const promise = store.dispatch(api.endpoints.getPost.initiate(-1))
    await t.settle('unwrapped', promise.unwrap())
  })

  compat('unsubscribing removes the entry after keepUnusedDataFor', async (t) => {
    const api = postsApi(t)
    const store = t.store(api)
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise
    promise.unsubscribe()
    await t.advance(59_000)
    t.log('after 59 s', Object.keys(store.getState().api.queries))
    await t.advance(2_000)
    t.log('after 61 s', Object.keys(store.getState().api.queries))
  })
})
