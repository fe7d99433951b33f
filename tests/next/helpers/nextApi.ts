import type { UnknownAction } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery } from 'api-slice'
import {
  HYDRATE,
  deserializeState,
  endServerRender,
  nextReduxWrapperRehydration,
  prefetchForPage,
} from 'api-slice/next'
import type { PrefetchThunk } from 'api-slice/next'
import { serializeState, toClientState } from 'api-slice/next'
import { setupStore } from '../../core/helpers/setup'

export interface Post {
  id: number
  title: string
}

export interface ServerError {
  status: number
  data?: unknown
  message?: string
  stack?: string
}

export type Source = (id: number) => Post | Promise<Post>

/** One build of the api, as the server bundle and the client bundle would each create it. */
export function createPostsApi(
  options: { source?: Source; list?: () => Post[] | Promise<Post[]>; isServer?: boolean; reducerPath?: string } = {},
) {
  const source = options.source ?? ((id: number) => ({ id, title: `server ${id}` }))
  return createApi({
    reducerPath: options.reducerPath ?? 'api',
    baseQuery: fakeBaseQuery<ServerError>(),
    tagTypes: ['Post'],
    isServer: options.isServer,
    extractRehydrationInfo: nextReduxWrapperRehydration(),
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: async (id) => ({ data: await source(id) }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      getPosts: build.query<Post[], void>({
        queryFn: async () => ({ data: options.list ? await options.list() : [] }),
        providesTags: (result) => (result ?? []).map((post) => ({ type: 'Post' as const, id: post.id })),
      }),
      renamePost: build.mutation<Post, Post>({
        queryFn: (post) => ({ data: post }),
        invalidatesTags: (_result, _error, post) => [{ type: 'Post', id: post.id }],
      }),
    }),
  })
}

export type PostsApi = ReturnType<typeof createPostsApi>

/**
 * A server render as a page runs it: a store of its own, the page's data
 * prefetched, the state taken with `toClientState` and sent as Next sends
 * props (JSON), then the store ended.
 */
export async function renderOnServer(api: PostsApi, thunks: (api: PostsApi) => PrefetchThunk[]): Promise<unknown> {
  const store = setupStore(api)
  await prefetchForPage(store, api, thunks(api))
  const payload = deserializeState(serializeState(toClientState(store.getState())))
  endServerRender(store, api)
  return payload
}

/** next-redux-wrapper's action, as it dispatches it in the browser. */
export function hydrate(payload: unknown): UnknownAction {
  return { type: HYDRATE, payload }
}
