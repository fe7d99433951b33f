import { QueryStatus } from '../queryStatus'
import { onFocus, onOnline } from '../setupListeners'
import type { Subscribers } from '../types/state'
import type { MiddlewareHandler } from './types'

type Trigger = 'refetchOnFocus' | 'refetchOnReconnect'

/** A subscriber's own setting wins; the api's applies when no subscriber sets one. */
function wantsRefetch(subscribers: Subscribers, trigger: Trigger, apiDefault: boolean): boolean {
  const settings = Object.values(subscribers).map((options) => options[trigger])
  if (settings.some((setting) => setting === true)) return true
  return settings.every((setting) => setting === undefined) && apiDefault
}

/** Refetches subscribed queries when the window regains focus or the network comes back. */
export const windowEventHandling: MiddlewareHandler = ({ action }, context) => {
  const trigger: Trigger | undefined = onFocus.match(action)
    ? 'refetchOnFocus'
    : onOnline.match(action)
      ? 'refetchOnReconnect'
      : undefined
  if (!trigger) return
  const tables = context.currentTables()
  const apiDefault = context.ctx.initialConfig[trigger]
  tables.subscriptions.forEach((subscribers, queryCacheKey) => {
    const entry = tables.queries.get(queryCacheKey)
    if (!entry || entry.status === QueryStatus.uninitialized) return
    if (wantsRefetch(subscribers, trigger, apiDefault)) {
      context.initiateQuery(entry.endpointName, entry.originalArgs, { subscribe: false, forceRefetch: true })
    }
  })
}
