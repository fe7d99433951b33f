import { vi } from 'vitest'
import { createApi, type BaseQueryApi } from 'api-slice'
import { deferred } from './setup'

export interface Post {
  id: number
  title: string
}

export interface Call {
  arg: { url: string; id: number }
  signal: AbortSignal
  respond: (data: unknown) => void
}

/**
 * An api whose every request waits until the test answers it through
 * `calls` (or `last()`): getPost (provides Post:id), getSlow, and updatePost
 * (invalidates Post:id).
 */
export function createControlledApi(options: { isServer?: boolean } = {}) {
  const calls: Call[] = []
  const baseQuery = vi.fn((arg: Call['arg'], { signal }: BaseQueryApi) => {
    const response = deferred<{ data: any }>()
    calls.push({ arg, signal, respond: (data) => response.resolve({ data }) })
    return response.promise
  })
  const api = createApi({
    baseQuery,
    isServer: options.isServer,
    tagTypes: ['Post'],
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        query: (id) => ({ url: 'post', id }),
        providesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
      getSlow: build.query<string, number>({ query: (id) => ({ url: 'slow', id }) }),
      updatePost: build.mutation<Post, number>({
        query: (id) => ({ url: 'update', id }),
        invalidatesTags: (_result, _error, id) => [{ type: 'Post', id }],
      }),
    }),
  })
  const last = () => calls[calls.length - 1]!
  return { api, calls, last, baseQuery }
}
