import { buildCreateApi, coreModule } from 'api-slice'
import {
  createApi,
  fakeBaseQuery,
  fetchBaseQuery,
  QueryError,
  reactHooksModule,
  skipToken,
  type FetchBaseQueryError,
  type InfiniteData,
  type MutationActionCreatorResult,
  type QueryActionCreatorResult,
  type SerializedError,
  type SkipToken,
} from 'api-slice/react'
import { createContext } from 'react'
import { createDispatchHook, createSelectorHook, createStoreHook, type ReactReduxContextValue } from 'react-redux'
import { describe, expectTypeOf, test } from 'vitest'

interface Post {
  id: number
  title: string
}

interface User {
  id: number
  name: string
}

interface Page {
  items: string[]
  next?: number
}

const api = createApi({
  baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
  tagTypes: ['Post'],
  endpoints: (build) => ({
    getPost: build.query<Post, number>({ query: (id) => `posts/${id}` }),
    getPosts: build.query<Post[], void>({ query: () => 'posts' }),
    searchPosts: build.query<Post[], { term: string; page?: number }>({ query: ({ term }) => `posts?q=${term}` }),
    addPost: build.mutation<Post, Omit<Post, 'id'>>({
      query: (body) => ({ url: 'posts', method: 'POST', body }),
      invalidatesTags: ['Post'],
    }),
    getFeed: build.infiniteQuery<Page, string, number>({
      query: ({ queryArg, pageParam }) => `feeds/${queryArg}?offset=${pageParam}`,
      infiniteQueryOptions: { initialPageParam: 0, getNextPageParam: (lastPage) => lastPage.next },
    }),
  }),
})

type PostError = FetchBaseQueryError | SerializedError

/**
 * The type a hook call returns. Type tests are compiled, never run, and a hook
 * may only be called inside a component, so the call is only written down.
 */
function returnOf<T>(_call: () => T): T {
  return undefined as T
}

describe('generated hook names', () => {
  test('a query gets use…Query, useLazy…Query and use…SuspenseQuery; a mutation use…Mutation; an infinite query use…InfiniteQuery', () => {
    expectTypeOf(api).toHaveProperty('useGetPostQuery')
    expectTypeOf(api).toHaveProperty('useLazyGetPostQuery')
    expectTypeOf(api).toHaveProperty('useGetPostSuspenseQuery')
    expectTypeOf(api).toHaveProperty('useAddPostMutation')
    expectTypeOf(api).toHaveProperty('useGetFeedInfiniteQuery')
    expectTypeOf(api.useGetPostQuery).toBeFunction()
    expectTypeOf(api.useGetFeedInfiniteQuery).toBeFunction()
  })

  test('a hook of the wrong kind does not exist', () => {
    // @ts-expect-error a mutation has no query hook
    void api.useAddPostQuery
    // @ts-expect-error a mutation has no lazy query hook
    void api.useLazyAddPostQuery
    // @ts-expect-error a query has no mutation hook
    void api.useGetPostMutation
    // @ts-expect-error an infinite query has no plain query hook
    void api.useGetFeedQuery
    // @ts-expect-error an infinite query has no suspense hook
    void api.useGetFeedSuspenseQuery
    // @ts-expect-error a query has no infinite query hook
    void api.useGetPostInfiniteQuery
    // @ts-expect-error names are capitalized: useGetpostQuery is not generated
    void api.useGetpostQuery
  })

  test('api.endpoints carries the hooks for its kind', () => {
    expectTypeOf(api.endpoints.getPost.useQuery).toEqualTypeOf(api.useGetPostQuery)
    expectTypeOf(api.endpoints.getPost.useLazyQuery).toEqualTypeOf(api.useLazyGetPostQuery)
    expectTypeOf(api.endpoints.getPost.useSuspenseQuery).toEqualTypeOf(api.useGetPostSuspenseQuery)
    expectTypeOf(api.endpoints.getPost).toHaveProperty('useQueryState')
    expectTypeOf(api.endpoints.getPost).toHaveProperty('useQuerySubscription')
    expectTypeOf(api.endpoints.getPost).toHaveProperty('useLazyQuerySubscription')
    expectTypeOf(api.endpoints.addPost.useMutation).toEqualTypeOf(api.useAddPostMutation)
    expectTypeOf(api.endpoints.getFeed.useInfiniteQuery).toEqualTypeOf(api.useGetFeedInfiniteQuery)
    // The core parts stay next to the hooks.
    expectTypeOf(api.endpoints.getPost.initiate).parameter(0).toEqualTypeOf<number>()
    // @ts-expect-error a mutation endpoint has no useQuery
    void api.endpoints.addPost.useQuery
    // @ts-expect-error a query endpoint has no useMutation
    void api.endpoints.getPost.useMutation
    // @ts-expect-error an infinite query endpoint has no useQuery
    void api.endpoints.getFeed.useQuery
  })
})

