import { vi } from 'vitest'
import { createApi } from 'api-slice'
import { setupStore } from './setup'

/** One page of a list: the items from `offset`, and the offsets of the pages around it (none past either end). */
export interface Page {
  offset: number
  items: string[]
  next?: number
  prev?: number
}

export type PageOutcome = { data: Page } | { error: { status: number; message: string } }

/**
 * A fake paged list server. Each list (the query arg) holds `size` items; a
 * page holds `pageSize` of them. Tests change `pageSize`, `size` or `revision`
 * to make the next responses differ.
 */
export function createServer(options: { size?: number; pageSize?: number } = {}) {
  const server = {
    size: options.size ?? 10,
    pageSize: options.pageSize ?? 2,
    revision: 0,
    page(list: string, offset: number): Page {
      const end = Math.min(offset + server.pageSize, server.size)
      const items: string[] = []
      for (let index = offset; index < end; index++) items.push(`${list}:${index}@${server.revision}`)
      return {
        offset,
        items,
        next: end < server.size ? end : undefined,
        prev: offset > 0 ? Math.max(0, offset - server.pageSize) : undefined,
      }
    },
  }
  return server
}

export type FakeServer = ReturnType<typeof createServer>

/**
 * An api with one infinite query `getItems: infiniteQuery<Page, string, number>`
 * over a fake server, whose `queryFn` is a mock the test can inspect or
 * override (`mockImplementationOnce`). The page param is an offset, starting at 0.
 */
export function makeInfiniteApi(
  options: {
    server?: FakeServer
    maxPages?: number
    refetchCachedPages?: boolean
    /** Define `getPreviousPageParam`. Default: true. */
    withPrevious?: boolean
    /** What `getNextPageParam` returns at the end of the list. Default: undefined. */
    noMorePages?: undefined | null
    providesTags?: (result: unknown) => { type: 'Item'; id?: string }[]
    /** createApi's `isServer`; pass false for polling. */
    isServer?: boolean
    refetchOnMountOrArgChange?: boolean | number
  } = {},
) {
  const server = options.server ?? createServer()
  const queryFn = vi.fn(
    ({ queryArg, pageParam }: { queryArg: string; pageParam: number }): PageOutcome | Promise<PageOutcome> => ({
      data: server.page(queryArg, pageParam),
    }),
  )
  const getNextPageParam = vi.fn((lastPage: Page) => lastPage.next ?? options.noMorePages)
  const getPreviousPageParam = vi.fn((firstPage: Page) => firstPage.prev)
  const api = createApi({
    baseQuery: () => ({ data: undefined }),
    tagTypes: ['Item'],
    isServer: options.isServer,
    refetchOnMountOrArgChange: options.refetchOnMountOrArgChange,
    endpoints: (build) => ({
      getItems: build.infiniteQuery<Page, string, number>({
        queryFn: (arg) => queryFn(arg),
        infiniteQueryOptions: {
          initialPageParam: 0,
          getNextPageParam,
          ...(options.withPrevious !== false && { getPreviousPageParam }),
          maxPages: options.maxPages,
          refetchCachedPages: options.refetchCachedPages,
        },
        providesTags: options.providesTags ?? (() => [{ type: 'Item' }]),
      }),
    }),
  })
  const store = setupStore(api)
  /** The page params the queryFn was called with, in order. */
  const requestedParams = () => queryFn.mock.calls.map(([arg]) => arg.pageParam)
  return { api, store, server, queryFn, getNextPageParam, getPreviousPageParam, requestedParams }
}
