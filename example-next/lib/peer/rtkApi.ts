// Peer variant of ../api.ts for `API_PEER=rtk` builds (see next.config.ts and
// bench/nextDataSize.mjs): the same endpoints, tags and base URL, written with
// RTK Query and next-redux-wrapper as RTK Query's documentation sets them up.
// Only the benchmark builds it; the example itself never imports this file.
import { createApi, fetchBaseQuery } from '@reduxjs/toolkit/query/react'
import { HYDRATE } from 'next-redux-wrapper'
import type { Post, PostSummary } from '../posts'
import { buildTimeFetch, isBuildPhase } from '../buildTimeFetch'

export type { Post, PostSummary }

const isServer = typeof window === 'undefined'

const baseUrl = isServer ? `http://127.0.0.1:${process.env.PORT ?? 3000}/api` : '/api'

export const api = createApi({
  baseQuery: fetchBaseQuery({ baseUrl, fetchFn: isServer && isBuildPhase ? buildTimeFetch : undefined }),
  tagTypes: ['Post'],
  // As in RTK Query's "Server Side Rendering" guide (which types the result as any).
  extractRehydrationInfo: (action, { reducerPath }): any =>
    action.type === HYDRATE
      ? (action as unknown as { payload: Record<string, unknown> }).payload[reducerPath]
      : undefined,
  endpoints: (build) => ({
    getPosts: build.query<PostSummary[], void>({
      query: () => '/posts',
      providesTags: (posts = []) => [
        { type: 'Post', id: 'LIST' },
        ...posts.map(({ id }) => ({ type: 'Post' as const, id })),
      ],
    }),
    getPost: build.query<Post, number>({
      query: (id) => `/posts/${id}`,
      providesTags: (_post, _error, id) => [{ type: 'Post', id }],
    }),
    editPost: build.mutation<Post, { id: number; title: string }>({
      query: ({ id, title }) => ({ url: `/posts/${id}`, method: 'PATCH', body: { title } }),
      invalidatesTags: (_post, _error, { id }) => [
        { type: 'Post', id },
        { type: 'Post', id: 'LIST' },
      ],
    }),
  }),
})

export const { useGetPostsQuery, useGetPostQuery, useEditPostMutation } = api

// RTK Query has no Suspense hooks; the module keeps ../api.ts's exports so every
// page still builds, and only the /suspense page would fail in this variant.
export function useGetPostSuspenseQuery(_id: number): never {
  throw new Error('useGetPostSuspenseQuery is not available in the RTK Query peer build (API_PEER=rtk).')
}
