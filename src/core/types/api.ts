import type { ThunkAction, UnknownAction, Middleware, Reducer } from '@reduxjs/toolkit'
import type { InternalActions, QueryThunkArg, MutationThunkArg, RequestMeta } from '../actions'
import type { SerializedError } from '../errors'
import type { SkipToken } from '../skipToken'
import type { InfiniteQueryFlags, InvalidatedEntry, MutationSelectArg } from '../selectors'
import type { InfiniteQueryDefinition } from './infinite'
import type { PrefetchOptions } from '../thunks/prefetch'
import type { PatchCollection, Recipe } from '../thunks/cacheUpdates'
import type { Patch } from 'immer'
import type { BaseQueryFn } from './baseQuery'
import type {
  ArgOf,
  EndpointBuilder,
  EndpointDefinition,
  EndpointDefinitions,
  ErrorOf,
  MutationDefinition,
  QueryDefinition,
  ResultOf,
} from './definitions'
import type {
  MutationActionCreatorResult,
  MutationResultSelectorResult,
  QueryActionCreatorResult,
  QueryResultSelectorResult,
  StartMutationOptions,
  StartQueryOptions,
} from './results'
import type { ApiState } from './state'
import type { TagDescription } from './tags'

type Thunk<T> = ThunkAction<T, any, any, UnknownAction>

export interface PendingAction<TArg> {
  type: string
  payload: undefined
  meta: RequestMeta<TArg>
}
export interface FulfilledAction<TArg, TData> {
  type: string
  payload: TData
  meta: RequestMeta<TArg>
}
export interface RejectedAction<TArg, TError> {
  type: string
  payload: TError | undefined
  error: SerializedError
  meta: RequestMeta<TArg>
}

interface Matchers<TArg, TData, TError> {
  matchPending(action: unknown): action is PendingAction<TArg>
  matchFulfilled(action: unknown): action is FulfilledAction<TArg, TData>
  matchRejected(action: unknown): action is RejectedAction<TArg, TError>
}

export interface ApiEndpointQuery<D extends QueryDefinition> extends Matchers<QueryThunkArg, ResultOf<D>, ErrorOf<D>> {
  name: string
  initiate(
    arg: ArgOf<D>,
    options?: StartQueryOptions,
  ): Thunk<QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>>
  /** A memoized selector of the entry for `arg`, with status flags. */
  select(arg: ArgOf<D> | SkipToken): (state: any) => QueryResultSelectorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>
}

export interface ApiEndpointInfiniteQuery<D extends InfiniteQueryDefinition> extends Matchers<
  QueryThunkArg,
  ResultOf<D>,
  ErrorOf<D>
> {
  name: string
  /** Fetches the first page, or with `direction` the next/previous page; without it, refetches the cached pages. */
  initiate(
    arg: ArgOf<D>,
    options?: StartQueryOptions,
  ): Thunk<QueryActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>>
  /** A memoized selector of the entry for `arg`, with status and page flags. */
  select(
    arg: ArgOf<D> | SkipToken,
  ): (state: any) => QueryResultSelectorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>> & InfiniteQueryFlags
}

export interface ApiEndpointMutation<D extends MutationDefinition> extends Matchers<
  MutationThunkArg,
  ResultOf<D>,
  ErrorOf<D>
> {
  name: string
  initiate(
    arg: ArgOf<D>,
    options?: StartMutationOptions,
  ): Thunk<MutationActionCreatorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>>
  /** By request id, or by `{ fixedCacheKey }`. */
  select(arg: MutationSelectArg): (state: any) => MutationResultSelectorResult<ResultOf<D>, ArgOf<D>, ErrorOf<D>>
}

export type ApiEndpoints<TDefinitions extends EndpointDefinitions> = {
  [K in keyof TDefinitions]: TDefinitions[K] extends InfiniteQueryDefinition
    ? ApiEndpointInfiniteQuery<TDefinitions[K]>
    : TDefinitions[K] extends QueryDefinition
      ? ApiEndpointQuery<TDefinitions[K]>
      : TDefinitions[K] extends MutationDefinition
        ? ApiEndpointMutation<TDefinitions[K]>
        : never
}

type QueryNames<D extends EndpointDefinitions> = {
  [K in keyof D]: D[K] extends QueryDefinition | InfiniteQueryDefinition ? K : never
}[keyof D] &
  string
type MutationNames<D extends EndpointDefinitions> = {
  [K in keyof D]: D[K] extends MutationDefinition ? K : never
}[keyof D] &
  string

