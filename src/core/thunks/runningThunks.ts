import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit'
import { type ApiContext, queryCacheKeyFor, requireDefinition } from '../apiContext'
import { storeInternalsFor } from '../middleware/storeInternals'
import type { MutationActionCreatorResult, QueryActionCreatorResult } from '../types/results'

type Thunk<T> = ThunkAction<T, unknown, unknown, UnknownAction>

function present<T>(value: T | undefined): value is T {
  return value !== undefined
}

/**
 * `api.util.getRunningQueriesThunk` and friends. They read this store's
 * running requests only, so concurrent server renders never see each other's.
 *
 * @internal
 */
export function buildRunningThunks(ctx: ApiContext) {
  return {
    /** Every query request running in this store; await them before rendering on the server. */
    getRunningQueriesThunk: (): Thunk<QueryActionCreatorResult[]> => (dispatch) => {
      const internals = storeInternalsFor(ctx, dispatch)
      return [...internals.runningQueries.values()]
        .map((running) => running.result as QueryActionCreatorResult | undefined)
        .filter(present)
    },

    getRunningQueryThunk:
      (endpointName: string, arg: unknown): Thunk<QueryActionCreatorResult | undefined> =>
      (dispatch) => {
        requireDefinition(ctx, endpointName, 'api.util.getRunningQueryThunk', 'query')
        const internals = storeInternalsFor(ctx, dispatch)
        const running = internals.runningQueries.get(queryCacheKeyFor(ctx, endpointName, arg))
        return running?.result as QueryActionCreatorResult | undefined
      },

    getRunningMutationsThunk: (): Thunk<MutationActionCreatorResult[]> => (dispatch) => {
      const internals = storeInternalsFor(ctx, dispatch)
      return [...internals.runningMutations.values()]
        .map((running) => running.result as MutationActionCreatorResult | undefined)
        .filter(present)
    },

    getRunningMutationThunk:
      (endpointName: string, fixedCacheKeyOrRequestId: string): Thunk<MutationActionCreatorResult | undefined> =>
      (dispatch) => {
        requireDefinition(ctx, endpointName, 'api.util.getRunningMutationThunk', 'mutation')
        const internals = storeInternalsFor(ctx, dispatch)
        for (const running of internals.runningMutations.values()) {
          if (running.endpointName !== endpointName) continue
          if (running.requestId === fixedCacheKeyOrRequestId || running.fixedCacheKey === fixedCacheKeyOrRequestId) {
            return running.result as MutationActionCreatorResult | undefined
          }
        }
        return undefined
      },
  }
}
