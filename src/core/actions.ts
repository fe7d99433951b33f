import { createAction, SHOULD_AUTOBATCH } from '@reduxjs/toolkit'
import { nextRequestId } from './requestIds'
import type { Patch } from 'immer'
import type { SerializedError } from './errors'
import type { SubscriptionOptions } from './types/state'
import type { PageDirection } from './types/infinite'
import type { FullTagDescription, TagDescription } from './types/tags'
import type { ListenerActions } from './setupListeners'

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
  /**
   * Set on the rejected action of a dispatch that started no request because
   * the entry was fresh (RTK Query's "condition" rejection). Nothing stores it.
   */
  condition?: boolean
}

export interface QueryPatch {
  queryCacheKey: string
  /** Immer patches against the entry's data. */
  patches: readonly Patch[]
}

/** The tags one cache key provides from now on. */
export interface ProvidedBy {
  queryCacheKey: string
  providedTags: readonly FullTagDescription[]
}

/** What `api.util.upsertQueryEntries` takes, one per entry. */
export interface UpsertEntryInput {
  endpointName: string
  arg: unknown
  value: unknown
}

/** One entry of the `cacheEntriesUpserted` action: RTK Query's payload shape. */
export interface UpsertedEntry {
  queryDescription: { type: 'query'; endpointName: string; originalArgs: unknown; queryCacheKey: string }
  value: unknown
  providedTags: readonly FullTagDescription[]
}

/** One key's subscribers written (`add`) or removed (`remove`) in `state.subscriptions`, in Immer's patch shape. */
export type SubscriptionPatch =
  { op: 'add'; path: [string]; value: Readonly<Record<string, SubscriptionOptions>> } | { op: 'remove'; path: [string] }

export interface SubscriptionChange {
  queryCacheKey: string
  requestId: string
  options?: SubscriptionOptions
}

/*
 * Actions marked SHOULD_AUTOBATCH let Redux Toolkit's autoBatchEnhancer
 * notify store subscribers once for a burst of them. The set is RTK Query's
 * (request starts and results, cache removals and patches, subscription
 * syncs), so components render as often as they would with it.
 */
const batched = { [SHOULD_AUTOBATCH]: true } as const

function withMeta<TMeta>() {
  return (meta: TMeta) => ({ payload: undefined, meta: { ...meta, ...batched } })
}

function settled<TMeta>() {
  return (payload: unknown, meta: TMeta) => ({ payload, meta: { ...meta, ...batched } })
}

/** A thrown error is not batched (it reaches subscribers at once); an `{ error }` result is. */
function rejected<TMeta extends { rejectedWithValue?: boolean }>() {
  return (payload: unknown, meta: TMeta, error: SerializedError) => ({
    payload,
    meta: meta.rejectedWithValue ? { ...meta, ...batched } : meta,
    error,
  })
}

function batchedPayload<TPayload>() {
  return (payload: TPayload) => ({ payload, meta: batched })
}

/** Every action an api dispatches, typed under its `reducerPath`. @internal */
export function createApiActions(
  reducerPath: string,
  /** Resolves user entries (cache keys, tags); the context that knows the endpoints supplies it. */
  prepareUpserts: (entries: readonly UpsertEntryInput[]) => UpsertedEntry[],
) {
  const type = (name: string) => `${reducerPath}/${name}`
  return {
    queryPending: createAction(type('executeQuery/pending'), withMeta<RequestMeta<QueryThunkArg>>()),
    queryFulfilled: createAction(type('executeQuery/fulfilled'), settled<RequestMeta<QueryThunkArg>>()),
    queryRejected: createAction(type('executeQuery/rejected'), rejected<RequestMeta<QueryThunkArg>>()),
    mutationPending: createAction(type('executeMutation/pending'), withMeta<RequestMeta<MutationThunkArg>>()),
    mutationFulfilled: createAction(type('executeMutation/fulfilled'), settled<RequestMeta<MutationThunkArg>>()),
    mutationRejected: createAction(type('executeMutation/rejected'), rejected<RequestMeta<MutationThunkArg>>()),
    updateSubscriptionOptions: createAction<SubscriptionChange>(type('subscriptions/updateSubscriptionOptions')),
    unsubscribeQueryResult: createAction<SubscriptionChange>(type('subscriptions/unsubscribeQueryResult')),
    /**
     * Answered by the middleware with this store's subscription readers (and,
     * for the library, its internals); it never reaches a reducer.
     */
    internal_getRTKQSubscriptions: createAction(type('subscriptions/internal_getRTKQSubscriptions')),
    /** The middleware's subscriptions, copied into `state.subscriptions` in batches. */
    subscriptionsUpdated: createAction(
      type('internalSubscriptions/subscriptionsUpdated'),
      batchedPayload<SubscriptionPatch[]>(),
    ),
    /**
     * Never dispatched: the event middleware handlers receive when a dispatch
     * subscribes to an entry without starting a request (no action marks it).
     */
    subscriptionAdded: createAction<SubscriptionChange>(type('subscriptions/subscriptionAdded')),
    removeQueryResult: createAction(type('queries/removeQueryResult'), batchedPayload<{ queryCacheKey: string }>()),
    removeMutationResult: createAction(
      type('mutations/removeMutationResult'),
      batchedPayload<{ requestId?: string; fixedCacheKey?: string }>(),
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
        meta: { base, result, ...batched },
      }),
    ),
    /** Replaces the tags each listed cache key provides (after a manual cache update). */
    updateProvidedBy: createAction(type('invalidation/updateProvidedBy'), batchedPayload<ProvidedBy[]>()),
    /** `api.util.upsertQueryEntries`: fulfilled entries written in one action. */
    cacheEntriesUpserted: createAction(
      type('queries/cacheEntriesUpserted'),
      (entries: readonly UpsertEntryInput[]) => ({
        payload: prepareUpserts(entries),
        meta: { requestId: nextRequestId(), timestamp: Date.now(), ...batched },
      }),
    ),
    /** `meta.timestamp` records when, so that rehydration can refuse server data older than the invalidation. */
    invalidateTags: createAction(type('invalidateTags'), (tags: readonly TagDescription[]) => ({
      payload: tags,
      meta: { timestamp: Date.now() },
    })),
    resetApiState: createAction(type('resetApiState')),
    /** Carries the api's uid: two apis at one reducerPath make `config.middlewareRegistered` 'conflict'. */
    middlewareRegistered: createAction<string>(type('config/middlewareRegistered')),
  }
}

export type ApiActions = ReturnType<typeof createApiActions>

/** `api.internalActions`: the action creators RTK Query exposes there, under the same names. */
export function internalActionsOf(actions: ApiActions, listeners: ListenerActions) {
  return {
    ...listeners,
    middlewareRegistered: actions.middlewareRegistered,
    removeQueryResult: actions.removeQueryResult,
    cacheEntriesUpserted: actions.cacheEntriesUpserted,
    queryResultPatched: actions.queryResultPatched,
    updateSubscriptionOptions: actions.updateSubscriptionOptions,
    unsubscribeQueryResult: actions.unsubscribeQueryResult,
    internal_getRTKQSubscriptions: actions.internal_getRTKQSubscriptions,
    subscriptionsUpdated: actions.subscriptionsUpdated,
    removeMutationResult: actions.removeMutationResult,
    updateProvidedBy: actions.updateProvidedBy,
    resetApiState: actions.resetApiState,
  }
}

export type InternalActions = ReturnType<typeof internalActionsOf>
