import { QueryStatus } from '../queryStatus'
import { keysInvalidatedBy } from '../state/providedIndex'
import { resolveTags } from '../tagResolution'
import type { TagDescription } from '../types/tags'
import type { HandlerContext, MiddlewareHandler } from './types'

function anyRequestRunning(context: HandlerContext): boolean {
  return context.internals.runningQueries.size > 0 || context.internals.runningMutations.size > 0
}

/** Refetches subscribed entries that provide `tags`, and drops unsubscribed ones. */
function invalidateNow(context: HandlerContext, tags: readonly TagDescription[]): void {
  const tables = context.currentTables()
  const { subscriptions } = context.internals
  for (const queryCacheKey of keysInvalidatedBy(tables, tags)) {
    const entry = tables.queries.get(queryCacheKey)
    if (!entry) continue
    if (subscriptions.getSubscriptionCount(queryCacheKey) === 0) {
      context.dispatch(context.ctx.actions.removeQueryResult({ queryCacheKey }))
    } else if (entry.status !== QueryStatus.uninitialized) {
      context.initiateQuery(entry.endpointName, entry.originalArgs, { subscribe: false, forceRefetch: true })
    }
  }
}

/**
 * With `invalidationBehavior: 'delayed'` (the default) tags wait until no
 * request of this store is running, so a query that started before a
 * mutation finished is refetched after it settles instead of keeping stale
 * data; concurrent mutations' invalidations are batched.
 */
function invalidate(context: HandlerContext, tags: readonly TagDescription[]): void {
  const queue = context.internals.pendingInvalidations
  if (!tags.length && !queue.length) return
  if (context.ctx.initialConfig.invalidationBehavior === 'delayed' && anyRequestRunning(context)) {
    queue.push(...tags)
    return
  }
  const all = [...queue.splice(0), ...tags]
  if (all.length) invalidateNow(context, all)
}

/** Tag invalidation after mutations and `api.util.invalidateTags`. */
export const invalidationByTags: MiddlewareHandler = ({ action }, context) => {
  const { actions, tagTypes } = context.ctx
  if (actions.resetApiState.match(action)) {
    context.internals.pendingInvalidations.length = 0
  } else if (actions.invalidateTags.match(action)) {
    invalidate(context, action.payload)
  } else if (
    actions.mutationFulfilled.match(action) ||
    (actions.mutationRejected.match(action) && action.meta.rejectedWithValue)
  ) {
    const { payload, meta } = action
    const { endpointName, originalArgs } = meta.arg
    const definition = context.ctx.definitions[endpointName]
    const fulfilled = meta.requestStatus === 'fulfilled'
    const tags = resolveTags({
      description: definition?.type === 'mutation' ? (definition.invalidatesTags as never) : undefined,
      result: fulfilled ? payload : undefined,
      error: fulfilled ? undefined : payload,
      arg: originalArgs,
      meta: meta.baseQueryMeta,
      tagTypes,
      endpointName,
    })
    invalidate(context, tags)
  } else if (
    actions.queryFulfilled.match(action) ||
    actions.queryRejected.match(action) ||
    actions.mutationRejected.match(action)
  ) {
    invalidate(context, [])
  }
}
