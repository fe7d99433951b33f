import { createAction } from '@reduxjs/toolkit'
import { nextRequestId } from './requestIds'
import type { Patch } from 'immer'
import type { SerializedError } from './errors'
import type { SubscriptionOptions } from './types/state'
import type { PageDirection } from './types/infinite'
import type { TagDescription } from './types/tags'

export interface QueryThunkArg {
  type: 'query'
  endpointName: string
  originalArgs: unknown
  queryCacheKey: string
  /** Whether the dispatch that started the request subscribed to the entry. */
  subscribe: boolean
  forceRefetch?: boolean | number
  subscriptionOptions?: SubscriptionOptions
  /** Set by `upsertQueryData`: the request stores a given value instead of fetching. */
  upsert?: boolean
  /** Infinite queries only: set for every request of an infinite query. */
  infinite?: boolean
  /** Infinite queries only: which page to fetch; none means the first page, or a refetch of the cached pages. */
  direction?: PageDirection
  /** Infinite queries only: overrides `initialPageParam` for the first page. */
  initialPageParam?: unknown
}

export interface MutationThunkArg {
  type: 'mutation'
  endpointName: string
  originalArgs: unknown
  /** When false the mutation is not kept in state. Default: true. */
  track: boolean
  fixedCacheKey?: string
}

export interface RequestMeta<TArg> {
  arg: TArg
  requestId: string
  requestStatus: 'pending' | 'fulfilled' | 'rejected'
  startedTimeStamp?: number
  fulfilledTimeStamp?: number
  baseQueryMeta?: unknown
  /** True when `baseQuery` returned `{ error }` (as opposed to throwing). */
  rejectedWithValue?: boolean
  aborted?: boolean
}

export interface QueryPatch {
  queryCacheKey: string
  /** Immer patches against the entry's data. */
  patches: readonly Patch[]
  /** Recompute the entry's provided tags from the patched data. */
  updateProvided: boolean
}

export interface UpsertedEntry {
  queryCacheKey: string
  endpointName: string
  arg: unknown
  value: unknown
}

export interface SubscriptionChange {
  queryCacheKey: string
  requestId: string
  options?: SubscriptionOptions
}

function withMeta<TMeta>() {
  return (meta: TMeta) => ({ payload: undefined, meta })
}

function settled<TMeta>() {
  return (payload: unknown, meta: TMeta) => ({ payload, meta })
}

function rejected<TMeta>() {
  return (payload: unknown, meta: TMeta, error: SerializedError) => ({ payload, meta, error })
}

/** Every action an api dispatches, typed under its `reducerPath`. @internal */
export function createApiActions(reducerPath: string) {
  const type = (name: string) => `${reducerPath}/${name}`
  return {
    queryPending: createAction(type('executeQuery/pending'), withMeta<RequestMeta<QueryThunkArg>>()),
    queryFulfilled: createAction(type('executeQuery/fulfilled'), settled<RequestMeta<QueryThunkArg>>()),
    queryRejected: createAction(type('executeQuery/rejected'), rejected<RequestMeta<QueryThunkArg>>()),
    mutationPending: createAction(type('executeMutation/pending'), withMeta<RequestMeta<MutationThunkArg>>()),
    mutationFulfilled: createAction(type('executeMutation/fulfilled'), settled<RequestMeta<MutationThunkArg>>()),
    mutationRejected: createAction(type('executeMutation/rejected'), rejected<RequestMeta<MutationThunkArg>>()),
    subscriptionAdded: createAction<SubscriptionChange>(type('subscriptions/subscriptionAdded')),
    updateSubscriptionOptions: createAction<SubscriptionChange>(type('subscriptions/updateSubscriptionOptions')),
    unsubscribeQueryResult: createAction<SubscriptionChange>(type('subscriptions/unsubscribeQueryResult')),
    removeQueryResult: createAction<{ queryCacheKey: string }>(type('queries/removeQueryResult')),
    removeMutationResult: createAction<{ requestId?: string; fixedCacheKey?: string }>(
      type('mutations/removeMutationResult'),
    ),
    /**
     * `meta.base`/`meta.result` let the reducer reuse data the thunk already
     * produced when the entry still holds `base`, instead of applying the
     * patches a second time.
     */
    queryResultPatched: createAction(
      type('queries/queryResultPatched'),
      (payload: QueryPatch, base?: unknown, result?: unknown) => ({
        payload,
        meta: { base, result },
      }),
    ),
    cacheEntriesUpserted: createAction(type('queries/cacheEntriesUpserted'), (entries: UpsertedEntry[]) => ({
      payload: entries,
      meta: { requestId: nextRequestId(), timestamp: Date.now() },
    })),
    invalidateTags: createAction<readonly TagDescription[]>(type('invalidateTags')),
    /** Dispatched by the middleware as it invalidates tags, so the state records when. */
    tagsInvalidated: createAction(type('invalidation/tagsInvalidated'), (tags: readonly TagDescription[]) => ({
      payload: { tags, timestamp: Date.now() },
    })),
    resetApiState: createAction(type('resetApiState')),
    middlewareRegistered: createAction<string>(type('config/middlewareRegistered')),
    /** Answered by the middleware with the store's internals; never reaches a reducer. */
    internalsRequested: createAction(type('internal/storeInternalsRequested')),
  }
}

export type ApiActions = ReturnType<typeof createApiActions>
