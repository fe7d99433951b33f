import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit'
import { type ApiContext, queryCacheKeyFor, requireDefinition, selectApiState } from '../apiContext'
import { tablesOf } from '../state/cacheTables'
import type { QueryActionCreatorResult, StartQueryOptions } from '../types/results'

export type PrefetchOptions = { ifOlderThan?: false | number } | { force?: boolean }

type InitiateQuery = (
  arg: unknown,
  options?: StartQueryOptions,
) => ThunkAction<QueryActionCreatorResult, unknown, unknown, UnknownAction>

/**
 * `api.util.prefetch(endpointName, arg, options)`: fills the cache without
 * subscribing. `force` always fetches; `ifOlderThan` (seconds) fetches when
 * the cached data is missing or at least that old; otherwise cached data is
 * reused.
 *
 * @internal
 */
export function buildPrefetch(ctx: ApiContext, initiateFor: (endpointName: string) => InitiateQuery) {
  return (
      endpointName: string,
      arg: unknown,
      options: PrefetchOptions = {},
    ): ThunkAction<void, unknown, unknown, UnknownAction> =>
    (dispatch, getState) => {
      requireDefinition(ctx, endpointName, 'api.util.prefetch', 'query')
      const initiate = initiateFor(endpointName)
      if ('force' in options && options.force) {
        dispatch(initiate(arg, { subscribe: false, forceRefetch: true }))
        return
      }
      const maxAge = 'ifOlderThan' in options ? options.ifOlderThan : undefined
      if (typeof maxAge === 'number') {
        const entry = tablesOf(selectApiState(ctx, getState())).queries.get(queryCacheKeyFor(ctx, endpointName, arg))
        const fulfilled = entry?.fulfilledTimeStamp
        const stale = fulfilled === undefined || (Date.now() - fulfilled) / 1000 >= maxAge
        if (stale) dispatch(initiate(arg, { subscribe: false, forceRefetch: true }))
        return
      }
      dispatch(initiate(arg, { subscribe: false }))
    }
}
