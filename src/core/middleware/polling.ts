import { QueryStatus } from '../queryStatus'
import type { HandlerContext, MiddlewareHandler } from './types'

/** The lowest positive interval among the key's subscribers, and whether any of them skips polls while unfocused. */
function pollingSettings(context: HandlerContext, queryCacheKey: string) {
  const subscribers = context.internals.subscriptions.subscribers(queryCacheKey)
  let interval = Infinity
  let skipIfUnfocused = false
  for (const options of subscribers?.values() ?? []) {
    if (options.pollingInterval && options.pollingInterval > 0) {
      interval = Math.min(interval, options.pollingInterval)
      skipIfUnfocused ||= Boolean(options.skipPollingIfUnfocused)
    }
  }
  return { interval, skipIfUnfocused }
}

function stopPoll(context: HandlerContext, queryCacheKey: string): void {
  const poll = context.internals.polls.get(queryCacheKey)
  if (poll) clearTimeout(poll.timer)
  context.internals.polls.delete(queryCacheKey)
}

/** (Re)starts the key's poll so the next request comes one interval from now. */
function schedulePoll(context: HandlerContext, queryCacheKey: string): void {
  const { interval } = pollingSettings(context, queryCacheKey)
  stopPoll(context, queryCacheKey)
  if (context.ctx.isServer || !Number.isFinite(interval)) return
  const timer = setTimeout(() => firePoll(context, queryCacheKey), interval)
  context.internals.polls.set(queryCacheKey, { interval, timer })
}

function firePoll(context: HandlerContext, queryCacheKey: string): void {
  context.internals.polls.delete(queryCacheKey)
  const entry = context.currentTables().queries.get(queryCacheKey)
  const { skipIfUnfocused } = pollingSettings(context, queryCacheKey)
  if (!entry || entry.status === QueryStatus.uninitialized || (skipIfUnfocused && !context.currentConfig().focused)) {
    schedulePoll(context, queryCacheKey)
    return
  }
  // The request's settle action schedules the next poll, so slow responses never pile up.
  context.initiateQuery(entry.endpointName, entry.originalArgs, { subscribe: false, forceRefetch: true })
}

/**
 * Polls each cache key at the lowest `pollingInterval` of its subscribers.
 * A poll is scheduled when a request settles (failed ones too, so polling
 * survives errors) and when the subscribers' interval changes. No poll runs
 * on the server, and none outlives its last polling subscriber or a
 * `resetApiState`.
 */
export const polling: MiddlewareHandler = ({ action }, context) => {
  if (context.ctx.isServer) return
  const { actions } = context.ctx
  const { polls } = context.internals
  if (actions.resetApiState.match(action)) {
    for (const queryCacheKey of [...polls.keys()]) stopPoll(context, queryCacheKey)
  } else if (actions.removeQueryResult.match(action)) {
    stopPoll(context, action.payload.queryCacheKey)
  } else if (actions.queryFulfilled.match(action) || (actions.queryRejected.match(action) && !action.meta.condition)) {
    const { queryCacheKey } = action.meta.arg
    if (polls.has(queryCacheKey) || Number.isFinite(pollingSettings(context, queryCacheKey).interval)) {
      schedulePoll(context, queryCacheKey)
    }
  } else {
    const queryCacheKey =
      actions.queryPending.match(action) && action.meta.arg.subscribe
        ? action.meta.arg.queryCacheKey
        : actions.subscriptionAdded.match(action) ||
            actions.updateSubscriptionOptions.match(action) ||
            actions.unsubscribeQueryResult.match(action)
          ? action.payload.queryCacheKey
          : undefined
    if (queryCacheKey === undefined) return
    // An unchanged interval keeps its running timer.
    if (polls.get(queryCacheKey)?.interval === pollingSettings(context, queryCacheKey).interval) return
    schedulePoll(context, queryCacheKey)
  }
}
