import { configureStore } from '@reduxjs/toolkit'
import {
  createApi,
  fakeBaseQuery,
  fetchBaseQuery,
  skipToken,
  type FetchBaseQueryError,
  type QueryResultSelectorResult,
  type SerializedError,
} from 'api-slice'
import { describe, expectTypeOf, test } from 'vitest'

interface Post {
  id: number
  title: string
}

const api = createApi({
  reducerPath: 'postsApi',
  baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
  tagTypes: ['Post', 'User'],
  endpoints: (build) => ({
    getPost: build.query<Post, number>({
      query: (id) => `posts/${id}`,
      providesTags: (_result, _error, id) => [{ type: 'Post', id }],
    }),
    getPosts: build.query<Post[], void>({
      query: () => 'posts',
      providesTags: ['Post'],
    }),
    editPost: build.mutation<Post, Pick<Post, 'id'> & Partial<Post>>({
      query: ({ id, ...body }) => ({ url: `posts/${id}`, method: 'PATCH', body }),
      invalidatesTags: (_result, _error, { id }) => [{ type: 'Post', id }],
    }),
  }),
})

const store = configureStore({
  reducer: { [api.reducerPath]: api.reducer },
  middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
})

describe('createApi types', () => {
  test('keeps the literal type of reducerPath', () => {
    expectTypeOf(api.reducerPath).toEqualTypeOf<'postsApi'>()
    expectTypeOf(createApi({ baseQuery: fakeBaseQuery(), endpoints: () => ({}) }).reducerPath).toEqualTypeOf<'api'>()
  })

  test('initiate takes the declared argument type', () => {
    expectTypeOf(api.endpoints.getPost.initiate).parameter(0).toEqualTypeOf<number>()
    api.endpoints.getPost.initiate(1)
    // @ts-expect-error a string is not the declared `number` argument
    api.endpoints.getPost.initiate('1')
    // @ts-expect-error the argument is required
    api.endpoints.getPost.initiate()
    // A `void` argument may be left out.
    api.endpoints.getPosts.initiate()
  })

  test('select accepts the argument or skipToken, and reads data as Post | undefined', () => {
    expectTypeOf(api.endpoints.getPost.select).toBeCallableWith(skipToken)
    expectTypeOf(api.endpoints.getPost.select).toBeCallableWith(1)
    // @ts-expect-error a string is not the declared argument
    api.endpoints.getPost.select('1')

    const selected = api.endpoints.getPost.select(1)(store.getState())
    expectTypeOf(selected.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(selected.isSuccess).toEqualTypeOf<boolean>()
    expectTypeOf(api.endpoints.getPosts.select()(store.getState()).data).toEqualTypeOf<Post[] | undefined>()
    expectTypeOf(api.endpoints.getPost.select(skipToken)(store.getState())).toMatchTypeOf<
      QueryResultSelectorResult<Post, number, FetchBaseQueryError>
    >()
  })

  test('a dispatched query initiate returns a promise whose unwrap() resolves to the result type', () => {
    const request = store.dispatch(api.endpoints.getPost.initiate(1))
    expectTypeOf(request.unwrap()).toEqualTypeOf<Promise<Post>>()
    expectTypeOf(request.arg).toEqualTypeOf<number>()
    expectTypeOf(request).resolves.toHaveProperty('data').toEqualTypeOf<Post | undefined>()
    expectTypeOf(request.refetch().unwrap()).toEqualTypeOf<Promise<Post>>()
  })

  test('a dispatched mutation initiate returns a promise whose unwrap() resolves to the result type', () => {
    const mutation = store.dispatch(api.endpoints.editPost.initiate({ id: 1, title: 'new' }))
    expectTypeOf(mutation.unwrap()).toEqualTypeOf<Promise<Post>>()
    expectTypeOf(mutation).resolves.toEqualTypeOf<
      { data: Post; error?: undefined } | { error: FetchBaseQueryError | SerializedError; data?: undefined }
    >()
    // @ts-expect-error `id` is required by the declared argument
    api.endpoints.editPost.initiate({ title: 'new' })
  })

  test('prefetch accepts only query names, with their argument types', () => {
    store.dispatch(api.util.prefetch('getPost', 1))
    store.dispatch(api.util.prefetch('getPost', 1, { ifOlderThan: 60 }))
    store.dispatch(api.util.prefetch('getPosts', undefined, { force: true }))
    // @ts-expect-error a mutation cannot be prefetched
    api.util.prefetch('editPost', { id: 1 })
    // @ts-expect-error the argument of getPost is a number
    api.util.prefetch('getPost', 'one')
    // @ts-expect-error not an endpoint of this api
    api.util.prefetch('getComments', 1)
  })

  test('the util selectors and running-request thunks are typed by endpoint', () => {
    expectTypeOf(api.util.selectCachedArgsForQuery(store.getState(), 'getPost')).toEqualTypeOf<number[]>()
    expectTypeOf(store.dispatch(api.util.getRunningQueryThunk('getPost', 1))).toEqualTypeOf<
      ReturnType<ReturnType<typeof api.endpoints.getPost.initiate>> | undefined
    >()
    // @ts-expect-error a mutation has no running query
    api.util.getRunningQueryThunk('editPost', 1)
    // @ts-expect-error a query has no running mutation
    api.util.getRunningMutationThunk('getPost', 'key')
  })

  test('providesTags and invalidateTags accept only the declared tag types', () => {
    createApi({
      baseQuery: fakeBaseQuery(),
      tagTypes: ['Post'],
      endpoints: (build) => ({
        getPost: build.query<Post, number>({
          queryFn: (id) => ({ data: { id, title: '' } }),
          // @ts-expect-error 'Comment' is not in tagTypes
          providesTags: ['Comment'],
        }),
        getOther: build.query<Post, number>({
          queryFn: (id) => ({ data: { id, title: '' } }),
          providesTags: (_result, _error, id) => [{ type: 'Post', id }, 'Post'],
        }),
      }),
    })
    api.util.invalidateTags(['Post', { type: 'User', id: 1 }])
    // @ts-expect-error 'Comment' is not in tagTypes
    api.util.invalidateTags(['Comment'])
  })

  test('queryFn infers the result type and types its error by the base query', () => {
    const inferred = createApi({
      reducerPath: 'inferred',
      baseQuery: fakeBaseQuery<{ reason: string }>(),
      endpoints: (build) => ({
        getTime: build.query({ queryFn: (_arg: void) => ({ data: 42 }) }),
        getName: build.query({ queryFn: async (id: number) => ({ data: { id, name: 'x' } }) }),
        failing: build.query<string, void>({ queryFn: () => ({ error: { reason: 'no' } }) }),
      }),
    })
    expectTypeOf(inferred.endpoints.getTime.select()({}).data).toEqualTypeOf<number | undefined>()
    expectTypeOf(inferred.endpoints.getName.select(1)({}).data).toEqualTypeOf<
      { id: number; name: string } | undefined
    >()
    expectTypeOf(inferred.endpoints.getName.initiate).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(inferred.endpoints.failing.select()({}).error).toEqualTypeOf<
      { reason: string } | SerializedError | undefined
    >()

    createApi({
      baseQuery: fakeBaseQuery<{ reason: string }>(),
      endpoints: (build) => ({
        // @ts-expect-error the error must match fakeBaseQuery's error type
        wrongError: build.query<string, void>({ queryFn: () => ({ error: 'plain string' }) }),
      }),
    })
  })
})
