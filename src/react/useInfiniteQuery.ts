import { emptyInfiniteQueryFlags, skipToken, type QueryActionCreatorResult } from 'api-slice'
import { useCallback, useMemo } from 'react'
import { type HookContext, thunkDispatch } from './hookContext'
import type { UseQuerySubscriptionOptions } from './types'
import { buildUseQueryState } from './useQueryState'
import { buildUseQuerySubscription } from './useQuerySubscription'
import { useStableQueryArg } from './useStableQueryArg'

/**
 * `useInfiniteQuery`: `useQuery` plus `fetchNextPage`, `fetchPreviousPage`
 * and the page flags (`hasNextPage`, `isFetchingNextPage`, …).
 *
 * @example
 * const { data, fetchNextPage, hasNextPage } = api.useGetFeedInfiniteQuery(topic)
 *
 * @internal
 */
export function buildUseInfiniteQuery(hc: HookContext, endpointName: string) {
  const useQuerySubscription = buildUseQuerySubscription(hc, endpointName)
  const useQueryState = buildUseQueryState(hc, endpointName, true)
  return function useInfiniteQuery(arg: unknown, options: UseQuerySubscriptionOptions = {}) {
    const dispatch = thunkDispatch(hc.hooks.useDispatch())
    const stableArg = useStableQueryArg(hc, endpointName, options.skip ? skipToken : arg)
    const { refetch } = useQuerySubscription(stableArg, options)
    const state = useQueryState(stableArg) as object
    const fetchPage = useCallback(
      (direction: 'forward' | 'backward'): QueryActionCreatorResult => {
        if (stableArg === skipToken) {
          throw new Error(
            `[api-slice] '${endpointName}' is skipped, so it has no pages to fetch. Pass an argument first.`,
          )
        }
        // The component's own subscription keeps the entry; page fetches add none.
        return dispatch(hc.endpoint(endpointName).initiate(stableArg, { direction, subscribe: false }))
      },
      [dispatch, stableArg],
    )
    const fetchNextPage = useCallback(() => fetchPage('forward'), [fetchPage])
    const fetchPreviousPage = useCallback(() => fetchPage('backward'), [fetchPage])
    return useMemo(
      // A skipped hook's state carries no page flags: they are all false then.
      () => ({ ...emptyInfiniteQueryFlags, ...state, refetch, fetchNextPage, fetchPreviousPage }),
      [state, refetch, fetchNextPage, fetchPreviousPage],
    )
  }
}
