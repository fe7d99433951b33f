import type { HandlerContext, MiddlewareHandler } from './types'

/** setTimeout's limit (2^31 − 1 ms), in seconds: longer delays would fire at once. */
const MAX_TIMER_SECONDS = 2_147_483_647 / 1000

function keepUnusedSeconds(context: HandlerContext, endpointName: string): number {
  const definition = context.ctx.definitions[endpointName]
  const own = definition?.type === 'query' ? definition.keepUnusedDataFor : undefined
  return own ?? context.ctx.initialConfig.keepUnusedDataFor
}

function cancelRemoval(context: HandlerContext, queryCacheKey: string): void {
  const timer = context.internals.removalTimers.get(queryCacheKey)
  if (timer === undefined) return
  clearTimeout(timer)
  context.internals.removalTimers.delete(queryCacheKey)
}

function isUnused(context: HandlerContext, queryCacheKey: string): boolean {
  return context.internals.subscriptions.getSubscriptionCount(queryCacheKey) === 0
}

/**
 * Starts the removal timer of an entry nobody subscribes to (pending ones
 * too: their request is aborted if it is still running when the timer fires). On the server no
 * timer starts: a server store lives for one request, and a pending timer
 * would keep it (and the process) alive after the response.
 */
function scheduleRemovalIfUnused(context: HandlerContext, queryCacheKey: string): void {
  if (context.ctx.isServer || !isUnused(context, queryCacheKey)) return
  const entry = context.currentTables().queries.get(queryCacheKey)
  if (!entry) return
  const seconds = keepUnusedSeconds(context, entry.endpointName)
  if (seconds === Infinity) return
  cancelRemoval(context, queryCacheKey)
  const delay = Math.max(0, Math.min(seconds, MAX_TIMER_SECONDS)) * 1000
  const timer = setTimeout(() => {
    context.internals.removalTimers.delete(queryCacheKey)
    if (isUnused(context, queryCacheKey)) {
      // A request still running for nobody is aborted with its entry.
      context.internals.runningQueries.get(queryCacheKey)?.abort('Aborted')
      context.dispatch(context.ctx.actions.removeQueryResult({ queryCacheKey }))
    }
  }, delay)
  context.internals.removalTimers.set(queryCacheKey, timer)
}

/** Removes entries `keepUnusedDataFor` seconds after their last subscriber leaves. */
export const cacheCollection: MiddlewareHandler = ({ action, previousTables, rehydration }, context) => {
  const { actions } = context.ctx
  if (actions.resetApiState.match(action)) {
    for (const timer of context.internals.removalTimers.values()) clearTimeout(timer)
    context.internals.removalTimers.clear()
  } else if (actions.unsubscribeQueryResult.match(action)) {
    scheduleRemovalIfUnused(context, action.payload.queryCacheKey)
  } else if (actions.subscriptionAdded.match(action)) {
    cancelRemoval(context, action.payload.queryCacheKey)
  } else if (actions.queryPending.match(action)) {
    if (action.meta.arg.subscribe) cancelRemoval(context, action.meta.arg.queryCacheKey)
  } else if (actions.queryFulfilled.match(action) || (actions.queryRejected.match(action) && !action.meta.condition)) {
    scheduleRemovalIfUnused(context, action.meta.arg.queryCacheKey)
  } else if (actions.removeQueryResult.match(action)) {
    cancelRemoval(context, action.payload.queryCacheKey)
  } else if (actions.cacheEntriesUpserted.match(action)) {
    for (const { queryDescription } of action.payload) scheduleRemovalIfUnused(context, queryDescription.queryCacheKey)
  }
  if (rehydration !== undefined) {
    // Entries the client took from the server are unused until a component
    // subscribes; give them the same grace period as any other entry.
    const current = context.currentTables()
    current.queries.forEach((entry, queryCacheKey) => {
      if (previousTables.queries.get(queryCacheKey) !== entry) scheduleRemovalIfUnused(context, queryCacheKey)
    })
  }
}
