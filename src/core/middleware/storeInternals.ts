import type { UnknownAction } from '@reduxjs/toolkit'
import type { ApiContext } from '../apiContext'
import { apiSliceError } from '../errors'
import type { TagDescription } from '../types/tags'
import { SubscriptionRegistry, type SubscriptionSelectors } from './subscriptionRegistry'

export interface RunningRequest<TResult> {
  requestId: string
  /** Settles once the request's fulfilled or rejected action has been dispatched. */
  settled: Promise<unknown>
  abort: (reason?: string) => void
  /** What `initiate` returned for this request; set right after it starts. */
  result?: TResult
}

const INTERNALS = Symbol('api-slice store internals')

/**
 * Everything one store needs beyond its Redux state: subscriptions, running
 * requests, timers and queued invalidations. One object per store (created
 * when the store applies the middleware), never per api and never at module
 * level, so one api can serve many concurrent SSR requests without leaking.
 *
 * @internal
 */
export interface StoreInternals {
  /** False for the stand-in made when a store lacks the middleware (requests still run, nothing else does). */
  readonly withMiddleware: boolean
  /** Which request ids subscribe to each cache key. */
  readonly subscriptions: SubscriptionRegistry
  /**
   * Tells the middleware's handlers that a dispatch subscribed without
   * starting a request (no action marks that). Set by the middleware.
   */
  subscribed: (queryCacheKey: string, requestId: string) => void
  /** By cache key. */
  readonly runningQueries: Map<string, RunningRequest<unknown>>
  /** By request id. */
  readonly runningMutations: Map<string, RunningRequest<unknown> & { fixedCacheKey?: string; endpointName: string }>
  /** Cache-removal timers, by cache key. */
  readonly removalTimers: Map<string, ReturnType<typeof setTimeout>>
  /** Tags waiting for running requests to settle (`invalidationBehavior: 'delayed'`). */
  readonly pendingInvalidations: TagDescription[]
  /** Settles each running request's `queryFulfilled`, by request id. */
  readonly queryLifecycles: Map<string, { resolve: (value: unknown) => void; reject: (reason: unknown) => void }>
  /** Settles each cache entry's `cacheDataLoaded`/`cacheEntryRemoved`, by `query:` or `mutation:` + key. */
  readonly cacheLifecycles: Map<string, { loaded: (value: unknown) => void; removed: () => void }>
  /** Poll timers, by cache key, with the interval they were started for (ms). */
  readonly polls: Map<string, { interval: number; timer: ReturnType<typeof setTimeout> }>
}

export function createStoreInternals(withMiddleware: boolean): StoreInternals {
  return {
    withMiddleware,
    subscriptions: new SubscriptionRegistry(),
    subscribed: () => {},
    runningQueries: new Map(),
    runningMutations: new Map(),
    removalTimers: new Map(),
    pendingInvalidations: [],
    polls: new Map(),
    queryLifecycles: new Map(),
    cacheLifecycles: new Map(),
  }
}

/** What the middleware answers `internal_getRTKQSubscriptions` with: RTK Query's readers, and the internals. */
export function subscriptionAnswer(internals: StoreInternals): SubscriptionSelectors {
  const { getSubscriptions, getSubscriptionCount, isRequestSubscribed } = internals.subscriptions
  return Object.defineProperty({ getSubscriptions, getSubscriptionCount, isRequestSubscribed }, INTERNALS, {
    value: internals,
  })
}

function internalsIn(answer: unknown): StoreInternals | undefined {
  return typeof answer === 'object' && answer !== null
    ? (answer as { [INTERNALS]?: StoreInternals })[INTERNALS]
    : undefined
}

/**
 * The internals of the store `dispatch` belongs to. The middleware registers
 * them by the store's dispatch when the store is built; a store without the
 * middleware gets a stand-in (its requests run, but nothing removes, polls
 * or invalidates), as with RTK Query, whose first `initiate` reports it.
 */
export function storeInternalsFor(ctx: ApiContext, dispatch: (action: UnknownAction) => unknown): StoreInternals {
  const known = ctx.internalsByDispatch.get(dispatch)
  if (known) return known
  // A dispatch we have not seen (a wrapped one): ask the middleware.
  const internals = internalsIn(dispatch(ctx.actions.internal_getRTKQSubscriptions())) ?? createStoreInternals(false)
  ctx.internalsByDispatch.set(dispatch, internals)
  return internals
}

/**
 * Throws when the store lacks the api's middleware, once per api and in
 * development only: RTK Query's rule, checked after the first `initiate` of
 * the api has started its request.
 */
export function checkMiddleware(ctx: ApiContext, internals: StoreInternals): void {
  if (process.env.NODE_ENV === 'production' || ctx.middlewareChecked) return
  ctx.middlewareChecked = true
  if (internals.withMiddleware) return
  throw apiSliceError(
    `The middleware of the api at '${ctx.reducerPath}' is not in this store, so its cache entries are never ` +
      `removed, polled or invalidated. Add it: configureStore({ reducer, middleware: (getDefaultMiddleware) => ` +
      `getDefaultMiddleware().concat(api.middleware) }).`,
  )
}
