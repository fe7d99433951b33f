import type {
  BaseQueryApi,
  BaseQueryArg,
  BaseQueryError,
  BaseQueryExtraOptions,
  BaseQueryFn,
  BaseQueryMeta,
  MaybePromise,
  QueryReturnValue,
} from './baseQuery'
import type { MutationLifecycles, QueryLifecycles } from './lifecycles'
import type { EndpointSchemaOptions } from './schemas'
import type { QuerySubState } from './state'
import type { ResultDescription } from './tags'
import type { InfiniteData, InfiniteQueryDefinition } from './infinite'

export interface SerializeQueryArgsParams<TArg> {
  queryArgs: TArg
  endpointName: string
  endpointDefinition: EndpointDefinition
}

/** Global form: returns the whole cache key. */
export type SerializeQueryArgs<TArg = unknown> = (params: SerializeQueryArgsParams<TArg>) => string

/** Endpoint form: may return a value, which is then serialized with the endpoint name. */
export type EndpointSerializeQueryArgs<TArg = unknown> = (
  params: SerializeQueryArgsParams<TArg>,
) => string | number | boolean | Record<string, unknown>

/** Options every endpoint has. @internal */
export interface DefinitionBase<TArg, TBaseQuery extends BaseQueryFn, TResult> extends EndpointSchemaOptions<
  TArg,
  TResult,
  unknown,
  BaseQueryError<TBaseQuery>,
  BaseQueryMeta<TBaseQuery>
> {
  /** Builds the `baseQuery` argument from the endpoint argument. Use this or `queryFn`. */
  query?: (arg: TArg) => BaseQueryArg<TBaseQuery>
  /** Runs the request itself instead of `baseQuery`. Use this or `query`. */
  queryFn?: (
    arg: TArg,
    api: BaseQueryApi,
    extraOptions: BaseQueryExtraOptions<TBaseQuery>,
    baseQuery: (arg: BaseQueryArg<TBaseQuery>) => ReturnType<TBaseQuery>,
  ) => MaybePromise<QueryReturnValue<TResult, BaseQueryError<TBaseQuery>, BaseQueryMeta<TBaseQuery> | undefined>>
  /** Maps a successful `baseQuery` result before it is cached. */
  transformResponse?: (raw: any, meta: BaseQueryMeta<TBaseQuery> | undefined, arg: TArg) => TResult | Promise<TResult>
  /** Maps a `baseQuery` error before it is cached. */
  transformErrorResponse?: (
    error: BaseQueryError<TBaseQuery>,
    meta: BaseQueryMeta<TBaseQuery> | undefined,
    arg: TArg,
  ) => unknown
  /** Passed to `baseQuery` as its third argument. */
  extraOptions?: BaseQueryExtraOptions<TBaseQuery>
}

export interface QueryDefinition<
  TArg = any,
  TBaseQuery extends BaseQueryFn = BaseQueryFn,
  TTagTypes extends string = string,
  TResult = any,
  TReducerPath extends string = string,
>
  extends DefinitionBase<TArg, TBaseQuery, TResult>, QueryLifecycles<TArg, TResult, BaseQueryError<TBaseQuery>> {
  type: 'query'
  /** Tags this entry provides, for invalidation. */
  providesTags?: ResultDescription<
    TTagTypes,
    TResult,
    TArg,
    BaseQueryError<TBaseQuery>,
    BaseQueryMeta<TBaseQuery> | undefined
  >
  /** Seconds an unused entry stays cached. Default: the api's `keepUnusedDataFor` (60). */
  keepUnusedDataFor?: number
  serializeQueryArgs?: EndpointSerializeQueryArgs<TArg>
  /**
   * Merges a new response into the cached data instead of replacing it. Runs
   * as an Immer recipe: mutate `currentCacheData` or return a new value.
   */
  merge?: (
    currentCacheData: TResult,
    responseData: TResult,
    info: { arg: TArg; baseQueryMeta: unknown; requestId: string; fulfilledTimeStamp: number },
  ) => TResult | void
  /** Return true to fetch even though the entry already holds data. */
  forceRefetch?: (params: {
    currentArg: TArg | undefined
    previousArg: TArg | undefined
    state: unknown
    endpointState?: QuerySubState
  }) => boolean
  /** Keep unchanged parts of new data referentially equal to the old. Default: true. */
  structuralSharing?: boolean
  /** Only infinite queries have it. */
  infiniteQueryOptions?: undefined
  /** Type-only carrier for the reducer path. */
  readonly __reducerPath?: TReducerPath
}

export interface MutationDefinition<
  TArg = any,
  TBaseQuery extends BaseQueryFn = BaseQueryFn,
  TTagTypes extends string = string,
  TResult = any,
  TReducerPath extends string = string,
>
  extends DefinitionBase<TArg, TBaseQuery, TResult>, MutationLifecycles<TArg, TResult, BaseQueryError<TBaseQuery>> {
  type: 'mutation'
  /** Tags to invalidate once the mutation settles. */
  invalidatesTags?: ResultDescription<
    TTagTypes,
    TResult,
    TArg,
    BaseQueryError<TBaseQuery>,
    BaseQueryMeta<TBaseQuery> | undefined
  >
  readonly __reducerPath?: TReducerPath
}

export type EndpointDefinition<
  TArg = any,
  TBaseQuery extends BaseQueryFn = BaseQueryFn,
  TTagTypes extends string = string,
  TResult = any,
  TReducerPath extends string = string,
> =
  | QueryDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>
  | MutationDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>
  | InfiniteQueryDefinition<TArg, any, TBaseQuery, TTagTypes, any, TReducerPath>

/** A query endpoint, infinite or not. */
export type AnyQueryDefinition = QueryDefinition | InfiniteQueryDefinition

export type EndpointDefinitions = Record<string, EndpointDefinition<any, any, any, any, any>>

export interface EndpointBuilder<
  TBaseQuery extends BaseQueryFn,
  TTagTypes extends string,
  TReducerPath extends string,
> {
  query<TResult, TArg>(
    definition: Omit<QueryDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>, 'type'>,
  ): QueryDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>
  /** A query whose data is `{ pages, pageParams }`, fetched a page at a time. */
  infiniteQuery<TPage, TQueryArg, TPageParam>(
    definition: Omit<
      InfiniteQueryDefinition<TQueryArg, TPageParam, TBaseQuery, TTagTypes, TPage, TReducerPath>,
      'type'
    >,
  ): InfiniteQueryDefinition<TQueryArg, TPageParam, TBaseQuery, TTagTypes, TPage, TReducerPath>
  mutation<TResult, TArg>(
    definition: Omit<MutationDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>, 'type'>,
  ): MutationDefinition<TArg, TBaseQuery, TTagTypes, TResult, TReducerPath>
}

export type ArgOf<D> =
  D extends InfiniteQueryDefinition<infer TQueryArg, any, any, any, any, any>
    ? TQueryArg
    : D extends EndpointDefinition<infer TArg, any, any, any, any>
      ? TArg
      : unknown
export type ResultOf<D> =
  D extends InfiniteQueryDefinition<any, infer TPageParam, any, any, infer TPage, any>
    ? InfiniteData<TPage, TPageParam>
    : D extends EndpointDefinition<any, any, any, infer TResult, any>
      ? TResult
      : unknown
export type ErrorOf<D> =
  D extends EndpointDefinition<any, infer TBaseQuery, any, any, any> ? BaseQueryError<TBaseQuery> : unknown
