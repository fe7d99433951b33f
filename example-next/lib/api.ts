import { createApi, fetchBaseQuery } from 'api-slice/react'
import { nextReduxWrapperRehydration } from 'api-slice/next'
import type { Post, PostSummary } from './posts'
import { buildTimeFetch, isBuildPhase } from './buildTimeFetch'

export type { Post, PostSummary }

const isServer = typeof window === 'undefined'

// The browser calls the embedded API on its own origin; the server calls the
// port it listens on (`next start` sets PORT).
const baseUrl = isServer ? `http://127.0.0.1:${process.env.PORT ?? 3000}/api` : '/api'

export const api = createApi({
  baseQuery: fetchBaseQuery({ baseUrl, fetchFn: isServer && isBuildPhase ? buildTimeFetch : undefined }),
  tagTypes: ['Post'],
  extractRehydrationInfo: nextReduxWrapperRehydration(),
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

export const { useGetPostsQuery, useGetPostQuery, useGetPostSuspenseQuery, useEditPostMutation } = api
