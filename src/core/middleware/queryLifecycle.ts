import { buildMutationSelect, readQueryResult } from '../selectors'
import { quietPromise, runLifecycle } from './lifecycleRunner'
import type { MiddlewareHandler } from './types'

/**
 * `onQueryStarted`: runs when each request starts; `queryFulfilled` settles
 * with that request's outcome.
 */
export const queryLifecycle: MiddlewareHandler = ({ action }, context) => {
  const { actions, definitions } = context.ctx
  const lifecycles = context.internals.queryLifecycles
  if (actions.queryPending.match(action) || actions.mutationPending.match(action)) {
    const { arg, requestId } = action.meta
    const definition = definitions[arg.endpointName]
    const onQueryStarted = definition?.onQueryStarted as ((arg: unknown, api: object) => unknown) | undefined
    if (!onQueryStarted) return
    const fulfilled = quietPromise<unknown>()
    lifecycles.set(requestId, { resolve: fulfilled.resolve, reject: fulfilled.reject })
    const base = {
      dispatch: context.dispatch,
      getState: context.getState,
      extra: context.extra(),
      requestId,
      queryFulfilled: fulfilled.promise,
    }
    const api =
      arg.type === 'query'
        ? {
            ...base,
            getCacheEntry: () => readQueryResult(context.ctx, context.getState(), arg.queryCacheKey),
            updateCachedData: (recipe: (draft: any) => any) =>
              context.updateQueryData(arg.endpointName, arg.originalArgs, recipe),
          }
        : {
            ...base,
            getCacheEntry: () =>
              buildMutationSelect(context.ctx)({ requestId, fixedCacheKey: arg.fixedCacheKey })(context.getState()),
          }
    runLifecycle('onQueryStarted', arg.endpointName, () => onQueryStarted(arg.originalArgs, api))
  } else if (actions.queryFulfilled.match(action) || actions.mutationFulfilled.match(action)) {
    lifecycles.get(action.meta.requestId)?.resolve({ data: action.payload, meta: action.meta.baseQueryMeta })
    lifecycles.delete(action.meta.requestId)
  } else if (actions.queryRejected.match(action) || actions.mutationRejected.match(action)) {
    lifecycles.get(action.meta.requestId)?.reject({
      error: action.payload ?? action.error,
      isUnhandledError: !action.meta.rejectedWithValue,
      meta: action.meta.baseQueryMeta,
    })
    lifecycles.delete(action.meta.requestId)
  }
}
