import type { QueryActionCreatorResult } from 'api-slice'
import * as React from 'react'
import { useMemo } from 'react'
import { type HookContext, type SelectedQuery, thunkDispatch } from './hookContext'
import type { UseQuerySubscriptionOptions, UseQueryStateResult } from './types'
import { buildUseQueryState } from './useQueryState'
import { buildUseQuerySubscription } from './useQuerySubscription'
import { useStableQueryArg } from './useStableQueryArg'

/** Thrown to the nearest error boundary when a suspense query fails. */
export class QueryError extends Error {
  /** The query's error, as stored in the cache. */
  readonly error: unknown
  readonly endpointName: string
  readonly queryCacheKey: string
  constructor(endpointName: string, queryCacheKey: string, error: unknown) {
    const detail = (error as { message?: unknown })?.message ?? JSON.stringify(error)
    super(`[api-slice] Query '${endpointName}' (cache key ${queryCacheKey}) failed: ${String(detail)}`)
    this.name = 'QueryError'
    this.error = error
    this.endpointName = endpointName
    this.queryCacheKey = queryCacheKey
  }
}

/*
 * Requests started by suspending components, per store and cache key. The
 * request starts in a microtask rather than during render: dispatching in
 * render would update other components' subscriptions while React renders
 * this one. Until it starts, every render of the key gets the same promise,
 * as React requires of a promise it suspends on.
 */
const startsByStore = new WeakMap<object, Map<string, Promise<unknown>>>()

function startAfterRender(store: object, queryCacheKey: string, start: () => PromiseLike<unknown>): Promise<unknown> {
  let starts = startsByStore.get(store)
  if (!starts) startsByStore.set(store, (starts = new Map()))
  let promise = starts.get(queryCacheKey)
  if (!promise) {
    promise = new Promise<unknown>((resolve) => queueMicrotask(() => void start().then(resolve, resolve))).finally(() =>
      starts.delete(queryCacheKey),
    )
    starts.set(queryCacheKey, promise)
  }
  return promise
}

const reactUse = (React as { use?: (promise: PromiseLike<unknown>) => unknown }).use

// React 19's `use` when there is one; React 18 suspends on a thrown promise.
const usePromise: (promise: PromiseLike<unknown>) => unknown =
  reactUse ??
  ((promise) => {
    throw promise
  })

/*
 * React 19 warns when a component that suspended with `use()` renders again
 * without calling it; a promise already marked fulfilled keeps the call
 * count equal without suspending.
 */
const settled = Object.assign(Promise.resolve(undefined), { status: 'fulfilled', value: undefined })

/**
 * `useSuspenseQuery`: suspends until the entry holds data, throws a
 * `QueryError` to the nearest error boundary when the request fails, and
 * never suspends when the store already has data (rehydrated or
 * prefetched). While suspended no subscription exists (the component has not
 * mounted); it subscribes once mounted, like `useQuery`.
 *
 * @example
 * function Post({ id }) {
 *   const { data } = api.useGetPostSuspenseQuery(id)
 *   return <h1>{data.title}</h1>
 * }
 *
 * @internal
 */
export function buildUseSuspenseQuery(hc: HookContext, endpointName: string) {
  const useQuerySubscription = buildUseQuerySubscription(hc, endpointName)
  const useQueryState = buildUseQueryState(hc, endpointName, true)
  return function useSuspenseQuery(arg: unknown, options: Omit<UseQuerySubscriptionOptions, 'skip'> = {}) {
    const store = hc.hooks.useStore()
    const dispatch = thunkDispatch(store.dispatch)
    const stableArg = useStableQueryArg(hc, endpointName, arg)
    const { refetch } = useQuerySubscription(stableArg, options)
    const state = useQueryState(stableArg) as UseQueryStateResult
    const entry = hc.endpoint(endpointName).select(stableArg)(store.getState()) as SelectedQuery
    if (entry.data === undefined) {
      const queryCacheKey = hc.ctx.cacheKeyFor(endpointName, stableArg)
      if (entry.isError) throw new QueryError(endpointName, queryCacheKey, entry.error)
      // A running request's promise is the same object on every render while it runs, as React wants.
      const running: QueryActionCreatorResult | undefined = dispatch(
        hc.util.getRunningQueryThunk!(endpointName, stableArg),
      )
      const start = () => dispatch(hc.endpoint(endpointName).initiate(stableArg, { subscribe: false }))
      // On the server nothing subscribes to the store during a render, so the
      // request starts at once (and getRunningQueriesThunk sees it right after).
      usePromise(running ?? (hc.ctx.isServer ? start() : startAfterRender(store, queryCacheKey, start)))
    } else if (reactUse) {
      reactUse(settled)
    }
    return useMemo(() => ({ ...state, data: state.data ?? entry.data, refetch }), [state, entry.data, refetch])
  }
}
