import { QueryStatus } from '../queryStatus'
import { onFocus, onOnline } from '../setupListeners'
import type { SubscriptionOptions } from '../types/state'
import type { MiddlewareHandler } from './types'

type Trigger = 'refetchOnFocus' | 'refetchOnReconnect'

/** A subscriber's own setting wins; the api's applies when no subscriber sets one. */
function wantsRefetch(
  subscribers: ReadonlyMap<string, SubscriptionOptions>,
  trigger: Trigger,
  apiDefault: boolean,
): boolean {
  const settings = [...subscribers.values()].map((options) => options[trigger])
  if (settings.some((setting) => setting === true)) return true
  return settings.every((setting) => setting === undefined) && apiDefault
}

/**
 * Refetches subscribed queries when the window regains focus or the network
 * comes back. Entries that were used and have no subscriber left are removed
 * instead (RTK Query's rule: they would be refetched for nobody).
 */
export const windowEventHandling: MiddlewareHandler = ({ action }, context) => {
  const trigger: Trigger | undefined = onFocus.match(action)
    ? 'refetchOnFocus'
    : onOnline.match(action)
      ? 'refetchOnReconnect'
      : undefined
  if (!trigger) return
  const tables = context.currentTables()
  const apiDefault = context.currentConfig()[trigger]
  for (const [queryCacheKey, subscribers] of [...context.internals.subscriptions.getSubscriptions()]) {
    const entry = tables.queries.get(queryCacheKey)
    if (!entry || !wantsRefetch(subscribers, trigger, apiDefault)) continue
    if (subscribers.size === 0) {
      context.dispatch(context.ctx.actions.removeQueryResult({ queryCacheKey }))
    } else if (entry.status !== QueryStatus.uninitialized) {
      context.initiateQuery(entry.endpointName, entry.originalArgs, { subscribe: false, forceRefetch: true })
    }
  }
}
