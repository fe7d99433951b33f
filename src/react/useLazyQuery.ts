import type { SubscriptionOptions } from 'api-slice'
import { useMemo } from 'react'
import type { HookContext } from './hookContext'
import type { UseQueryStateResult } from './types'
import { buildUseLazyQuerySubscription } from './useLazyQuerySubscription'
import { buildUseQueryState } from './useQueryState'

/**
 * `useLazyQuery`: `[trigger, result, { lastArg }]`.
 *
 * @example
 * const [search, { data, isFetching }] = api.useLazySearchQuery()
 * const found = await search(term).unwrap()
 *
 * @internal
 */
export function buildUseLazyQuery(hc: HookContext, endpointName: string) {
  const useLazyQuerySubscription = buildUseLazyQuerySubscription(hc, endpointName)
  const useQueryState = buildUseQueryState(hc, endpointName)
  return function useLazyQuery(
    options: SubscriptionOptions & { selectFromResult?: (result: UseQueryStateResult) => unknown } = {},
  ) {
    const { selectFromResult, ...subscriptionOptions } = options
    const [trigger, lastArg] = useLazyQuerySubscription(subscriptionOptions)
    const state = useQueryState(lastArg, { selectFromResult })
    const info = useMemo(() => ({ lastArg }), [lastArg])
    return useMemo(() => [trigger, state, info] as const, [trigger, state, info])
  }
}
