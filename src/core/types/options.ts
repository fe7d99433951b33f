import type { UnknownAction } from '@reduxjs/toolkit'
import type { BaseQueryFn } from './baseQuery'
import type { ApiSchemaOptions } from './schemas'
import type { EndpointBuilder, EndpointDefinitions, SerializeQueryArgs } from './definitions'

export interface CreateApiOptions<
  TBaseQuery extends BaseQueryFn,
  TDefinitions extends EndpointDefinitions,
  TReducerPath extends string = 'api',
  TTagTypes extends string = never,
> extends ApiSchemaOptions {
  /** Runs every request whose endpoint has a `query`. */
  baseQuery: TBaseQuery
  /** Defines the endpoints with `build.query` and `build.mutation`. */
  endpoints: (build: EndpointBuilder<TBaseQuery, TTagTypes, TReducerPath>) => TDefinitions
  /** Where the reducer is mounted in the root state. Default: `'api'`. */
  reducerPath?: TReducerPath
  /** The tag types endpoints may provide and invalidate. Default: none. */
  tagTypes?: readonly TTagTypes[]
  /** Builds every cache key. Default: `defaultSerializeQueryArgs` (`name(json-with-sorted-keys)`). */
  serializeQueryArgs?: SerializeQueryArgs
  /**
   * Seconds an entry stays cached after its last subscriber leaves. `Infinity`
   * keeps it forever; values above setTimeout's limit (about 24.8 days) are
   * clamped. Default: 60.
   */
  keepUnusedDataFor?: number
  /**
   * Refetch when a subscribing dispatch finds cached data: `true` always, a
   * number to refetch data at least that many seconds old. Default: false.
   */
  refetchOnMountOrArgChange?: boolean | number
  /** Refetch subscribed queries when the window regains focus (needs `setupListeners`). Default: false. */
  refetchOnFocus?: boolean
  /** Refetch subscribed queries when the network comes back (needs `setupListeners`). Default: false. */
  refetchOnReconnect?: boolean
  /**
   * `'delayed'` waits to invalidate tags until this store has no request
   * running; `'immediately'` invalidates as soon as a mutation settles.
   * Default: `'delayed'`.
   */
  invalidationBehavior?: 'delayed' | 'immediately'
  /**
   * Returns the api's state carried by a rehydration action (such as
   * next-redux-wrapper's HYDRATE), or undefined for any other action. Incoming
   * entries are merged "newer wins" (see docs/ssr-rehydration.md).
   */
  extractRehydrationInfo?: (action: UnknownAction, helpers: { reducerPath: string }) => unknown
  /**
   * Whether this api runs on a server, where no cache-removal or polling
   * timers start (a server store lives for one request; call
   * `resetApiState` when done).
   * Default: `typeof window === 'undefined'`.
   */
  isServer?: boolean
}