export interface ApiUtil<TDefinitions extends EndpointDefinitions, TTagTypes extends string> {
  /** Every query request running in this store. On the server: `await Promise.all(dispatch(api.util.getRunningQueriesThunk()))`. */
  getRunningQueriesThunk(): Thunk<QueryActionCreatorResult<unknown, unknown, unknown>[]>
  getRunningQueryThunk<K extends QueryNames<TDefinitions>>(
    endpointName: K,
    arg: ArgOf<TDefinitions[K]>,
  ): Thunk<
    QueryActionCreatorResult<ResultOf<TDefinitions[K]>, ArgOf<TDefinitions[K]>, ErrorOf<TDefinitions[K]>> | undefined
  >
  getRunningMutationsThunk(): Thunk<MutationActionCreatorResult<unknown, unknown, unknown>[]>
  getRunningMutationThunk<K extends MutationNames<TDefinitions>>(
    endpointName: K,
    fixedCacheKeyOrRequestId: string,
  ): Thunk<
    MutationActionCreatorResult<ResultOf<TDefinitions[K]>, ArgOf<TDefinitions[K]>, ErrorOf<TDefinitions[K]>> | undefined
  >
  /** Clears the cache, aborts this store's running requests and clears its timers. */
  resetApiState(): UnknownAction
  invalidateTags(tags: readonly (TagDescription<TTagTypes> | null | undefined)[]): UnknownAction
  selectInvalidatedBy(state: any, tags: readonly TagDescription<TTagTypes>[]): InvalidatedEntry[]
  selectCachedArgsForQuery<K extends QueryNames<TDefinitions>>(state: any, endpointName: K): ArgOf<TDefinitions[K]>[]
  /**
   * Runs an Immer recipe on one cached entry's data. Changes nothing (empty
   * patches) when the entry does not exist. `updateProvided` (default true)
   * recomputes the entry's provided tags.
   */
  updateQueryData<K extends QueryNames<TDefinitions>>(
    endpointName: K,
    arg: ArgOf<TDefinitions[K]>,
    recipe: Recipe<ResultOf<TDefinitions[K]>>,
    updateProvided?: boolean,
  ): Thunk<PatchCollection>
  /** Applies Immer patches to one cached entry's data. */
  patchQueryData<K extends QueryNames<TDefinitions>>(
    endpointName: K,
    arg: ArgOf<TDefinitions[K]>,
    patches: readonly Patch[],
    updateProvided?: boolean,
  ): Thunk<void>
  /** Stores `value` as the entry's data (creating the entry), without a request. */
  upsertQueryData<K extends QueryNames<TDefinitions>>(
    endpointName: K,
    arg: ArgOf<TDefinitions[K]>,
    value: ResultOf<TDefinitions[K]>,
  ): Thunk<QueryActionCreatorResult<ResultOf<TDefinitions[K]>, ArgOf<TDefinitions[K]>, ErrorOf<TDefinitions[K]>>>
  /** Stores many entries in ONE action. */
  upsertQueryEntries(
    entries: readonly {
      [K in QueryNames<TDefinitions>]: {
        endpointName: K
        arg: ArgOf<TDefinitions[K]>
        value: ResultOf<TDefinitions[K]>
      }
    }[QueryNames<TDefinitions>][],
  ): UnknownAction
  /** Fills the cache without subscribing. */
  prefetch<K extends QueryNames<TDefinitions>>(
    endpointName: K,
    arg: ArgOf<TDefinitions[K]>,
    options?: PrefetchOptions,
  ): Thunk<void>
}

/** The parts of an api that `coreModule` adds. */
export interface CoreApi<
  TDefinitions extends EndpointDefinitions,
  TReducerPath extends string,
  TTagTypes extends string,
> {
  reducerPath: TReducerPath
  reducer: Reducer<ApiState<TReducerPath>>
  middleware: Middleware<{}, any, any>
  /** The action creators the api dispatches internally, each with `.match` (RTK Query's `internalActions`). */
  internalActions: InternalActions
  endpoints: ApiEndpoints<TDefinitions>
  util: ApiUtil<TDefinitions, TTagTypes>
}

/**
 * Modules register the parts they add here, by name; `api-slice/react`
 * adds its hooks under `react` through declaration merging.
 */
export interface ApiModules<
  TBaseQuery extends BaseQueryFn,
  TDefinitions extends EndpointDefinitions,
  TReducerPath extends string,
  TTagTypes extends string,
> {
  core: CoreApi<TDefinitions, TReducerPath, TTagTypes> & { readonly __baseQuery?: TBaseQuery }
}

export type ModuleName = keyof ApiModules<any, any, any, any>

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never

export interface InjectEndpointsOptions<
  TNewDefinitions extends EndpointDefinitions,
  TBaseQuery extends BaseQueryFn,
  TTagTypes extends string,
  TReducerPath extends string,
> {
  endpoints: (build: EndpointBuilder<TBaseQuery, TTagTypes, TReducerPath>) => TNewDefinitions
  /** What to do when a name exists: `false` keeps the old one (with a warning), `true` replaces it, `'throw'` throws. Default: false. */
  overrideExisting?: boolean | 'throw'
}

export interface EnhanceEndpointsOptions<TDefinitions extends EndpointDefinitions, TNewTagTypes extends string> {
  addTagTypes?: readonly TNewTagTypes[]
  endpoints?: {
    [K in keyof TDefinitions]?: Partial<TDefinitions[K]> | ((definition: TDefinitions[K]) => void)
  }
}

export type Api<
  TBaseQuery extends BaseQueryFn,
  TDefinitions extends EndpointDefinitions,
  TReducerPath extends string,
  TTagTypes extends string,
  TModules extends ModuleName = 'core',
> = UnionToIntersection<ApiModules<TBaseQuery, TDefinitions, TReducerPath, TTagTypes>[TModules]> & {
  injectEndpoints<TNewDefinitions extends EndpointDefinitions>(
    options: InjectEndpointsOptions<TNewDefinitions, TBaseQuery, TTagTypes, TReducerPath>,
  ): Api<TBaseQuery, TDefinitions & TNewDefinitions, TReducerPath, TTagTypes, TModules>
  enhanceEndpoints<TNewTagTypes extends string = never>(
    options: EnhanceEndpointsOptions<TDefinitions, TNewTagTypes>,
  ): Api<TBaseQuery, TDefinitions, TReducerPath, TTagTypes | TNewTagTypes, TModules>
}

export type AnyApi = Api<any, EndpointDefinitions, string, string, ModuleName>
export type { EndpointDefinition }