describe('useQuery', () => {
  test('takes the declared argument or skipToken', () => {
    expectTypeOf(api.useGetPostQuery).parameter(0).toEqualTypeOf<number | SkipToken>()
    expectTypeOf(api.useGetPostQuery).toBeCallableWith(1)
    expectTypeOf(api.useGetPostQuery).toBeCallableWith(skipToken)
    expectTypeOf(api.useGetPostQuery).toBeCallableWith(1, { skip: true, pollingInterval: 5000 })
    expectTypeOf(api.useSearchPostsQuery).toBeCallableWith({ term: 'redux' })
    const useWrongArgs = () => {
      // @ts-expect-error a string is not the declared `number` argument
      api.useGetPostQuery('1')
      // @ts-expect-error the argument is required
      api.useGetPostQuery()
      // @ts-expect-error `term` is missing
      api.useSearchPostsQuery({ page: 1 })
      // A `void` argument may be left out.
      api.useGetPostsQuery()
    }
    void useWrongArgs
  })

  test('accepts the subscription and state options', () => {
    expectTypeOf(api.useGetPostQuery).toBeCallableWith(1, {
      skip: false,
      pollingInterval: 1000,
      skipPollingIfUnfocused: true,
      refetchOnMountOrArgChange: 30,
      refetchOnFocus: true,
      refetchOnReconnect: true,
    })
    expectTypeOf(api.useGetPostQuery).toBeCallableWith(1, { refetchOnMountOrArgChange: true })
    const useWrongOptions = () => {
      // @ts-expect-error pollingInterval is a number of milliseconds
      api.useGetPostQuery(1, { pollingInterval: '1s' })
      // @ts-expect-error not an option
      api.useGetPostQuery(1, { cacheTime: 10 })
    }
    void useWrongOptions
  })

  test('the result reads data and currentData as Post | undefined, with flags and refetch', () => {
    const result = returnOf(() => api.useGetPostQuery(1))
    expectTypeOf(result.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(result.currentData).toEqualTypeOf<Post | undefined>()
    expectTypeOf(result.error).toEqualTypeOf<PostError | undefined>()
    expectTypeOf(result.originalArgs).toEqualTypeOf<number | undefined>()
    expectTypeOf(result.isLoading).toEqualTypeOf<boolean>()
    expectTypeOf(result.isFetching).toEqualTypeOf<boolean>()
    expectTypeOf(result.isSuccess).toEqualTypeOf<boolean>()
    expectTypeOf(result.isError).toEqualTypeOf<boolean>()
    expectTypeOf(result.isUninitialized).toEqualTypeOf<boolean>()
    expectTypeOf(result.refetch).returns.toEqualTypeOf<QueryActionCreatorResult<Post, number, FetchBaseQueryError>>()
    expectTypeOf(result.refetch().unwrap()).toEqualTypeOf<Promise<Post>>()
  })

  test('selectFromResult narrows the result to the selection plus refetch', () => {
    const selected = returnOf(() =>
      api.useGetPostQuery(1, { selectFromResult: ({ data }) => ({ title: data?.title }) }),
    )
    expectTypeOf(selected).toEqualTypeOf<
      { title: string | undefined } & { refetch: () => QueryActionCreatorResult<Post, number, FetchBaseQueryError> }
    >()
    expectTypeOf(selected.title).toEqualTypeOf<string | undefined>()
    // @ts-expect-error data was not selected
    void selected.data

    // The selector receives the full default result.
    const busy = returnOf(() =>
      api.useGetPostQuery(1, {
        selectFromResult: (result) => {
          expectTypeOf(result.data).toEqualTypeOf<Post | undefined>()
          expectTypeOf(result.currentData).toEqualTypeOf<Post | undefined>()
          expectTypeOf(result.isFetching).toEqualTypeOf<boolean>()
          return { isBusy: result.isFetching }
        },
      }),
    )
    expectTypeOf(busy.isBusy).toEqualTypeOf<boolean>()
  })

  test('selectFromResult must return an object, since refetch is spread into it', () => {
    const useWrong = () => {
      // @ts-expect-error a bare value would be lost: the hook returns { ...selection, refetch }
      api.useGetPostQuery(1, { selectFromResult: ({ isLoading }) => isLoading })
    }
    void useWrong
  })
})

describe('useQueryState and useQuerySubscription', () => {
  test('useQueryState reads the same result as useQuery, without refetch', () => {
    const { useQueryState } = api.endpoints.getPost
    expectTypeOf(useQueryState).parameter(0).toEqualTypeOf<number | SkipToken>()
    const state = returnOf(() => useQueryState(1))
    expectTypeOf(state.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(state).not.toHaveProperty('refetch')
    const selected = returnOf(() => useQueryState(1, { selectFromResult: ({ isLoading }) => ({ isLoading }) }))
    expectTypeOf(selected).toEqualTypeOf<{ isLoading: boolean }>()
    const useWrong = () => {
      // @ts-expect-error a string is not the declared argument
      useQueryState('1')
      // @ts-expect-error useQueryState subscribes nothing, so it takes no subscription options
      useQueryState(1, { pollingInterval: 1000 })
    }
    void useWrong
  })

  test('useQuerySubscription returns only refetch', () => {
    const { useQuerySubscription } = api.endpoints.getPost
    expectTypeOf(useQuerySubscription).toBeCallableWith(skipToken)
    expectTypeOf(useQuerySubscription).toBeCallableWith(1, { pollingInterval: 1000, skip: true })
    const subscription = returnOf(() => useQuerySubscription(1))
    expectTypeOf<keyof typeof subscription>().toEqualTypeOf<'refetch'>()
    expectTypeOf(subscription.refetch().unwrap()).toEqualTypeOf<Promise<Post>>()
    const useWrong = () => {
      // @ts-expect-error a string is not the declared argument
      useQuerySubscription('1')
    }
    void useWrong
  })
})

describe('useLazyQuery and useLazyQuerySubscription', () => {
  test('useLazyQuery returns [trigger, result, { lastArg }]', () => {
    const lazy = returnOf(() => api.useLazyGetPostQuery())
    const [trigger, result, info] = lazy
    expectTypeOf(trigger).parameters.toEqualTypeOf<[arg: number, preferCacheValue?: boolean]>()
    expectTypeOf(trigger).returns.toEqualTypeOf<QueryActionCreatorResult<Post, number, FetchBaseQueryError>>()
    expectTypeOf(trigger(1).unwrap()).toEqualTypeOf<Promise<Post>>()
    expectTypeOf(result.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(result.isFetching).toEqualTypeOf<boolean>()
    expectTypeOf(info).toEqualTypeOf<{ lastArg: number | SkipToken }>()
    expectTypeOf(lazy.length).toEqualTypeOf<3>()
    const useWrong = () => {
      const [trigger] = api.useLazyGetPostQuery()
      // @ts-expect-error a string is not the declared argument
      void trigger('1')
      // @ts-expect-error the trigger needs an argument (skipToken is for hooks, not triggers)
      void trigger(skipToken)
      // @ts-expect-error a lazy query has no `skip`: it runs only when triggered
      api.useLazyGetPostQuery({ skip: true })
    }
    void useWrong
  })

  test('useLazyQuery takes subscription options and selectFromResult', () => {
    expectTypeOf(api.useLazyGetPostQuery).toBeCallableWith({ pollingInterval: 1000, refetchOnFocus: true })
    const [, selected] = returnOf(() => api.useLazyGetPostQuery({ selectFromResult: ({ data }) => ({ post: data }) }))
    expectTypeOf(selected).toEqualTypeOf<{ post: Post | undefined }>()
  })

  test('useLazyQuerySubscription returns [trigger, lastArg]', () => {
    const { useLazyQuerySubscription } = api.endpoints.getPost
    const lazy = returnOf(() => useLazyQuerySubscription({ pollingInterval: 1000 }))
    const [trigger, lastArg] = lazy
    expectTypeOf(trigger).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(trigger(1).unwrap()).toEqualTypeOf<Promise<Post>>()
    expectTypeOf(lastArg).toEqualTypeOf<number | SkipToken>()
    expectTypeOf(lazy.length).toEqualTypeOf<2>()
  })
})

describe('useSuspenseQuery', () => {
  test('data is always Post', () => {
    const result = returnOf(() => api.useGetPostSuspenseQuery(1))
    expectTypeOf(result.data).toEqualTypeOf<Post>()
    expectTypeOf(result.currentData).toEqualTypeOf<Post | undefined>()
    expectTypeOf(result.isFetching).toEqualTypeOf<boolean>()
    expectTypeOf(result.refetch().unwrap()).toEqualTypeOf<Promise<Post>>()
  })

  test('takes the argument but neither skipToken nor skip', () => {
    expectTypeOf(api.useGetPostSuspenseQuery).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(api.useGetPostSuspenseQuery).toBeCallableWith(1, { pollingInterval: 1000 })
    const useWrong = () => {
      // @ts-expect-error a suspense query cannot be skipped: it would have no data to return
      api.useGetPostSuspenseQuery(skipToken)
      // @ts-expect-error no `skip` option either
      api.useGetPostSuspenseQuery(1, { skip: true })
      // @ts-expect-error a string is not the declared argument
      api.useGetPostSuspenseQuery('1')
    }
    void useWrong
  })

  test('QueryError carries the endpoint, the cache key and the cached error', () => {
    expectTypeOf<QueryError>().toMatchTypeOf<Error>()
    expectTypeOf<QueryError['endpointName']>().toEqualTypeOf<string>()
    expectTypeOf<QueryError['queryCacheKey']>().toEqualTypeOf<string>()
    expectTypeOf<QueryError['error']>().toEqualTypeOf<unknown>()
  })
})

describe('useMutation', () => {
  test('the trigger takes the declared argument and unwrap() resolves to the result', () => {
    const [addPost] = returnOf(() => api.useAddPostMutation())
    expectTypeOf(addPost).parameters.toEqualTypeOf<[arg: Omit<Post, 'id'>]>()
    expectTypeOf(addPost).returns.toEqualTypeOf<
      MutationActionCreatorResult<Post, Omit<Post, 'id'>, FetchBaseQueryError>
    >()
    expectTypeOf(addPost({ title: 'Hello' }).unwrap()).toEqualTypeOf<Promise<Post>>()
    const useWrong = () => {
      const [addPost] = api.useAddPostMutation()
      // @ts-expect-error `title` is missing
      void addPost({})
      // @ts-expect-error `title` is a string
      void addPost({ title: 1 })
      void addPost({ title: 'Hello' })
    }
    void useWrong
  })

  test('the state has data, error, originalArgs, flags and reset', () => {
    const [, state] = returnOf(() => api.useAddPostMutation({ fixedCacheKey: 'shared' }))
    expectTypeOf(state.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(state.error).toEqualTypeOf<PostError | undefined>()
    expectTypeOf(state.originalArgs).toEqualTypeOf<Omit<Post, 'id'> | undefined>()
    expectTypeOf(state.isLoading).toEqualTypeOf<boolean>()
    expectTypeOf(state.isUninitialized).toEqualTypeOf<boolean>()
    expectTypeOf(state.reset).toEqualTypeOf<() => void>()
  })

  test('selectFromResult narrows the state, keeping reset and originalArgs', () => {
    const [, state] = returnOf(() => api.useAddPostMutation({ selectFromResult: ({ isLoading }) => ({ isLoading }) }))
    expectTypeOf(state.isLoading).toEqualTypeOf<boolean>()
    expectTypeOf(state.reset).toEqualTypeOf<() => void>()
    expectTypeOf(state.originalArgs).toEqualTypeOf<Omit<Post, 'id'> | undefined>()
    // @ts-expect-error data was not selected
    void state.data
  })

  test('selectFromResult must return an object, since reset and originalArgs are spread into it', () => {
    const useWrong = () => {
      // @ts-expect-error a bare value would be lost: the hook returns { ...selection, originalArgs, reset }
      api.useAddPostMutation({ selectFromResult: ({ isLoading }) => isLoading })
    }
    void useWrong
  })
})

describe('useInfiniteQuery', () => {
  test('data holds pages and pageParams, with page flags and page fetchers', () => {
    expectTypeOf(api.useGetFeedInfiniteQuery).parameter(0).toEqualTypeOf<string | SkipToken>()
    const result = returnOf(() => api.useGetFeedInfiniteQuery('news', { pollingInterval: 1000 }))
    expectTypeOf(result.data).toEqualTypeOf<InfiniteData<Page, number> | undefined>()
    expectTypeOf(result.hasNextPage).toEqualTypeOf<boolean>()
    expectTypeOf(result.isFetchingPreviousPage).toEqualTypeOf<boolean>()
    expectTypeOf(result.isFetchNextPageError).toEqualTypeOf<boolean>()
    expectTypeOf(result.fetchNextPage().unwrap()).toEqualTypeOf<Promise<InfiniteData<Page, number>>>()
    expectTypeOf(result.fetchPreviousPage().unwrap()).toEqualTypeOf<Promise<InfiniteData<Page, number>>>()
    expectTypeOf(result.refetch).returns.toEqualTypeOf<
      QueryActionCreatorResult<InfiniteData<Page, number>, string, FetchBaseQueryError>
    >()
    const useWrong = () => {
      // @ts-expect-error the query arg is a string
      api.useGetFeedInfiniteQuery(1)
    }
    void useWrong
  })
})

describe('usePrefetch', () => {
  test('takes query and infinite query names only, and returns a prefetcher of the declared argument', () => {
    const prefetchPost = returnOf(() => api.usePrefetch('getPost', { ifOlderThan: 30 }))
    expectTypeOf(prefetchPost).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(prefetchPost).toBeCallableWith(1, { force: true })
    expectTypeOf(prefetchPost).returns.toEqualTypeOf<void>()
    expectTypeOf(api.usePrefetch).toBeCallableWith('getFeed')
    const useWrong = () => {
      // @ts-expect-error a mutation cannot be prefetched
      api.usePrefetch('addPost')
      // @ts-expect-error not an endpoint
      api.usePrefetch('getComments')
      const prefetchPost = api.usePrefetch('getPost')
      // @ts-expect-error a string is not the declared argument
      prefetchPost('1')
    }
    void useWrong
  })
})

describe('code splitting', () => {
  test('injectEndpoints keeps the hooks, and adds them for the new endpoints', () => {
    const extended = api.injectEndpoints({
      endpoints: (build) => ({
        getUser: build.query<User, number>({ query: (id) => `users/${id}` }),
        renameUser: build.mutation<User, Pick<User, 'id' | 'name'>>({ query: (user) => `users/${user.id}` }),
      }),
    })
    expectTypeOf(extended).toHaveProperty('useGetUserQuery')
    expectTypeOf(extended).toHaveProperty('useLazyGetUserQuery')
    expectTypeOf(extended).toHaveProperty('useGetUserSuspenseQuery')
    expectTypeOf(extended).toHaveProperty('useRenameUserMutation')
    expectTypeOf(extended).toHaveProperty('useGetPostQuery')
    expectTypeOf(extended.endpoints.getUser.useQuery).parameter(0).toEqualTypeOf<number | SkipToken>()
    const user = returnOf(() => extended.useGetUserQuery(1))
    expectTypeOf(user.data).toEqualTypeOf<User | undefined>()
    expectTypeOf(extended.usePrefetch).toBeCallableWith('getUser')
    // @ts-expect-error the original api's type does not know the injected endpoint
    void api.useGetUserQuery
  })

  test('enhanceEndpoints keeps the hooks', () => {
    const enhanced = api.enhanceEndpoints({ addTagTypes: ['User'] })
    expectTypeOf(enhanced.useGetPostQuery).toEqualTypeOf(api.useGetPostQuery)
  })
})

describe('custom modules', () => {
  test('reactHooksModule accepts react-redux hooks made for a custom context', () => {
    const Context = createContext<ReactReduxContextValue | null>(null)
    const customCreateApi = buildCreateApi(
      coreModule(),
      reactHooksModule({
        hooks: {
          useDispatch: createDispatchHook(Context),
          useSelector: createSelectorHook(Context),
          useStore: createStoreHook(Context),
        },
      }),
    )
    const custom = customCreateApi({
      baseQuery: fakeBaseQuery<{ reason: string }>(),
      endpoints: (build) => ({
        getPost: build.query<Post, number>({ queryFn: (id) => ({ data: { id, title: '' } }) }),
      }),
    })
    const post = returnOf(() => custom.useGetPostQuery(1))
    expectTypeOf(post.data).toEqualTypeOf<Post | undefined>()
    expectTypeOf(post.error).toEqualTypeOf<{ reason: string } | SerializedError | undefined>()
  })

  test('a createApi built from coreModule alone has no hooks', () => {
    const coreOnly = buildCreateApi(coreModule())({
      baseQuery: fakeBaseQuery(),
      endpoints: (build) => ({
        getPost: build.query<Post, number>({ queryFn: (id) => ({ data: { id, title: '' } }) }),
      }),
    })
    // @ts-expect-error hooks come from reactHooksModule
    void coreOnly.useGetPostQuery
    // @ts-expect-error hooks come from reactHooksModule
    void coreOnly.endpoints.getPost.useQuery
  })
})
