import type {
  ArgOf,
  ErrorOf,
  InfiniteQueryDefinition,
  InfiniteQueryFlags,
  MutationActionCreatorResult,
  MutationDefinition,
  PrefetchOptions,
  QueryActionCreatorResult,
  QueryDefinition,
  QueryStatus,
  ResultOf,
  SerializedError,
  SkipToken,
  SubscriptionOptions,
} from 'api-slice'

/** Options of the subscription half of a query hook. */
export interface UseQuerySubscriptionOptions extends SubscriptionOptions {
  /** Make no request and hold no subscription. Default: false. */
  skip?: boolean
  /**
   * Refetch on mount or argument change even when data is cached: `true`,
   * or a number of seconds the data must be at least as old as. Default: the
   * api's `refetchOnMountOrArgChange` (false).
   */
  refetchOnMountOrArgChange?: boolean | number
}

/** The request fields every hook result has. */
export interface RequestStateResult<TData = unknown, TArg = unknown, TError = unknown> {
  data?: TData
  error?: TError | SerializedError
  status: QueryStatus
  originalArgs?: TArg
  requestId?: string
  endpointName?: string
  startedTimeStamp?: number
  fulfilledTimeStamp?: number
  isUninitialized: boolean
  isLoading: boolean
  isSuccess: boolean
  isError: boolean
}

/** What a query hook returns (before `selectFromResult`). */
export interface UseQueryStateResult<TData = unknown, TArg = unknown, TError = unknown> extends RequestStateResult<
  TData,
  TArg,
  TError
> {
  /** The latest data, kept while a new argument loads. */
  data?: TData
  /** The data for the current argument only. */
  currentData?: TData
  /** Fetching with no data yet. */
  isLoading: boolean
  /** Any request in flight, including refetches. */
  isFetching: boolean
}

export interface UseQueryStateOptions<TResult, TSelected> {
  skip?: boolean
  /** Picks what the component needs; it re-renders only when this changes (shallow equal). */
  selectFromResult?: (result: TResult) => TSelected
}

export type UseQueryOptions<TResult, TSelected> = UseQuerySubscriptionOptions & UseQueryStateOptions<TResult, TSelected>

export interface QuerySubscriptionResult<D extends QueryDefinition | InfiniteQueryDefinition> {
  /** Fetches again, keeping the subscription. */
  refetch: () => QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>
}

type StateOf<D extends QueryDefinition | InfiniteQueryDefinition> = UseQueryStateResult<
  ResultOf<D>,
  ArgOf<D>,
  ErrorOf<D>
>

export type UseQuery<D extends QueryDefinition> = <TSelected extends Record<string, any> = StateOf<D>>(
  arg: ArgOf<D> | SkipToken,
  options?: UseQueryOptions<StateOf<D>, TSelected>,
) => TSelected & QuerySubscriptionResult<D>

export type UseQueryState<D extends QueryDefinition> = <TSelected extends Record<string, any> = StateOf<D>>(
  arg: ArgOf<D> | SkipToken,
  options?: UseQueryStateOptions<StateOf<D>, TSelected>,
) => TSelected

export type UseQuerySubscription<D extends QueryDefinition> = (
  arg: ArgOf<D> | SkipToken,
  options?: UseQuerySubscriptionOptions,
) => QuerySubscriptionResult<D>

export type LazyQueryTrigger<D extends QueryDefinition> = (
  arg: ArgOf<D>,
  preferCacheValue?: boolean,
) => QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>

export type UseLazyQuerySubscription<D extends QueryDefinition> = (
  options?: SubscriptionOptions,
) => readonly [LazyQueryTrigger<D>, ArgOf<D> | SkipToken]

export type UseLazyQuery<D extends QueryDefinition> = <TSelected extends Record<string, any> = StateOf<D>>(
  options?: SubscriptionOptions & Pick<UseQueryStateOptions<StateOf<D>, TSelected>, 'selectFromResult'>,
) => readonly [LazyQueryTrigger<D>, TSelected, { lastArg: ArgOf<D> | SkipToken }]

/** What `useSuspenseQuery` returns: data is always there. */
export type UseSuspenseQueryResult<D extends QueryDefinition> = StateOf<D> & {
  data: ResultOf<D>
} & QuerySubscriptionResult<D>

