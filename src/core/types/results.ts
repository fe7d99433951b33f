import type { SerializedError } from '../errors'
import type { QueryStatus } from '../queryStatus'
import type { MutationSubState, QuerySubState, SubscriptionOptions } from './state'
import type { PageDirection } from './infinite'

export interface StatusFlags {
  isUninitialized: boolean
  isLoading: boolean
  isSuccess: boolean
  isError: boolean
}

/** What `endpoint.select(arg)` returns: the cache entry plus status flags. */
export type QueryResultSelectorResult<TData = unknown, TArg = unknown, TError = unknown> = Partial<
  QuerySubState<TData, TArg, TError>
> & { status: QueryStatus } & StatusFlags

export type MutationResultSelectorResult<TData = unknown, TArg = unknown, TError = unknown> = Partial<
  MutationSubState<TData, TArg, TError>
> & { status: QueryStatus } & StatusFlags

export interface StartQueryOptions {
  /** Keep a subscription to the entry until `unsubscribe()`. Default: true. */
  subscribe?: boolean
  /** Fetch even when data is cached: `true`, or a number of seconds the data must be at least as old as. */
  forceRefetch?: boolean | number
  subscriptionOptions?: SubscriptionOptions
  /** Infinite queries only: fetch the next (`'forward'`) or previous (`'backward'`) page. */
  direction?: PageDirection
  /** Infinite queries only: the param of the first page, overriding `initialPageParam`. */
  initialPageParam?: unknown
}

/** What dispatching a query's `initiate` returns: a promise of the selected result, with controls. */
export interface QueryActionCreatorResult<TData = unknown, TArg = unknown, TError = unknown> extends Promise<
  QueryResultSelectorResult<TData, TArg, TError>
> {
  arg: TArg
  requestId: string
  queryCacheKey: string
  subscriptionOptions: SubscriptionOptions | undefined
  /** Aborts the request this dispatch started, if any. */
  abort(): void
  /** Resolves to the data, or throws the error. */
  unwrap(): Promise<TData>
  /** Fetches again without adding a subscription. */
  refetch(): QueryActionCreatorResult<TData, TArg, TError>
  unsubscribe(): void
  updateSubscriptionOptions(options: SubscriptionOptions): void
}

export type MutationResult<TData = unknown, TError = unknown> =
  { data: TData; error?: undefined } | { error: TError | SerializedError; data?: undefined }

export interface StartMutationOptions {
  /** Keep the result in state. Default: true. */
  track?: boolean
  /** Share one state entry between every mutation with this key. */
  fixedCacheKey?: string
}

export interface MutationActionCreatorResult<TData = unknown, TArg = unknown, TError = unknown> extends Promise<
  MutationResult<TData, TError>
> {
  arg: { endpointName: string; originalArgs: TArg; track: boolean; fixedCacheKey?: string }
  requestId: string
  abort(): void
  unwrap(): Promise<TData>
  /** Removes the mutation's entry from state. */
  reset(): void
}
