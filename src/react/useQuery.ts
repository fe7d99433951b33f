import { useMemo } from 'react'
import type { HookContext } from './hookContext'
import type { UseQueryOptions, UseQueryStateResult } from './types'
import { buildUseQueryState } from './useQueryState'
import { buildUseQuerySubscription } from './useQuerySubscription'

/**
 * `useQuery`: subscribe and read, in one hook.
 *
 * @example
 * const { data, isLoading, error, refetch } = api.useGetPostQuery(id, { pollingInterval: 5000 })
 *
 * @internal
 */
export function buildUseQuery(hc: HookContext, endpointName: string) {
  const useQuerySubscription = buildUseQuerySubscription(hc, endpointName)
  const useQueryState = buildUseQueryState(hc, endpointName, true)
  return function useQuery(arg: unknown, options: UseQueryOptions<UseQueryStateResult, unknown> = {}) {
    const { refetch } = useQuerySubscription(arg, options)
    const state = useQueryState(arg, options) as object
    return useMemo(() => ({ ...state, refetch }), [state, refetch])
  }
}
