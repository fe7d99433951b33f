import { configureStore } from '@reduxjs/toolkit'
import {
  createApi,
  fetchBaseQuery,
  skipToken,
  type FetchBaseQueryError,
  type InfiniteData,
  type SerializedError,
} from 'api-slice'
import { describe, expectTypeOf, test } from 'vitest'

interface Page {
  items: string[]
  next?: number
  prev?: number
}

const api = createApi({
  baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
  tagTypes: ['Item'],
  endpoints: (build) => ({
    getItems: build.infiniteQuery<Page, string, number>({
      query: (arg) => {
        expectTypeOf(arg).toEqualTypeOf<{ queryArg: string; pageParam: number }>()
        return `lists/${arg.queryArg}?offset=${arg.pageParam}`
      },
      infiniteQueryOptions: {
        initialPageParam: 0,
        getNextPageParam: (lastPage, allPages, lastPageParam, allPageParams, queryArg) => {
          expectTypeOf(lastPage).toEqualTypeOf<Page>()
          expectTypeOf(allPages).toEqualTypeOf<Page[]>()
          expectTypeOf(lastPageParam).toEqualTypeOf<number>()
          expectTypeOf(allPageParams).toEqualTypeOf<number[]>()
          expectTypeOf(queryArg).toEqualTypeOf<string>()
          return lastPage.next
        },
        getPreviousPageParam: (firstPage) => firstPage.prev ?? null,
        maxPages: 5,
        refetchCachedPages: false,
      },
      providesTags: (result, _error, queryArg) => {
        expectTypeOf(result).toEqualTypeOf<InfiniteData<Page, number> | undefined>()
        expectTypeOf(queryArg).toEqualTypeOf<string>()
        return (result?.pages ?? []).flatMap((page) => page.items.map((id) => ({ type: 'Item' as const, id })))
      },
    }),
    getLog: build.infiniteQuery<string[], void, string>({
      queryFn: ({ pageParam }) => ({ data: [pageParam] }),
      infiniteQueryOptions: { initialPageParam: 'start', getNextPageParam: () => undefined },
    }),
  }),
})

const store = configureStore({
  reducer: { [api.reducerPath]: api.reducer },
  middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
})

describe('infinite query types', () => {
  test('initiate takes the query arg and a page direction', () => {
    store.dispatch(api.endpoints.getItems.initiate('a'))
    store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'backward', subscribe: false }))
    store.dispatch(api.endpoints.getItems.initiate('a', { initialPageParam: 4 }))
    store.dispatch(api.endpoints.getLog.initiate(undefined, { direction: 'forward' }))
    // @ts-expect-error the query arg is a string, not the page param
    store.dispatch(api.endpoints.getItems.initiate(1))
    // @ts-expect-error a direction is 'forward' or 'backward'
    store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'sideways' }))
  })

  test('initiate resolves to the whole { pages, pageParams }', async () => {
    const result = await store.dispatch(api.endpoints.getItems.initiate('a', { direction: 'forward' }))
    expectTypeOf(result.data).toEqualTypeOf<InfiniteData<Page, number> | undefined>()
    expectTypeOf(result.originalArgs).toEqualTypeOf<string | undefined>()
    const data = await store.dispatch(api.endpoints.getItems.initiate('a')).unwrap()
    expectTypeOf(data.pages).toEqualTypeOf<Page[]>()
    expectTypeOf(data.pageParams).toEqualTypeOf<number[]>()
  })

  test('select(arg) gives the pages and the page flags', () => {
    const selected = api.endpoints.getItems.select('a')(store.getState())
    expectTypeOf(selected.data).toEqualTypeOf<{ pages: Page[]; pageParams: number[] } | undefined>()
    expectTypeOf(selected.error).toEqualTypeOf<FetchBaseQueryError | SerializedError | undefined>()
    expectTypeOf(selected.hasNextPage).toEqualTypeOf<boolean>()
    expectTypeOf(selected.hasPreviousPage).toEqualTypeOf<boolean>()
    expectTypeOf(selected.isFetchingNextPage).toEqualTypeOf<boolean>()
    expectTypeOf(selected.isFetchingPreviousPage).toEqualTypeOf<boolean>()
    expectTypeOf(selected.isFetchNextPageError).toEqualTypeOf<boolean>()
    expectTypeOf(selected.isFetchPreviousPageError).toEqualTypeOf<boolean>()
    expectTypeOf(api.endpoints.getLog.select(undefined)(store.getState()).data).toEqualTypeOf<
      InfiniteData<string[], string> | undefined
    >()
    expectTypeOf(api.endpoints.getItems.select(skipToken)(store.getState()).hasNextPage).toEqualTypeOf<boolean>()
    // @ts-expect-error select takes the query arg
    api.endpoints.getItems.select(1)
  })

  test('page param functions must return the page param type, undefined or null', () => {
    createApi({
      baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
      endpoints: (build) => ({
        getItems: build.infiniteQuery<Page, string, number>({
          query: ({ queryArg }) => queryArg,
          infiniteQueryOptions: {
            initialPageParam: 0,
            // @ts-expect-error the page param is a number
            getNextPageParam: () => 'next',
          },
        }),
      }),
    })
    createApi({
      baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
      endpoints: (build) => ({
        getItems: build.infiniteQuery<Page, string, number>({
          query: ({ queryArg }) => queryArg,
          // @ts-expect-error initialPageParam is required and a number
          infiniteQueryOptions: { initialPageParam: '0', getNextPageParam: () => 1 },
        }),
      }),
    })
  })
})
