import type { BaseQueryError, BaseQueryFn, BaseQueryMeta } from './baseQuery'
import type { DefinitionBase, EndpointSerializeQueryArgs, QueryDefinition } from './definitions'
import type { QueryLifecycles } from './lifecycles'
import type { ResultDescription } from './tags'

/** The cached data of an infinite query: its pages, and the param each was fetched with. */
export interface InfiniteData<TPage, TPageParam> {
  pages: TPage[]
  pageParams: TPageParam[]
}

/** What `query`/`queryFn` of an infinite query receive. */
export interface InfiniteQueryArg<TQueryArg, TPageParam> {
  queryArg: TQueryArg
  pageParam: TPageParam
}

export type PageDirection = 'forward' | 'backward'

export interface InfiniteQueryOptions<TPage, TPageParam, TQueryArg> {
  /** The param of the first page fetched. */
  initialPageParam: TPageParam
  /** The param of the page after the last one; `undefined` or `null` when there is none. */
  getNextPageParam: (
    lastPage: TPage,
    allPages: TPage[],
    lastPageParam: TPageParam,
    allPageParams: TPageParam[],
    queryArg: TQueryArg,
  ) => TPageParam | undefined | null
  /** The param of the page before the first one; `undefined` or `null` when there is none. Default: none. */
  getPreviousPageParam?: (
    firstPage: TPage,
    allPages: TPage[],
    firstPageParam: TPageParam,
    allPageParams: TPageParam[],
    queryArg: TQueryArg,
  ) => TPageParam | undefined | null
  /** Keep at most this many pages, dropping from the other end. Default: unlimited. */
  maxPages?: number
  /** On refetch, fetch every cached page again (true) or only the first (false). Default: true. */
  refetchCachedPages?: boolean
}

export interface InfiniteQueryDefinition<
  TQueryArg = any,
  TPageParam = any,
  TBaseQuery extends BaseQueryFn = BaseQueryFn,
  TTagTypes extends string = string,
  TPage = any,
  TReducerPath extends string = string,
>
  extends
    DefinitionBase<InfiniteQueryArg<TQueryArg, TPageParam>, TBaseQuery, TPage>,
    QueryLifecycles<TQueryArg, InfiniteData<TPage, TPageParam>, BaseQueryError<TBaseQuery>> {
  type: 'query'
  infiniteQueryOptions: InfiniteQueryOptions<TPage, TPageParam, TQueryArg>
  providesTags?: ResultDescription<
    TTagTypes,
    InfiniteData<TPage, TPageParam>,
    TQueryArg,
    BaseQueryError<TBaseQuery>,
    BaseQueryMeta<TBaseQuery> | undefined
  >
  /** Seconds an unused entry stays cached. Default: the api's `keepUnusedDataFor` (60). */
  keepUnusedDataFor?: number
  /** Builds the cache key from the query argument (never the page param). */
  serializeQueryArgs?: EndpointSerializeQueryArgs<TQueryArg>
  /** Pages are combined by the infinite query itself; `merge` does not apply. */
  merge?: undefined
  forceRefetch?: QueryDefinition<TQueryArg>['forceRefetch']
  /** Default: true. */
  structuralSharing?: boolean
  readonly __reducerPath?: TReducerPath
}
