import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import type { PatchCollection, Recipe } from '../thunks/cacheUpdates'
import type { QueryResultSelectorResult, MutationResultSelectorResult } from './results'

interface LifecycleApiBase<TEntry> {
  dispatch: ThunkDispatch<any, any, UnknownAction>
  getState: () => any
  /** The thunk middleware's extra argument. */
  extra: unknown
  requestId: string
  /** The entry as it is now, with status flags. */
  getCacheEntry: () => TEntry
}

/** What `queryFulfilled` rejects with. */
export interface QueryFulfilledRejection<TError> {
  error: TError
  /** True when the baseQuery threw (the error is then a serialized exception). */
  isUnhandledError: boolean
  meta: unknown
}

export interface QueryStartedApi<TData, TError, TEntry> extends LifecycleApiBase<TEntry> {
  /**
   * Resolves with `{ data, meta }` when this request succeeds; rejects with a
   * {@link QueryFulfilledRejection} when it fails.
   */
  queryFulfilled: Promise<{ data: TData; meta: unknown }> & { readonly __rejectsWith?: QueryFulfilledRejection<TError> }
}

export interface QueryLifecycleExtras<TData> {
  /** Runs an Immer recipe on this entry's data (see `api.util.updateQueryData`). Queries only. */
  updateCachedData: (recipe: Recipe<TData>) => PatchCollection
}

export interface CacheEntryAddedApi<TData, TEntry> extends LifecycleApiBase<TEntry> {
  /** Resolves with `{ data, meta }` when the entry first holds data; rejects if it is removed before. */
  cacheDataLoaded: Promise<{ data: TData; meta: unknown }>
  /** Resolves when the entry leaves the cache (removal or `resetApiState`). */
  cacheEntryRemoved: Promise<void>
}

export interface QueryLifecycles<TArg, TData, TError> {
  /** Runs when each request of this endpoint starts. */
  onQueryStarted?: (
    arg: TArg,
    api: QueryStartedApi<TData, TError, QueryResultSelectorResult<TData, TArg, TError>> & QueryLifecycleExtras<TData>,
  ) => Promise<void> | void
  /** Runs when a new cache entry of this endpoint is added. */
  onCacheEntryAdded?: (
    arg: TArg,
    api: CacheEntryAddedApi<TData, QueryResultSelectorResult<TData, TArg, TError>> & QueryLifecycleExtras<TData>,
  ) => Promise<void> | void
}

export interface MutationLifecycles<TArg, TData, TError> {
  onQueryStarted?: (
    arg: TArg,
    api: QueryStartedApi<TData, TError, MutationResultSelectorResult<TData, TArg, TError>>,
  ) => Promise<void> | void
  onCacheEntryAdded?: (
    arg: TArg,
    api: CacheEntryAddedApi<TData, MutationResultSelectorResult<TData, TArg, TError>>,
  ) => Promise<void> | void
}
