import type { ApiContext } from '../apiContext'
import { apiSliceError } from '../errors'
import type { TagDescription } from '../types/tags'
import type { Dispatch, UnknownAction } from '@reduxjs/toolkit'

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
 * Everything one store needs beyond its Redux state: running requests,
 * timers and queued invalidations. One object per store (created when the
 * store applies the middleware), never per api and never at module level, so
 * one api can serve many concurrent SSR requests without leaking.
 *
 * @internal
 */
export interface StoreInternals {
  readonly [INTERNALS]: true
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

export function createStoreInternals(): StoreInternals {
  return {
    [INTERNALS]: true,
    runningQueries: new Map(),
    runningMutations: new Map(),
    removalTimers: new Map(),
    pendingInvalidations: [],
    polls: new Map(),
    queryLifecycles: new Map(),
    cacheLifecycles: new Map(),
  }
}

export function isStoreInternals(value: unknown): value is StoreInternals {
  return typeof value === 'object' && value !== null && INTERNALS in value
}

/**
 * Asks the store's middleware for its internals. Without the middleware the
 * request comes back as a plain action, and the caller gets a message that
 * says how to install it.
 */
export function requireStoreInternals(
  ctx: ApiContext,
  dispatch: Dispatch<UnknownAction>,
  caller: string,
): StoreInternals {
  const answer: unknown = dispatch(ctx.actions.internalsRequested())
  if (isStoreInternals(answer)) return answer
  throw apiSliceError(
    `${caller} needs the middleware of the api at '${ctx.reducerPath}', and this store does not have it. ` +
      `Add it: configureStore({ reducer, middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware) }).`,
  )
}
