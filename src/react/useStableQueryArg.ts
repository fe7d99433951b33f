import { skipToken } from 'api-slice'
import { useMemo } from 'react'
import type { HookContext } from './hookContext'

/**
 * Returns the same argument object for as long as its cache key stays the
 * same, so `useGetPostsQuery({ page: 1 })` written inline does not refetch on
 * every render.
 *
 * @internal
 */
export function useStableQueryArg(hc: HookContext, endpointName: string, arg: unknown): unknown {
  const key = arg === skipToken ? undefined : hc.ctx.cacheKeyFor(endpointName, arg)
  // Keyed by the cache key on purpose: equal keys mean the same query.
  return useMemo(() => arg, [key])
}