export type UseSuspenseQuery<D extends QueryDefinition> = (
  arg: ArgOf<D>,
  options?: Omit<UseQuerySubscriptionOptions, 'skip'>,
) => UseSuspenseQueryResult<D>

export type UseInfiniteQueryResult<D extends InfiniteQueryDefinition> = StateOf<D> &
  InfiniteQueryFlags &
  QuerySubscriptionResult<D> & {
    fetchNextPage: () => QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>
    fetchPreviousPage: () => QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>
  }

export type UseInfiniteQuery<D extends InfiniteQueryDefinition> = (
  arg: ArgOf<D> | SkipToken,
  options?: UseQuerySubscriptionOptions,
) => UseInfiniteQueryResult<D>

export type UseMutationStateResult<TData = unknown, TArg = unknown, TError = unknown> = RequestStateResult<
  TData,
  TArg,
  TError
>

export type MutationTrigger<D extends MutationDefinition> = (
  arg: ArgOf<D>,
) => MutationActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>

export type UseMutation<D extends MutationDefinition> = <
  TSelected extends Record<string, any> = UseMutationStateResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>,
>(options?: {
  /** Share the result with every component using this key. */
  fixedCacheKey?: string
  selectFromResult?: (result: UseMutationStateResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>) => TSelected
}) => readonly [MutationTrigger<D>, TSelected & { originalArgs?: ArgOf<D>; reset: () => void }]

export interface QueryHooks<D extends QueryDefinition> {
  useQuery: UseQuery<D>
  useQueryState: UseQueryState<D>
  useQuerySubscription: UseQuerySubscription<D>
  useLazyQuery: UseLazyQuery<D>
  useLazyQuerySubscription: UseLazyQuerySubscription<D>
  useSuspenseQuery: UseSuspenseQuery<D>
}

export interface InfiniteQueryHooks<D extends InfiniteQueryDefinition> {
  useInfiniteQuery: UseInfiniteQuery<D>
}

export interface MutationHooks<D extends MutationDefinition> {
  useMutation: UseMutation<D>
}

export type EndpointHooks<D> = D extends InfiniteQueryDefinition
  ? InfiniteQueryHooks<D>
  : D extends QueryDefinition
    ? QueryHooks<D>
    : D extends MutationDefinition
      ? MutationHooks<D>
      : never

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never

/** `getPost` → `useGetPostQuery`, `useLazyGetPostQuery`, `useGetPostSuspenseQuery`; mutations → `use…Mutation`. */
type NamedHooks<K extends string, D> = D extends InfiniteQueryDefinition
  ? { [P in `use${Capitalize<K>}InfiniteQuery`]: UseInfiniteQuery<D> }
  : D extends QueryDefinition
    ? { [P in `use${Capitalize<K>}Query`]: UseQuery<D> } & {
        [P in `useLazy${Capitalize<K>}Query`]: UseLazyQuery<D>
      } & { [P in `use${Capitalize<K>}SuspenseQuery`]: UseSuspenseQuery<D> }
    : D extends MutationDefinition
      ? { [P in `use${Capitalize<K>}Mutation`]: UseMutation<D> }
      : unknown

export type HooksWithUniqueNames<TDefinitions> = UnionToIntersection<
  { [K in keyof TDefinitions & string]: NamedHooks<K, TDefinitions[K]> }[keyof TDefinitions & string]
>

type QueryNames<D> = { [K in keyof D]: D[K] extends QueryDefinition | InfiniteQueryDefinition ? K : never }[keyof D] &
  string

export type UsePrefetch<TDefinitions> = <K extends QueryNames<TDefinitions>>(
  endpointName: K,
  options?: PrefetchOptions,
) => (arg: ArgOf<TDefinitions[K]>, options?: PrefetchOptions) => void

/** The parts `reactHooksModule` adds to an api. */
export type ReactApiParts<TDefinitions> = HooksWithUniqueNames<TDefinitions> & {
  endpoints: { [K in keyof TDefinitions]: EndpointHooks<TDefinitions[K]> }
  usePrefetch: UsePrefetch<TDefinitions>
}
