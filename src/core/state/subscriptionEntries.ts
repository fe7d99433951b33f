import type { SubscriptionPatch } from '../actions'
import type { CacheTables } from './cacheTables'

/**
 * Applies the middleware's batched subscription changes to the copy kept in
 * `state.subscriptions` (the middleware's registry is the source of truth).
 *
 * @internal
 */
export function subscriptionsPatched(tables: CacheTables, patches: readonly SubscriptionPatch[]): CacheTables {
  let subscriptions = tables.subscriptions
  for (const patch of patches) {
    const [queryCacheKey] = patch.path
    subscriptions =
      patch.op === 'add' ? subscriptions.set(queryCacheKey, patch.value) : subscriptions.delete(queryCacheKey)
  }
  return subscriptions === tables.subscriptions ? tables : { ...tables, subscriptions }
}
