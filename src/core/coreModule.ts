import { internalActionsOf } from './actions'
import type { Module } from './buildCreateApi'
import { onFocus, onFocusLost, onOffline, onOnline } from './setupListeners'
import { buildMiddleware } from './middleware'
import {
  buildMutationSelect,
  buildQuerySelect,
  buildSelectCachedArgsForQuery,
  buildSelectInvalidatedBy,
} from './selectors'
import { buildReducer } from './state/reducer'
import { buildInitiateMutation } from './thunks/initiateMutation'
import { buildInitiateQuery } from './thunks/initiateQuery'
import { buildCacheUpdates } from './thunks/cacheUpdates'
import { buildPrefetch } from './thunks/prefetch'
import { buildRunningThunks } from './thunks/runningThunks'

/**
 * The framework-free parts of an api: reducer, middleware, `util`, and each
 * endpoint's `initiate`, `select` and matchers.
 */
export function coreModule(): Module<'core'> {
  return {
    name: 'core',
    init(api, _options, ctx) {
      const { actions } = ctx
      const initiateQueries = new Map<string, ReturnType<typeof buildInitiateQuery>>()
      const initiateFor = (endpointName: string) => {
        let initiate = initiateQueries.get(endpointName)
        if (!initiate) {
          initiate = buildInitiateQuery(ctx, endpointName)
          initiateQueries.set(endpointName, initiate)
        }
        return initiate
      }
      const cacheUpdates = buildCacheUpdates(ctx, initiateFor)
      Object.assign(api, {
        internalActions: internalActionsOf(actions, { onFocus, onFocusLost, onOnline, onOffline }),
        reducer: buildReducer(ctx),
        middleware: buildMiddleware(ctx, { initiateFor, updateQueryData: cacheUpdates.updateQueryData }),
      })
      Object.assign(api.util, {
        ...buildRunningThunks(ctx),
        resetApiState: actions.resetApiState,
        invalidateTags: actions.invalidateTags,
        selectInvalidatedBy: buildSelectInvalidatedBy(ctx),
        selectCachedArgsForQuery: buildSelectCachedArgsForQuery(ctx),
        prefetch: buildPrefetch(ctx, initiateFor),
        ...cacheUpdates,
      })

      return {
        injectEndpoint(endpointName, definition) {
          const endpoints = api.endpoints as Record<string, object>
          const forEndpoint = (action: unknown) =>
            (action as { meta?: { arg?: { endpointName?: string } } }).meta?.arg?.endpointName === endpointName
          const parts =
            definition.type === 'query'
              ? {
                  initiate: initiateFor(endpointName),
                  select: buildQuerySelect(ctx, endpointName),
                  matchPending: (a: unknown) => actions.queryPending.match(a) && forEndpoint(a),
                  matchFulfilled: (a: unknown) => actions.queryFulfilled.match(a) && forEndpoint(a),
                  matchRejected: (a: unknown) => actions.queryRejected.match(a) && forEndpoint(a),
                }
              : {
                  initiate: buildInitiateMutation(ctx, endpointName),
                  select: buildMutationSelect(ctx),
                  matchPending: (a: unknown) => actions.mutationPending.match(a) && forEndpoint(a),
                  matchFulfilled: (a: unknown) => actions.mutationFulfilled.match(a) && forEndpoint(a),
                  matchRejected: (a: unknown) => actions.mutationRejected.match(a) && forEndpoint(a),
                }
          // Keep the same object when an endpoint is replaced, so references held elsewhere stay live.
          endpoints[endpointName] = Object.assign(endpoints[endpointName] ?? {}, { name: endpointName }, parts)
        },
      }
    },
  }
}
