import type { SerializedError } from '../errors'
import type { QueryStatus } from '../queryStatus'
import type { FullTagDescription } from './tags'
import type { PageDirection } from './infinite'

/** One query cache entry, with RTK Query's field names. */
export interface QuerySubState<TData = unknown, TArg = unknown, TError = unknown> {
  status: QueryStatus
  endpointName: string
  requestId?: string
  originalArgs?: TArg
  data?: TData
  /** A `baseQuery` error, or a serialized thrown error. */
  error?: TError | SerializedError
  /** Epoch milliseconds when the latest request started. */
  startedTimeStamp?: number
  /** Epoch milliseconds when the latest successful request settled. */
  fulfilledTimeStamp?: number
  /** Infinite queries only: the direction of the latest request. */
  direction?: PageDirection
}

/** One mutation entry, keyed by `fixedCacheKey` or by request id. */
export interface MutationSubState<TData = unknown, TArg = unknown, TError = unknown> {
  status: QueryStatus
  endpointName: string
  requestId: string
  originalArgs?: TArg
  data?: TData
  error?: TError | SerializedError
  startedTimeStamp?: number
  fulfilledTimeStamp?: number
}

export interface SubscriptionOptions {
  /** Poll every this many milliseconds while subscribed. Default: no polling. */
  pollingInterval?: number
  /** Skip polls while the page is not focused. Default: false. */
  skipPollingIfUnfocused?: boolean
  /** Refetch when the browser regains its connection. Default: false. */
  refetchOnReconnect?: boolean
  /** Refetch when the window regains focus. Default: false. */
  refetchOnFocus?: boolean
}

/** Subscribers of one cache key, keyed by the request id that subscribed. */
export type Subscribers = Readonly<Record<string, SubscriptionOptions>>

export interface RefetchConfigOptions {
  /**
   * Refetch a subscribed query when it mounts or its argument changes: `true`
   * always, a number to refetch when the data is at least that many seconds
   * old. Default: false.
   */
  refetchOnMountOrArgChange: boolean | number
  /** Default: false. */
  refetchOnReconnect: boolean
  /** Default: false. */
  refetchOnFocus: boolean
}

export interface ConfigState<TReducerPath extends string = string> extends RefetchConfigOptions {
  reducerPath: TReducerPath
  online: boolean
  focused: boolean
  middlewareRegistered: boolean | 'conflict'
  /** Seconds. */
  keepUnusedDataFor: number
  invalidationBehavior: 'delayed' | 'immediately'
}

export interface InvalidationState {
  /** tag type → tag id → the cache keys that provide it. Untagged ids use `__internal_without_id`. */
  tags: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>
  /** cache key → the tags it provides. */
  keys: Readonly<Record<string, readonly FullTagDescription[]>>
}

/** The api's slice of the store, at `state[reducerPath]`. */
export interface ApiState<TReducerPath extends string = string> {
  queries: Readonly<Record<string, QuerySubState | undefined>>
  mutations: Readonly<Record<string, MutationSubState | undefined>>
  provided: InvalidationState
  subscriptions: Readonly<Record<string, Subscribers | undefined>>
  config: ConfigState<TReducerPath>
}

export type ApiRootState<TReducerPath extends string = string> = {
  [K in TReducerPath]: ApiState<K>
}
